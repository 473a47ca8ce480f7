package dev.invaders.i8080;

/**
 * A place an instruction may read or write. The opcode table declares, per opcode, which of these it
 * reads and which it writes; everything else is left untouched (a test proves it on random states).
 *
 * <p>The program counter is special: the fetch loop always advances it past the instruction before the
 * instruction's semantics run, so {@link #PC} is declared only where an instruction uses that value
 * (a CALL or RST pushes it; a conditional branch not taken continues there) or replaces it (a jump,
 * call, return or restart). Every other instruction's result is the same wherever it sits in memory.
 */
public enum Access {
    A, B, C, D, E, H, L,
    /** The stack pointer. */
    SP,
    /**
     * The address of the next instruction. Read where the result depends on it: CALL and RST push it, and
     * a conditional jump, call or return not taken continues there. Written by every jump.
     */
    PC,
    FLAG_S, FLAG_Z, FLAG_AC, FLAG_P, FLAG_CY,
    /** The interrupt-enable flip-flop. */
    INTE,
    /** The halt state (HLT enters it; an interrupt leaves it). */
    HALT,
    /** One byte at the address in HL (the "M" register). */
    MEM_HL,
    /** One byte at the address in BC. */
    MEM_BC,
    /** One byte at the address in DE. */
    MEM_DE,
    /** Two bytes at SP and SP+1: the top of the stack (POP, RET, XTHL). */
    MEM_STACK,
    /** Two bytes at SP-2 and SP-1: where a push lands (PUSH, CALL, RST). */
    MEM_PUSH,
    /** The bytes at the instruction's 16-bit immediate address: one for LDA/STA, two for LHLD/SHLD. */
    MEM_DIRECT,
    /** The I/O port named by the instruction's immediate byte (IN reads it, OUT writes it). */
    PORT;

    public static final java.util.Set<Access> FLAGS =
            java.util.Collections.unmodifiableSet(java.util.EnumSet.of(FLAG_S, FLAG_Z, FLAG_AC, FLAG_P, FLAG_CY));

    /** True for the memory places. */
    public boolean isMemory() {
        return this == MEM_HL || this == MEM_BC || this == MEM_DE || this == MEM_STACK || this == MEM_PUSH
                || this == MEM_DIRECT;
    }

    /** True for a register, a flag, PC, SP, INTE or HALT: the parts of the CPU state. */
    public boolean isState() {
        return !isMemory() && this != PORT;
    }
}
