package dev.invaders.memorybus;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One session's state. Everything but {@link #id} is guarded by {@link #lock}: a write batch, a read,
 * a checkpoint and a reset each run whole under it, so none sees another half done.
 */
final class Session {

    static final int MEMORY_SIZE = 0x10000;

    final String id;
    final ReentrantLock lock = new ReentrantLock();
    final byte[] memory = new byte[MEMORY_SIZE];
    /**
     * The fencing token: 0 until a CPU claims the session, then the number of the newest claim. A mutation
     * that carries an older epoch is refused, so a CPU that another has taken the session over from can
     * no longer change it.
     */
    long epoch;
    /** The newest checkpoint, or null. */
    Checkpoint checkpoint;
    /** The highest batch number applied, or null when no numbered batch was applied since the reset. */
    Long lastBatch;
    /** A digest of the writes of {@link #lastBatch}, to tell a retry from a reuse of its number. */
    long lastBatchDigest;
    /** False after a restart: the number is known (from the checkpoint) but not the writes. */
    boolean lastBatchDigestKnown;
    /** The checkpoint last written to the checkpoint folder; guarded by the store's file lock, not {@link #lock}. */
    Checkpoint persisted;
    /** Set once the session is removed; an operation that finds it set acts as if the id were unknown. */
    boolean deleted;

    Session(String id) {
        this.id = id;
    }
}
