package dev.invaders.i8080;

/**
 * A snapshot of the 8080's registers: what an opcode service receives and returns, and what a
 * checkpoint stores. Immutable; {@link Cpu#state()} and {@link Cpu#setState(CpuState)} convert.
 *
 * @param flags  the flag byte as PUSH PSW stores it: S Z 0 AC 0 P 1 CY (bit 1 always 1, bits 3 and 5 always 0)
 * @param inte   the interrupt-enable flip-flop
 * @param halted true after HLT until an interrupt is accepted
 * @param cycles clock cycles executed so far
 */
public record CpuState(int a, int b, int c, int d, int e, int h, int l, int sp, int pc, int flags,
                       boolean inte, boolean halted, long cycles) {

    public static final int SIGN = 0x80, ZERO = 0x40, AUX_CARRY = 0x10, PARITY = 0x04, CARRY = 0x01;

    public CpuState {
        checkByte("a", a); checkByte("b", b); checkByte("c", c); checkByte("d", d);
        checkByte("e", e); checkByte("h", h); checkByte("l", l); checkByte("flags", flags);
        checkWord("sp", sp); checkWord("pc", pc);
        if (cycles < 0) {
            throw new IllegalArgumentException("cycles must not be negative: " + cycles);
        }
        flags = (flags & 0xD5) | 0x02;
    }

    /** The state after RESET: all zero, PC 0, interrupts off. */
    public static CpuState reset() {
        return new CpuState(0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, false, false, 0);
    }

    public boolean flag(int mask) {
        return (flags & mask) != 0;
    }

    public CpuState withPc(int newPc) {
        return new CpuState(a, b, c, d, e, h, l, sp, newPc, flags, inte, halted, cycles);
    }

    private static void checkByte(String name, int v) {
        if ((v & ~0xFF) != 0) {
            throw new IllegalArgumentException(name + " must be a byte (0-255): " + v);
        }
    }

    private static void checkWord(String name, int v) {
        if ((v & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(name + " must be a 16-bit value (0-65535): " + v);
        }
    }
}
