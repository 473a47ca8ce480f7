package dev.invaders.i8080;

/**
 * What a machine needs from an 8080, whoever executes the opcodes: the in-process {@link Cpu}, or a
 * CPU whose opcodes run elsewhere (the fetch-execute service). Machines drive one through this.
 */
public interface Processor {
    /** Executes one instruction (or idles 4 cycles while halted) and returns its cycles. */
    int step();

    /**
     * Runs until at least {@code budget} cycles have passed (idling in 4-cycle steps while halted) and
     * returns the cycles run: exactly what calling {@link #step()} that long would do, in one call.
     */
    default long run(long budget) {
        long start = cycles();
        while (cycles() - start < budget) {
            step();
        }
        return cycles() - start;
    }

    /** Throws unless opcode is an RST (0xC7, 0xCF, ... 0xFF): the only instruction an interrupt supplies here. */
    static void requireRst(int opcode) {
        if ((opcode & 0xC7) != 0xC7 || opcode > 0xFF) {
            throw new IllegalArgumentException("an interrupt supplies an RST instruction (0xC7, 0xCF, ... 0xFF), not 0x"
                    + Integer.toHexString(opcode));
        }
    }

    /** Offers an interrupt with a one-byte instruction (RST n); returns whether it was accepted. */
    boolean interrupt(int opcode);

    /** True when INTE is on and the previous instruction was not EI. */
    boolean acceptsInterrupt();

    CpuState state();

    void setState(CpuState state);

    long cycles();

    long instructions();
}
