package dev.invaders.cpu.route;

import dev.invaders.i8080.Family;
import dev.invaders.i8080.Memory;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.i8080.Ports;
import dev.invaders.i8080.exec.Registers;

/**
 * Wraps a session's executor and counts, per opcode family, the instructions it executed and how many of
 * them the cache answered (the rest went to the family's route: a call, or the library in process). The
 * session reads the counters on its own thread and keeps a window of them for the "last second" figures
 * ({@code mesh} in the session's view). Mirrors the wrapped executor's hits, misses and calls.
 */
public final class MeshCounter extends InstructionExecutor {
    public static final Family[] FAMILIES = Family.values();
    private static final byte[] FAMILY_OF = new byte[256];
    /** One opcode of each family, to ask the router a family's version. */
    public static final int[] OPCODE_OF = new int[FAMILIES.length];

    static {
        java.util.Arrays.fill(OPCODE_OF, -1);
        for (int op = 255; op >= 0; op--) {
            Family f = OpcodeTable.get(op).family();
            FAMILY_OF[op] = (byte) f.ordinal();
            OPCODE_OF[f.ordinal()] = op;
        }
    }

    final InstructionExecutor inner;
    /** Per family (by ordinal): instructions executed, and those the cache answered. */
    public final long[] executed = new long[FAMILIES.length];
    public final long[] cacheHits = new long[FAMILIES.length];

    public MeshCounter(InstructionExecutor inner) {
        this.inner = inner;
    }

    @Override
    int step(int opcode, int operand1, int operand2, int port, Registers regs, Memory memory, Ports ports)
            throws InterruptedException {
        long h = inner.hits;
        try {
            int cycles = inner.step(opcode, operand1, operand2, port, regs, memory, ports);
            int f = FAMILY_OF[opcode];
            executed[f]++;
            cacheHits[f] += inner.hits - h;
            return cycles;
        } finally {
            hits = inner.hits;
            misses = inner.misses;
            calls = inner.calls;
        }
    }

    @Override
    public void flush() {
        inner.flush();
    }
}
