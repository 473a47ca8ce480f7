package dev.invaders.i8080.exec;

import dev.invaders.i8080.CpuState;

/**
 * A {@link CpuState} that a fetch loop changes in place, so an instruction answered from a cache costs no
 * new objects ({@link Footprint#key} reads it, {@link Footprint#apply} changes it). Fields as in CpuState:
 * bytes 0-255, SP and PC 0-65535, flags in the PSW layout. Not thread-safe; {@link #toState} is the
 * immutable copy.
 */
public final class Registers {
    public int a, b, c, d, e, h, l, sp, pc, flags;
    public boolean inte, halted;
    public long cycles;

    public Registers() {
        set(CpuState.reset());
    }

    /** Takes every field of {@code s}. */
    public void set(CpuState s) {
        a = s.a();
        b = s.b();
        c = s.c();
        d = s.d();
        e = s.e();
        h = s.h();
        l = s.l();
        sp = s.sp();
        pc = s.pc();
        flags = s.flags();
        inte = s.inte();
        halted = s.halted();
        cycles = s.cycles();
    }

    /** The state now, as an immutable CpuState. */
    public CpuState toState() {
        return new CpuState(a, b, c, d, e, h, l, sp, pc, flags, inte, halted, cycles);
    }
}
