package dev.invaders.memorybus;

import dev.invaders.i8080.CpuState;

/**
 * The CPU state as JSON, the shape of docs/services.md (the same as the opcode service's). Members are
 * boxed so that a missing one is told apart from zero; {@link #toState()} checks each, naming it
 * as the JSON does, before the core's {@link CpuState} gets it.
 */
public record CpuJson(Integer a, Integer b, Integer c, Integer d, Integer e, Integer h, Integer l,
                      Integer stackPointer, Integer programCounter, Long cycles,
                      Boolean interruptsEnabled, Boolean halted, Flags flags) {

    public record Flags(Boolean sign, Boolean zero, Boolean auxCarry, Boolean parity, Boolean carry) {
    }

    public static CpuJson of(CpuState s) {
        return new CpuJson(s.a(), s.b(), s.c(), s.d(), s.e(), s.h(), s.l(), s.sp(), s.pc(), s.cycles(),
                s.inte(), s.halted(),
                new Flags(s.flag(CpuState.SIGN), s.flag(CpuState.ZERO), s.flag(CpuState.AUX_CARRY),
                        s.flag(CpuState.PARITY), s.flag(CpuState.CARRY)));
    }

    /** The state this describes; a missing member or a value out of range is a 400. */
    public CpuState toState() {
        if (flags == null) {
            throw Api.badRequest("cpu.flags is missing");
        }
        int f = (bit("sign", flags.sign) ? CpuState.SIGN : 0)
                | (bit("zero", flags.zero) ? CpuState.ZERO : 0)
                | (bit("auxCarry", flags.auxCarry) ? CpuState.AUX_CARRY : 0)
                | (bit("parity", flags.parity) ? CpuState.PARITY : 0)
                | (bit("carry", flags.carry) ? CpuState.CARRY : 0);
        return new CpuState(reg("a", a), reg("b", b), reg("c", c), reg("d", d), reg("e", e),
                reg("h", h), reg("l", l), word("stackPointer", stackPointer),
                word("programCounter", programCounter), f, req("interruptsEnabled", interruptsEnabled),
                req("halted", halted), count("cycles", cycles));
    }

    private static int reg(String name, Integer v) {
        if (req(name, v) < 0 || v > 0xFF) {
            throw Api.badRequest("cpu." + name + " must be 0..255, not " + v);
        }
        return v;
    }

    private static int word(String name, Integer v) {
        if (req(name, v) < 0 || v > 0xFFFF) {
            throw Api.badRequest("cpu." + name + " must be 0..65535, not " + v);
        }
        return v;
    }

    private static long count(String name, Long v) {
        if (req(name, v) < 0) {
            throw Api.badRequest("cpu." + name + " must not be negative, not " + v);
        }
        return v;
    }

    private static boolean bit(String name, Boolean v) {
        return req("flags." + name, v);
    }

    private static <T> T req(String name, T v) {
        if (v == null) {
            throw Api.badRequest("cpu." + name + " is missing");
        }
        return v;
    }
}
