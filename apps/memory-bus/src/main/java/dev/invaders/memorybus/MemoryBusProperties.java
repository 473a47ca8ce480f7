package dev.invaders.memorybus;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code invaders.memory-bus.*}. Checked when bound: a bad value stops the service at startup with
 * the property named, rather than misbehaving later.
 *
 * @param maxSessions    sessions held at once; creating one more is refused (429)
 * @param maxBatch       writes in one batch; a larger batch is refused (413)
 * @param maxRequestSize request body limit; a larger body is refused (413). At least 128 KiB, since
 *                       a checkpoint carries 64 KiB as base64 (about 87 KiB)
 * @param checkpointDir  where checkpoints are kept across restarts; empty: in memory only
 * @param fsync          force each checkpoint file to the disk before it is renamed into place
 *                       (survives a machine crash, not only a process restart; slower)
 */
@ConfigurationProperties("invaders.memory-bus")
public record MemoryBusProperties(
        @DefaultValue("64") int maxSessions,
        @DefaultValue("4096") int maxBatch,
        @DefaultValue("256KB") DataSize maxRequestSize,
        @DefaultValue("") String checkpointDir,
        @DefaultValue("false") boolean fsync) {

    public static final long MIN_REQUEST_SIZE = 128 * 1024;

    public MemoryBusProperties {
        if (maxSessions < 1 || maxSessions > 100_000) {
            throw new IllegalArgumentException("invaders.memory-bus.max-sessions must be 1..100000: " + maxSessions);
        }
        if (maxBatch < 1 || maxBatch > 65_536) {
            throw new IllegalArgumentException("invaders.memory-bus.max-batch must be 1..65536: " + maxBatch);
        }
        if (maxRequestSize == null || maxRequestSize.toBytes() < MIN_REQUEST_SIZE
                || maxRequestSize.toBytes() > 64L * 1024 * 1024) {
            throw new IllegalArgumentException(
                    "invaders.memory-bus.max-request-size must be 128KB..64MB: " + maxRequestSize);
        }
        checkpointDir = checkpointDir == null ? "" : checkpointDir.strip();
    }

    /** The checkpoint folder, or null when checkpoints live in memory only. */
    public Path checkpointPath() {
        return checkpointDir.isEmpty() ? null : Path.of(checkpointDir);
    }
}
