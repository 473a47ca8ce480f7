package dev.invaders.cpu.route;

import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Memory;
import dev.invaders.i8080.Ports;
import dev.invaders.i8080.Processor;
import dev.invaders.i8080.exec.Footprint;
import dev.invaders.i8080.exec.Registers;

/**
 * An 8080 whose opcodes execute through an {@link InstructionExecutor} (in process, an opcode service, or
 * the cache), with the session's memory and ports in this process.
 *
 * <p>Per instruction: fetch the opcode and its operand bytes from memory, read the port for IN, and have the
 * executor run it on the registers (kept in place, {@link Registers}): it builds the request with exactly
 * the declared bytes ({@code ExecuteRequest.fromMemory}) or, in cached mode, the packed input key, then
 * applies the memory writes in order through the machine's memory (so ROM protection and mirrors apply),
 * the new state, and OUT's byte to the ports.
 *
 * <p>Interrupts go through the same executor: an accepted {@code RST n} is executed as the instruction at
 * {@code PC - 1} with INTE and HLT already cleared (what the 8080 does on accepting), so the RST pushes
 * "the address after itself" = PC, the address of the instruction that would have run next, and takes
 * its 11 cycles. Its memory bytes (the pushed return address) come back as writes like any other.
 *
 * <p>The rest is kept exactly as {@link dev.invaders.i8080.Cpu} keeps it, so a machine's state hash is the
 * same in every mode: the EI shadow (an interrupt is accepted only when INTE is on and the previous
 * instruction was not EI; an accepted interrupt leaves the shadow as it was), HLT (a halted CPU executes
 * nothing and idles 4 cycles per step; an accepted interrupt leaves HLT), and the instruction count (an
 * accepted interrupt counts as one).
 */
public final class RoutedProcessor implements Processor {
    private final Memory memory;
    private final Ports ports;
    private final InstructionExecutor executor;
    /** The CPU state, changed in place by each instruction. */
    private final Registers regs = new Registers();
    /** {@link #state()}'s answer until the next change; null when it must be made again. */
    private CpuState view;
    private boolean eiShadow;
    private long instructions;

    public RoutedProcessor(Memory memory, Ports ports, InstructionExecutor executor) {
        this.memory = memory;
        this.ports = ports;
        this.executor = executor;
    }

    @Override
    public int step() {
        view = null;
        if (regs.halted) {
            regs.cycles += 4;
            return 4;
        }
        int pc = regs.pc;
        int opcode = memory.read(pc);
        int length = Footprint.length(opcode);
        int operand1 = length > 1 ? memory.read((pc + 1) & 0xFFFF) : 0;
        int operand2 = length > 2 ? memory.read((pc + 2) & 0xFFFF) : 0;
        int port = Footprint.readsPort(opcode) ? ports.in(operand1) & 0xFF : 0;
        int cycles = execute(opcode, operand1, operand2, port);
        eiShadow = opcode == 0xFB;
        instructions++;
        return cycles;
    }

    /** As stepping {@code budget} cycles' worth, but a halted stretch passes in one go (4-cycle steps). */
    @Override
    public long run(long budget) {
        view = null;
        long start = regs.cycles;
        long end = start + budget;
        while (regs.cycles < end) {
            if (regs.halted) {
                regs.cycles += (end - regs.cycles + 3) & ~3L;
                break;
            }
            step();
        }
        return regs.cycles - start;
    }

    @Override
    public boolean interrupt(int opcode) {
        Processor.requireRst(opcode);
        if (!acceptsInterrupt()) {
            return false;
        }
        view = null;
        int pc = regs.pc;
        boolean halted = regs.halted;
        regs.pc = (pc - 1) & 0xFFFF;
        regs.inte = false;
        regs.halted = false;
        try {
            execute(opcode, 0, 0, 0);
        } catch (RuntimeException e) {
            regs.pc = pc; // as it was: the instruction did not happen
            regs.inte = true;
            regs.halted = halted;
            throw e;
        }
        instructions++;
        return true;
    }

    private int execute(int opcode, int operand1, int operand2, int port) {
        try {
            return executor.step(opcode, operand1, operand2, port, regs, memory, ports);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStopped();
        }
    }

    @Override
    public boolean acceptsInterrupt() {
        return regs.inte && !eiShadow;
    }

    @Override
    public CpuState state() {
        CpuState v = view;
        if (v == null) {
            v = regs.toState();
            view = v;
        }
        return v;
    }

    /** Like {@link dev.invaders.i8080.Cpu#setState}: the EI shadow is cleared. */
    @Override
    public void setState(CpuState s) {
        regs.set(s);
        view = s;
        eiShadow = false;
    }

    /** Restores a checkpoint: registers, the EI shadow and the instruction count. */
    public void restore(CpuState s, boolean shadow, long instructionCount) {
        regs.set(s);
        view = s;
        eiShadow = shadow;
        instructions = instructionCount;
    }

    public boolean eiShadow() {
        return eiShadow;
    }

    @Override
    public long cycles() {
        return regs.cycles;
    }

    @Override
    public long instructions() {
        return instructions;
    }

    public InstructionExecutor executor() {
        return executor;
    }

    /** Thrown out of a step when the session's thread is interrupted (the session is being stopped). */
    public static final class SessionStopped extends RuntimeException {
        public SessionStopped() {
            super("stopped", null, false, false);
        }
    }
}
