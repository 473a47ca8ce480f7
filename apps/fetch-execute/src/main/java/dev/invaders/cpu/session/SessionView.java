package dev.invaders.cpu.session;

import java.util.List;

/**
 * A session as GET shows it; {@code error} only when it failed, {@code console} only for CP/M, {@code rom},
 * {@code stopAfterFrames} and {@code warnings} for Invaders. {@code instructionsPerSecond} is over the
 * session's run time in this process (pauses excluded); {@code framesPerSecond}, {@code emulatedMHz} and
 * {@code mesh} are over the last second. {@code countedAt} is when the counters ({@code instructions},
 * {@code cycles}, {@code frames}, {@code cacheHits}, {@code cacheMisses}, {@code opcodeCalls}) and the hash
 * were taken, in epoch milliseconds: a running session publishes them about every 100 ms, so a rate over a
 * window is exact only against these times. {@code checkpointError} only while the session's checkpoints to the
 * memory bus fail (after their retries): why the last one failed (a crash now would lose the progress since).
 */
public record SessionView(String id, String machine, String mode, String pace, String status, String rom,
                          Long stopAfterFrames, long instructions, long cycles, long frames, long countedAt,
                          long instructionsPerSecond, double framesPerSecond, double emulatedMHz, String console,
                          String stateHash, long cacheHits, long cacheMisses, long opcodeCalls, String created,
                          String error, List<String> warnings, List<MeshEntry> mesh, String checkpointError) {

    /**
     * One opcode family's traffic over the last second.
     *
     * @param route     {@code local} or the opcode service's base URL
     * @param version   the {@code Invaders-Service-Version} of the service that answered, {@code library} in process
     * @param calls     instructions of the family its route executed (HTTP calls, or the library in process)
     * @param cacheHits instructions of the family the cache answered
     */
    public record MeshEntry(String family, String route, String version, long calls, long cacheHits) {
    }
}
