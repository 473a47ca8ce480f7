package dev.invaders.wire;

import dev.invaders.i8080.CpuState;

/**
 * {@link CpuStateJson} to and from the core's {@link CpuState}, for the modules that have the core (it
 * is an optional dependency of this one).
 */
public final class CpuStates {
    private CpuStates() {
    }

    /** The state as the wire has it. */
    public static CpuStateJson json(CpuState s) {
        return new CpuStateJson(s.a(), s.b(), s.c(), s.d(), s.e(), s.h(), s.l(), s.sp(), s.pc(), s.cycles(),
                s.inte(), s.halted(), new CpuStateJson.Flags(s.flag(CpuState.SIGN), s.flag(CpuState.ZERO),
                s.flag(CpuState.AUX_CARRY), s.flag(CpuState.PARITY), s.flag(CpuState.CARRY)));
    }

    /**
     * The state {@code json} describes.
     *
     * @param where as for {@link CpuStateJson#checked}; a null {@code json} is {@code where is missing}
     * @throws IllegalArgumentException naming the member that is missing or out of range
     */
    public static CpuState state(CpuStateJson json, String where) {
        if (json == null) {
            throw new IllegalArgumentException(where + " is missing");
        }
        CpuStateJson s = json.checked(where);
        CpuStateJson.Flags f = s.flags();
        int flags = (f.sign() ? CpuState.SIGN : 0) | (f.zero() ? CpuState.ZERO : 0)
                | (f.auxCarry() ? CpuState.AUX_CARRY : 0) | (f.parity() ? CpuState.PARITY : 0)
                | (f.carry() ? CpuState.CARRY : 0);
        return new CpuState(s.a(), s.b(), s.c(), s.d(), s.e(), s.h(), s.l(), s.stackPointer(), s.programCounter(),
                flags, s.interruptsEnabled(), s.halted(), s.cycles());
    }
}
