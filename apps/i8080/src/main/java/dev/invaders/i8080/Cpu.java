package dev.invaders.i8080;

/**
 * The Intel 8080: its state, interrupts and the interpreter loop. Every opcode's semantics is one switch
 * case in {@link InstructionSet}; the registers and the operations those cases are made of (ALU, flags,
 * stack, jumps) are in {@link CpuCore}. Start reading at {@link #run(long, long)}.
 *
 * <p>Memory and I/O go through the pluggable {@link Memory} and {@link Ports}. Cycle counts come from
 * {@link OpcodeTable}.
 *
 * <p>Interrupts: {@link #interrupt(int)} offers one; it is accepted only when INTE is on and the
 * previous instruction was not EI (EI takes effect after the next instruction). Accepting clears INTE,
 * leaves HLT and executes the given RST. Not thread-safe: one thread drives one CPU.
 */
public final class Cpu extends InstructionSet implements Processor {
    public Cpu(Memory memory, Ports ports) {
        super(memory, ports);
    }

    public Cpu(Memory memory) {
        this(memory, Ports.NONE);
    }

    // --- state --------------------------------------------------------------------------------------

    @Override
    public CpuState state() {
        return new CpuState(a, b, c, d, e, h, l, sp, pc, f, inte, halted, cycles);
    }

    @Override
    public void setState(CpuState s) {
        a = s.a(); b = s.b(); c = s.c(); d = s.d(); e = s.e(); h = s.h(); l = s.l();
        sp = s.sp(); pc = s.pc(); f = s.flags(); inte = s.inte(); halted = s.halted(); cycles = s.cycles();
        eiShadow = false;
    }

    public int pc() {
        return pc;
    }

    public void setPc(int address) {
        pc = address & 0xFFFF;
    }

    public int sp() {
        return sp;
    }

    public int a() {
        return a;
    }

    public int bc() {
        return b << 8 | c;
    }

    public int de() {
        return d << 8 | e;
    }

    public int hl() {
        return h << 8 | l;
    }

    public int flags() {
        return f;
    }

    public boolean interruptsEnabled() {
        return inte;
    }

    public boolean halted() {
        return halted;
    }

    @Override
    public long cycles() {
        return cycles;
    }

    @Override
    public long instructions() {
        return instructions;
    }

    public Memory memory() {
        return mem;
    }

    // --- interrupts ---------------------------------------------------------------------------------

    /** True when an interrupt offered now would be accepted: INTE on and not just after EI. */
    @Override
    public boolean acceptsInterrupt() {
        return inte && !eiShadow;
    }

    /**
     * Offers an interrupt whose data-bus instruction is {@code RST n} (0xC7, 0xCF, ... 0xFF). Returns whether
     * it was accepted; an accepted interrupt clears INTE, leaves HLT and runs the RST, which pushes the
     * address of the instruction that would have run next. 11 cycles.
     */
    @Override
    public boolean interrupt(int opcode) {
        Processor.requireRst(opcode);
        if (!acceptsInterrupt()) {
            return false;
        }
        inte = false;
        halted = false;
        instructions++;
        cycles += CYCLES[opcode];
        push(pc);
        pc = opcode & 0x38;
        return true;
    }

    // --- execution ----------------------------------------------------------------------------------

    /**
     * Executes one instruction and returns its cycles. While halted, no instruction runs and 4 cycles pass.
     */
    @Override
    public int step() {
        // The same as run(1, 1), without its loop and budget bookkeeping: callers that step one instruction
        // at a time (a machine waiting out the EI shadow, the tests, a CPU driven from outside) stay fast.
        if (halted) {
            cycles += 4;
            return 4;
        }
        long before = cycles;
        int op = rd(pc);
        pc = (pc + 1) & 0xFFFF;
        instructions++;
        cycles += CYCLES[op];
        execute(op);
        eiShadow = op == 0xFB;
        return (int) (cycles - before);
    }

    /** Runs until at least {@code budget} cycles have passed; returns the cycles run. See {@link #run(long, long)}. */
    @Override
    public long run(long budget) {
        return run(budget, Long.MAX_VALUE);
    }

    /** Asks a running {@link #run(long, long)} to return after the current instruction (for I/O devices). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * The interpreter: runs instructions until {@code maxCycles} cycles or {@code maxInstructions}
     * instructions have run, or an I/O device calls {@link #requestStop()}; returns the cycles run.
     * While halted, time passes in steps of 4 cycles up to {@code maxCycles}, or the call returns at once
     * when that is {@code Long.MAX_VALUE}. {@link #instructions()} is brought up to date on return.
     */
    public long run(long maxCycles, long maxInstructions) {
        final long start = cycles;
        final long end = maxCycles >= Long.MAX_VALUE - start ? Long.MAX_VALUE : start + maxCycles;
        long left = maxInstructions;
        int op = -1;
        // HLT and I/O devices end the loop through stopRequested, so it is the only flag tested per instruction.
        stopRequested = halted;
        while (!stopRequested && cycles < end && left > 0) {
            op = rd(pc);
            pc = (pc + 1) & 0xFFFF;
            left--;
            cycles += CYCLES[op];
            execute(op);
        }
        stopRequested = false;
        long executed = maxInstructions - left;
        instructions += executed;
        if (executed > 0) {
            eiShadow = op == 0xFB;
        }
        if (halted && end != Long.MAX_VALUE && cycles < end) {
            cycles += (end - cycles + 3) & ~3L; // halted: time passes in 4-cycle steps to the budget
        }
        return cycles - start;
    }
}
