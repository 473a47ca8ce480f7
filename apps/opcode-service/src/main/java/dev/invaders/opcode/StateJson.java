package dev.invaders.opcode;

import dev.invaders.i8080.CpuState;
import dev.invaders.service.Problems;

/**
 * The CPU state on the wire, with the original system's member names. Boxed so that a missing member is
 * told apart from a zero; {@code halted} may be left out (false).
 */
public record StateJson(Integer a, Integer b, Integer c, Integer d, Integer e, Integer h, Integer l,
                        Integer stackPointer, Integer programCounter, Long cycles, Boolean interruptsEnabled,
                        Boolean halted, FlagsJson flags) {

    /** The flags, each a boolean. */
    public record FlagsJson(Boolean sign, Boolean zero, Boolean auxCarry, Boolean parity, Boolean carry) {

        int toByte() {
            return (bit(sign, "sign") ? CpuState.SIGN : 0) | (bit(zero, "zero") ? CpuState.ZERO : 0)
                    | (bit(auxCarry, "auxCarry") ? CpuState.AUX_CARRY : 0) | (bit(parity, "parity") ? CpuState.PARITY : 0)
                    | (bit(carry, "carry") ? CpuState.CARRY : 0);
        }

        static FlagsJson of(int flags) {
            return new FlagsJson((flags & CpuState.SIGN) != 0, (flags & CpuState.ZERO) != 0,
                    (flags & CpuState.AUX_CARRY) != 0, (flags & CpuState.PARITY) != 0, (flags & CpuState.CARRY) != 0);
        }

        private static boolean bit(Boolean value, String name) {
            if (value == null) {
                throw Problems.badRequest("state.flags." + name + " is missing");
            }
            return value;
        }
    }

    static StateJson of(CpuState s) {
        return new StateJson(s.a(), s.b(), s.c(), s.d(), s.e(), s.h(), s.l(), s.sp(), s.pc(), s.cycles(), s.inte(),
                s.halted(), FlagsJson.of(s.flags()));
    }

    CpuState toCpuState() {
        if (flags == null) {
            throw Problems.badRequest("state.flags is missing");
        }
        if (interruptsEnabled == null) {
            throw Problems.badRequest("state.interruptsEnabled is missing");
        }
        if (cycles == null) {
            throw Problems.badRequest("state.cycles is missing");
        }
        if (cycles < 0) {
            throw Problems.badRequest("state.cycles must not be negative: " + cycles);
        }
        return new CpuState(byteOf(a, "a"), byteOf(b, "b"), byteOf(c, "c"), byteOf(d, "d"), byteOf(e, "e"),
                byteOf(h, "h"), byteOf(l, "l"), wordOf(stackPointer, "stackPointer"),
                wordOf(programCounter, "programCounter"), flags.toByte(), interruptsEnabled,
                halted != null && halted, cycles);
    }

    private static int byteOf(Integer value, String name) {
        if (value == null) {
            throw Problems.badRequest("state." + name + " is missing");
        }
        if ((value & ~0xFF) != 0) {
            throw Problems.badRequest("state." + name + " must be a byte (0-255): " + value);
        }
        return value;
    }

    private static int wordOf(Integer value, String name) {
        if (value == null) {
            throw Problems.badRequest("state." + name + " is missing");
        }
        if ((value & ~0xFFFF) != 0) {
            throw Problems.badRequest("state." + name + " must be 0-65535: " + value);
        }
        return value;
    }
}
