package dev.invaders.cpu.http;

import dev.invaders.i8080.exec.ExecuteResult;

/**
 * An opcode call's answer. The execute calls' bodies are {@link dev.invaders.wire.ExecuteJson}'s, and the
 * CPU state's JSON in checkpoints is {@link dev.invaders.wire.CpuStateJson}.
 */
public final class Wire {
    private Wire() {
    }

    /** An answer: the result and the version that computed it. */
    public record Answer(ExecuteResult result, String version) {
    }
}
