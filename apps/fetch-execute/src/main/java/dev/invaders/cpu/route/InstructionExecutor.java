package dev.invaders.cpu.route;

import dev.invaders.cpu.cache.ResultCache;
import dev.invaders.cpu.http.Wire;
import dev.invaders.i8080.Memory;
import dev.invaders.i8080.Ports;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.Execution;
import dev.invaders.i8080.exec.Footprint;
import dev.invaders.i8080.exec.MemoryByte;
import dev.invaders.i8080.exec.Registers;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Executes one instruction per a session's {@link Mode}. One per session (its counters are the
 * session's); not thread-safe.
 */
public abstract class InstructionExecutor {
    public long hits, misses, calls;

    /**
     * Executes the instruction at {@code regs.pc} and applies its result: registers in place, memory writes in
     * order through {@code memory} (so the machine's ROM protection and mirrors apply), OUT's byte to
     * {@code ports}. Returns its cycles.
     *
     * @param opcode   the byte at PC
     * @param operand1 the byte after it, read for 2- and 3-byte instructions (else ignored)
     * @param operand2 the byte after that, read for 3-byte instructions (else ignored)
     * @param port     for IN, the value the addressed port supplied (else ignored)
     */
    abstract int step(int opcode, int operand1, int operand2, int port, Registers regs, Memory memory, Ports ports)
            throws InterruptedException;

    /** Adds the counts not reported yet to what they are shared with (the cache's totals); the session's runner
     *  calls it now and then. */
    public void flush() {
    }

    /** The request with exactly the declared bytes ({@code ExecuteRequest.fromMemory}). */
    static ExecuteRequest request(int opcode, int operand1, int operand2, int port, Registers regs, Memory memory) {
        List<Integer> operands = switch (Footprint.length(opcode)) {
            case 1 -> List.of();
            case 2 -> List.of(operand1);
            default -> List.of(operand1, operand2);
        };
        return ExecuteRequest.fromMemory(opcode, operands, regs.toState(), memory::read,
                Footprint.readsPort(opcode) ? port : null);
    }

    /** Memory writes in order, then the new state, then OUT's byte. */
    static void apply(ExecuteResult r, Registers regs, Memory memory, Ports ports) {
        List<MemoryByte> writes = r.writes();
        for (int i = 0; i < writes.size(); i++) {
            MemoryByte w = writes.get(i);
            memory.write(w.address(), w.value());
        }
        regs.set(r.state());
        if (r.out() != null) {
            ports.out(r.out().port(), r.out().value());
        }
    }

    /** An executor that sends each instruction as a request ({@code ExecuteRequest.fromMemory}). */
    abstract static class ByRequest extends InstructionExecutor {
        abstract ExecuteResult execute(ExecuteRequest request) throws InterruptedException;

        @Override
        final int step(int opcode, int operand1, int operand2, int port, Registers regs, Memory memory, Ports ports)
                throws InterruptedException {
            ExecuteResult r = execute(request(opcode, operand1, operand2, port, regs, memory));
            apply(r, regs, memory, ports);
            return r.cycles();
        }
    }

    public static InstructionExecutor of(Mode mode, OpcodeRouter router, ResultCache cache) {
        return switch (mode) {
            case LOCAL -> new ByRequest() {
                @Override
                ExecuteResult execute(ExecuteRequest request) {
                    return Execution.execute(request);
                }
            };
            case STRICT -> new ByRequest() {
                @Override
                ExecuteResult execute(ExecuteRequest request) throws InterruptedException {
                    calls++;
                    return router.execute(request).result();
                }
            };
            case CACHED -> new Cached(router, cache, false);
        };
    }

    /** The cached mode with misses answered by {@link OpcodeRouter#executeAhead}: the cache warm-up's. */
    public static InstructionExecutor ahead(OpcodeRouter router, ResultCache cache) {
        return new Cached(router, cache, true);
    }

    /**
     * The cached mode: the instruction's packed input key ({@link Footprint#key}) looked up in the shared
     * {@link ResultCache}; a hit with the route's current version is applied in place
     * ({@link Footprint#apply}, the result's memory and port writes), allocating nothing; anything else is a
     * miss: a call to the route, whose answer is stored and applied, or, when another session is calling for
     * the same key right now, that call's answer (counted as a hit: no call was made for it).
     */
    static final class Cached extends InstructionExecutor {
        private final OpcodeRouter router;
        private final ResultCache cache;
        /** Misses computed here when the route runs this build ({@link OpcodeRouter#executeAhead}). */
        private final boolean ahead;
        private long stale;
        private long reportedHits, reportedMisses, reportedStale;

        Cached(OpcodeRouter router, ResultCache cache, boolean ahead) {
            this.router = router;
            this.cache = cache;
            this.ahead = ahead;
        }

        @Override
        int step(int opcode, int operand1, int operand2, int port, Registers regs, Memory memory, Ports ports)
                throws InterruptedException {
            long key = Footprint.key(opcode, operand1, operand2, regs, memory, port);
            String version = router.versionOf(opcode);
            ResultCache.Entry e = cache.lookup(key);
            if (e != null) {
                if (version != null && (e.version == version || e.version.equals(version))) {
                    hits++;
                    return apply(opcode, e, regs, memory, ports);
                }
                stale++;
            }
            CompletableFuture<ResultCache.Entry> mine = new CompletableFuture<>();
            CompletableFuture<ResultCache.Entry> other = cache.claim(key, mine);
            if (other != null) {
                ResultCache.Entry shared = ResultCache.await(other);
                if (shared != null) {
                    hits++;
                    return apply(opcode, shared, regs, memory, ports);
                }
            }
            misses++;
            calls++;
            ResultCache.Entry stored = null;
            try {
                ExecuteRequest request = request(opcode, operand1, operand2, port, regs, memory);
                Wire.Answer answer = ahead ? router.executeAhead(request) : router.execute(request);
                ExecuteResult r = answer.result();
                stored = cache.put(key, answer.version(), r);
                apply(r, regs, memory, ports);
                return r.cycles();
            } finally {
                if (other == null) {
                    cache.release(key, mine, stored);
                }
            }
        }

        /** A cached result: its memory writes in order, the registers, OUT's byte. */
        private static int apply(int opcode, ResultCache.Entry e, Registers regs, Memory memory, Ports ports) {
            int[] writes = e.writes;
            for (int i = 0; i < writes.length; i++) {
                memory.write(writes[i] >>> 8, writes[i] & 0xFF);
            }
            Footprint.apply(opcode, e.state, e.cycles, regs);
            if (e.outPort >= 0) {
                ports.out(e.outPort, e.outValue);
            }
            return e.cycles;
        }

        @Override
        public void flush() {
            cache.count(hits - reportedHits, misses - reportedMisses, stale - reportedStale);
            reportedHits = hits;
            reportedMisses = misses;
            reportedStale = stale;
        }
    }
}
