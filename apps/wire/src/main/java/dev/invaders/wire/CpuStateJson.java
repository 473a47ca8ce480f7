package dev.invaders.wire;

/**
 * The CPU state on the wire, with the original system's member names (docs/services.md): an execute
 * call's {@code state}, a checkpoint's {@code cpu}, a checkpoint file's {@code cpu}. Members are boxed so
 * that a missing one is told apart from zero; {@link #checked} says which is missing or out of range.
 *
 * <p>No type of the emulator core appears here, so a service that only stores states (the memory bus)
 * keeps them as this record without the core on its class path; {@link CpuStates} converts to and from
 * the core's {@code CpuState} where the core is there.
 */
public record CpuStateJson(Integer a, Integer b, Integer c, Integer d, Integer e, Integer h, Integer l,
                           Integer stackPointer, Integer programCounter, Long cycles, Boolean interruptsEnabled,
                           Boolean halted, Flags flags) {

    /** The flags, each a boolean. */
    public record Flags(Boolean sign, Boolean zero, Boolean auxCarry, Boolean parity, Boolean carry) {
    }

    /**
     * This state with every member there and in range; {@code halted} may be left out (false).
     *
     * @param where the state's place in its document ({@code state}, {@code cpu}): each message names a
     *              member as {@code where.member}, e.g. {@code state.a must be a byte (0-255): 256}
     * @return this state, with {@code halted} false when it was left out
     * @throws IllegalArgumentException naming the first member that is missing or out of range
     */
    public CpuStateJson checked(String where) {
        if (flags == null) {
            throw missing(where, "flags");
        }
        if (interruptsEnabled == null) {
            throw missing(where, "interruptsEnabled");
        }
        if (cycles == null) {
            throw missing(where, "cycles");
        }
        if (cycles < 0) {
            throw new IllegalArgumentException(where + ".cycles must not be negative: " + cycles);
        }
        checkByte(where, "a", a);
        checkByte(where, "b", b);
        checkByte(where, "c", c);
        checkByte(where, "d", d);
        checkByte(where, "e", e);
        checkByte(where, "h", h);
        checkByte(where, "l", l);
        checkWord(where, "stackPointer", stackPointer);
        checkWord(where, "programCounter", programCounter);
        checkFlag(where, "sign", flags.sign);
        checkFlag(where, "zero", flags.zero);
        checkFlag(where, "auxCarry", flags.auxCarry);
        checkFlag(where, "parity", flags.parity);
        checkFlag(where, "carry", flags.carry);
        return halted != null ? this : new CpuStateJson(a, b, c, d, e, h, l, stackPointer, programCounter, cycles,
                interruptsEnabled, false, flags);
    }

    private static IllegalArgumentException missing(String where, String name) {
        return new IllegalArgumentException(where + "." + name + " is missing");
    }

    private static void checkByte(String where, String name, Integer value) {
        if (value == null) {
            throw missing(where, name);
        }
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException(where + "." + name + " must be a byte (0-255): " + value);
        }
    }

    private static void checkWord(String where, String name, Integer value) {
        if (value == null) {
            throw missing(where, name);
        }
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(where + "." + name + " must be 0-65535: " + value);
        }
    }

    private static void checkFlag(String where, String name, Boolean value) {
        if (value == null) {
            throw missing(where, "flags." + name);
        }
    }
}
