package dev.invaders.cpu;

import static dev.invaders.i8080.Access.PORT;

import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Memory;
import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.i8080.Ports;
import dev.invaders.i8080.Processor;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.MemoryByte;
import java.util.List;

/**
 * An 8080 whose opcodes execute through an {@link InstructionExecutor} (in process, an opcode service, or
 * the cache), with the session's memory and ports in this process.
 *
 * <p>Per instruction: fetch the opcode and its operand bytes from memory, read the port for IN, build the
 * request with exactly the declared bytes ({@code ExecuteRequest.fromMemory}), execute it, then apply the
 * memory writes in order through the machine's memory (so ROM protection and mirrors apply), take the new
 * state, and send OUT's byte to the ports.
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
    private CpuState state = CpuState.reset();
    private boolean eiShadow;
    private long instructions;

    RoutedProcessor(Memory memory, Ports ports, InstructionExecutor executor) {
        this.memory = memory;
        this.ports = ports;
        this.executor = executor;
    }

    @Override
    public int step() {
        if (state.halted()) {
            state = withCycles(state, state.cycles() + 4);
            return 4;
        }
        int pc = state.pc();
        int opcode = memory.read(pc);
        Opcode op = OpcodeTable.get(opcode);
        List<Integer> operands = switch (op.length()) {
            case 1 -> List.of();
            case 2 -> List.of(memory.read((pc + 1) & 0xFFFF));
            default -> List.of(memory.read((pc + 1) & 0xFFFF), memory.read((pc + 2) & 0xFFFF));
        };
        Integer port = op.reads().contains(PORT) ? ports.in(operands.getFirst()) & 0xFF : null;
        ExecuteResult r = run(ExecuteRequest.fromMemory(opcode, operands, state, memory::read, port));
        apply(r);
        eiShadow = opcode == 0xFB;
        instructions++;
        return r.cycles();
    }

    /** As stepping {@code budget} cycles' worth, but a halted stretch passes in one go (4-cycle steps). */
    @Override
    public long run(long budget) {
        long start = state.cycles();
        long end = start + budget;
        while (state.cycles() < end) {
            if (state.halted()) {
                state = withCycles(state, state.cycles() + ((end - state.cycles() + 3) & ~3L));
                break;
            }
            step();
        }
        return state.cycles() - start;
    }

    @Override
    public boolean interrupt(int opcode) {
        Processor.requireRst(opcode);
        if (!acceptsInterrupt()) {
            return false;
        }
        CpuState s = state;
        CpuState at = new CpuState(s.a(), s.b(), s.c(), s.d(), s.e(), s.h(), s.l(), s.sp(), (s.pc() - 1) & 0xFFFF,
                s.flags(), false, false, s.cycles());
        apply(run(ExecuteRequest.fromMemory(opcode, List.of(), at, memory::read, null)));
        instructions++;
        return true;
    }

    private ExecuteResult run(ExecuteRequest request) {
        try {
            return executor.execute(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionStopped();
        }
    }

    private void apply(ExecuteResult r) {
        for (MemoryByte w : r.writes()) {
            memory.write(w.address(), w.value());
        }
        state = r.state();
        if (r.out() != null) {
            ports.out(r.out().port(), r.out().value());
        }
    }

    @Override
    public boolean acceptsInterrupt() {
        return state.inte() && !eiShadow;
    }

    @Override
    public CpuState state() {
        return state;
    }

    /** Like {@link dev.invaders.i8080.Cpu#setState}: the EI shadow is cleared. */
    @Override
    public void setState(CpuState s) {
        state = s;
        eiShadow = false;
    }

    /** Restores a checkpoint: registers, the EI shadow and the instruction count. */
    void restore(CpuState s, boolean shadow, long instructionCount) {
        state = s;
        eiShadow = shadow;
        instructions = instructionCount;
    }

    boolean eiShadow() {
        return eiShadow;
    }

    @Override
    public long cycles() {
        return state.cycles();
    }

    @Override
    public long instructions() {
        return instructions;
    }

    InstructionExecutor executor() {
        return executor;
    }

    private static CpuState withCycles(CpuState s, long cycles) {
        return new CpuState(s.a(), s.b(), s.c(), s.d(), s.e(), s.h(), s.l(), s.sp(), s.pc(), s.flags(), s.inte(),
                s.halted(), cycles);
    }

    /** Thrown out of a step when the session's thread is interrupted (the session is being stopped). */
    static final class SessionStopped extends RuntimeException {
        SessionStopped() {
            super("stopped", null, false, false);
        }
    }
}
