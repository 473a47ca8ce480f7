package dev.invaders.i8080.exec;

import static dev.invaders.i8080.Access.*;

import dev.invaders.i8080.Access;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import java.util.List;
import java.util.Set;

/**
 * The output of one instruction.
 *
 * @param opcode the opcode that ran
 * @param state  the CPU state after it: PC past the instruction or at the jump target, cycles added
 * @param writes the memory bytes it wrote, in the order it wrote them
 * @param out    what OUT sent to a port; null for every other opcode
 * @param cycles the clock cycles it took
 */
public record ExecuteResult(int opcode, CpuState state, List<MemoryByte> writes, PortWrite out, int cycles) {

    public ExecuteResult {
        writes = List.copyOf(writes);
    }

    /**
     * This result, as the same instruction would have produced it from {@code before}, a state with the
     * same {@link Execution#inputKey input key} as the one it ran on: the places the opcode declares as
     * written take this result's values, every other place keeps {@code before}'s, PC (when not declared
     * written) moves past the instruction and the cycles add to {@code before}'s. Memory and port writes
     * depend only on the declared inputs and are taken as they are. This is how a cached result is reused.
     */
    public ExecuteResult applyTo(CpuState before) {
        if (before.halted()) {
            throw new IllegalArgumentException("a halted CPU executes no instruction");
        }
        Opcode op = OpcodeTable.get(opcode);
        Set<Access> w = op.writes();
        CpuState s = state;
        int flagMask = Execution.flagMask(w);
        CpuState merged = new CpuState(
                w.contains(A) ? s.a() : before.a(),
                w.contains(B) ? s.b() : before.b(),
                w.contains(C) ? s.c() : before.c(),
                w.contains(D) ? s.d() : before.d(),
                w.contains(E) ? s.e() : before.e(),
                w.contains(H) ? s.h() : before.h(),
                w.contains(L) ? s.l() : before.l(),
                w.contains(SP) ? s.sp() : before.sp(),
                w.contains(PC) ? s.pc() : (before.pc() + op.length()) & 0xFFFF,
                (before.flags() & ~flagMask) | (s.flags() & flagMask),
                w.contains(INTE) ? s.inte() : before.inte(),
                w.contains(HALT) ? s.halted() : before.halted(),
                before.cycles() + cycles);
        return new ExecuteResult(opcode, merged, writes, out, cycles);
    }
}
