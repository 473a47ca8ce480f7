package dev.invaders.cpu;

import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.Execution;
import dev.invaders.i8080.exec.InputKey;

/**
 * Executes one instruction per a session's {@link Mode}. One per session (its counters are the
 * session's); not thread-safe.
 */
abstract class InstructionExecutor {
    long hits, misses, calls;

    abstract ExecuteResult execute(ExecuteRequest request) throws InterruptedException;

    static InstructionExecutor of(Mode mode, OpcodeRouter router, ResultCache cache) {
        return switch (mode) {
            case LOCAL -> new InstructionExecutor() {
                @Override
                ExecuteResult execute(ExecuteRequest request) {
                    return Execution.execute(request);
                }
            };
            case STRICT -> new InstructionExecutor() {
                @Override
                ExecuteResult execute(ExecuteRequest request) throws InterruptedException {
                    calls++;
                    return router.execute(request).result();
                }
            };
            case CACHED -> new InstructionExecutor() {
                @Override
                ExecuteResult execute(ExecuteRequest request) throws InterruptedException {
                    InputKey key = Execution.inputKey(request);
                    String version = router.versionOf(request.opcode());
                    if (version != null) {
                        ExecuteResult cached = cache.get(key, version);
                        if (cached != null) {
                            hits++;
                            return cached.applyTo(request.state());
                        }
                    } else {
                        cache.get(key, "");  // counts the miss
                    }
                    misses++;
                    calls++;
                    Wire.Answer answer = router.execute(request);
                    cache.put(key, answer.version(), answer.result());
                    return answer.result();
                }
            };
        };
    }
}
