package dev.invaders.cpu.live;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What a session's frames streams read: the latest frame the runner published (an immutable snapshot),
 * a change counter subscribers wait on, the number of subscribers, and why the stream ends when the
 * session itself does not (deleted, or the service shutting down). The runner only replaces the snapshot
 * and signals; it never waits for a subscriber.
 */
public final class FrameFeed {
    /**
     * One frame as a subscriber sends it.
     *
     * @param frame     frames run (the video is what {@code runFrames(frame)} leaves)
     * @param video     a copy of video RAM (0x2400-0x3FFF); never changed after publishing
     * @param sound3    the OUT 3 latch at the end of the frame
     * @param sound5    the OUT 5 latch
     * @param lastEdge  per latch bit (0-7 OUT 3, 8-15 OUT 5), the frame number at the end of which it last
     *                  went from 0 to 1 (0: never); a subscriber reports the bits newer than its last frame
     */
    public record Snapshot(long frame, byte[] video, int sound3, int sound5, long[] lastEdge) {
        /**
         * The 16 edge bits (OUT 3 low byte, OUT 5 high byte) newer than frame {@code since}. A bit that never
         * rose (0) is never reported, also to a subscriber whose first frame is frame 0 ({@code since} -1).
         */
        public int edgesSince(long since) {
            int bits = 0;
            for (int b = 0; b < 16; b++) {
                if (lastEdge[b] > since && lastEdge[b] > 0) {
                    bits |= 1 << b;
                }
            }
            return bits;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile Snapshot latest;
    private volatile String ended;
    private long version;
    private int subscribers;

    /** The runner: a new frame (and a signal). */
    public void publish(Snapshot s) {
        latest = s;
        signal();
    }

    Snapshot latest() {
        return latest;
    }

    /** Wakes the subscribers (a new frame, new counters or console text, a status change). */
    public void signal() {
        lock.lock();
        try {
            version++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    long version() {
        lock.lock();
        try {
            return version;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the version differs from {@code seen}, the feed ends, or the deadline (System.nanoTime). */
    void await(long seen, long deadline) throws InterruptedException {
        lock.lock();
        try {
            while (version == seen && ended == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                changed.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends every stream of this feed with this status ("deleted", "shutdown"). */
    public void end(String status) {
        ended = status;
        signal();
    }

    /** Why the streams end regardless of the session's status, or null. */
    String ended() {
        return ended;
    }

    /** Adds a subscriber unless {@code max} are there already. */
    boolean join(int max) {
        lock.lock();
        try {
            if (subscribers >= max) {
                return false;
            }
            subscribers++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void leave() {
        lock.lock();
        try {
            subscribers--;
        } finally {
            lock.unlock();
        }
    }

    public int subscribers() {
        lock.lock();
        try {
            return subscribers;
        } finally {
            lock.unlock();
        }
    }
}
