package dev.invaders.cpu.session;

import dev.invaders.cpu.live.FrameFeed;
import dev.invaders.cpu.live.Pace;
import dev.invaders.cpu.machine.Driver;
import dev.invaders.cpu.route.InstructionExecutor;
import dev.invaders.cpu.route.MeshCounter;
import dev.invaders.cpu.route.Mode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One emulated machine and the (platform) thread that runs it. The driver belongs to that thread; other
 * threads read only the volatile snapshot it publishes (counters, hash and console of one moment).
 */
public final class Session {
    public enum Status {
        RUNNING, PAUSED, FINISHED, FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status fromWire(String s) {
            for (Status v : values()) {
                if (v.wireName().equals(s)) {
                    return v;
                }
            }
            return RUNNING;
        }
    }

    /** What a GET shows: one consistent moment of the session, and when it was (epoch milliseconds). */
    public record Snapshot(long instructions, long cycles, long frames, long countedAt, String stateHash,
                    String console, long hits, long misses, long calls) {
    }

    /**
     * The session's counters at one moment, for the figures over the last second.
     *
     * @param executed per opcode family (ordinal), instructions executed so far
     * @param hits     per family, those the cache answered
     */
    record Sample(long nanos, long instructions, long cycles, long frames, long[] executed, long[] hits) {
    }

    /** Rates over (about) the last second, and per family what ran in it. */
    record Window(double framesPerSecond, double cyclesPerSecond, double instructionsPerSecond, long[] executed,
                  long[] hits) {
    }

    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final int MAX_SAMPLES = 64;

    public final String id;
    final Mode mode;
    final Pace pace;
    public final Driver driver;
    /** The frames (and console) streams' view of the session. */
    public final FrameFeed feed = new FrameFeed();
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    final Instant created;
    public volatile Status status = Status.RUNNING;
    public volatile String error;
    /** Why the last checkpoint failed after its retries; null when it succeeded (or none was tried). */
    volatile String checkpointError;
    public volatile Snapshot snapshot;
    /** Instructions per second while running (this process's run time, pauses excluded). */
    volatile double instructionsPerSecond;
    volatile boolean stopRequested;
    /** Instructions at this process's start of the run, and the nanoseconds spent running since. */
    final long instructionsAtStart;
    long runNanos;
    volatile Thread thread;
    /** True while a slice runs: the machine is between frame boundaries, so no checkpoint may be taken. */
    volatile boolean midSlice;
    /**
     * This process's claim on the session at the memory bus (its fencing token): 1 for a session made
     * here, the claimed epoch for one resumed. Every checkpoint and the delete carry it.
     */
    volatile long epoch = 1;
    /** When this process last stored a checkpoint of the session (or created or resumed it): System.nanoTime(). */
    volatile long lastCheckpointNanos = System.nanoTime();
    /**
     * The SHA-256 of the session's control token (see {@link ControlToken}); null for a session resumed from a
     * checkpoint written before control tokens, which no request can change.
     */
    volatile byte[] controlHash;
    /** When the expiry sweep first saw the session finished or failed (System.nanoTime()); 0 before. */
    volatile long endedNanos;
    /** The session's own meters (its fps and checkpoint age), removed with the session. */
    volatile java.util.List<io.micrometer.core.instrument.Meter> meters = java.util.List.of();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumed = lock.newCondition();
    private boolean pauseRequested;

    Session(String id, Mode mode, Pace pace, Driver driver, Instant created) {
        this.id = id;
        this.mode = mode;
        this.pace = pace;
        this.driver = driver;
        this.created = created;
        this.instructionsAtStart = driver.instructions();
    }

    /** The runner (or the creator, before it starts): the counters, hash and console of now. */
    void publish() {
        InstructionExecutor x = driver.cpu.executor();
        x.flush(); // the cache's totals, a publish at a time rather than an instruction at a time
        snapshot = new Snapshot(driver.instructions(), driver.cycles(), driver.frames(), System.currentTimeMillis(),
                driver.stateHash(), driver.console(), x.hits, x.misses, x.calls);
        if (runNanos > 0) {
            instructionsPerSecond = (driver.instructions() - instructionsAtStart) * 1e9 / runNanos;
        }
        Sample sample = x instanceof MeshCounter m
                ? new Sample(System.nanoTime(), driver.instructions(), driver.cycles(), driver.frames(),
                        m.executed.clone(), m.cacheHits.clone())
                : new Sample(System.nanoTime(), driver.instructions(), driver.cycles(), driver.frames(),
                        new long[MeshCounter.FAMILIES.length], new long[MeshCounter.FAMILIES.length]);
        synchronized (samples) {
            samples.addLast(sample);
            while (samples.size() > MAX_SAMPLES) {
                samples.removeFirst();
            }
        }
        feed.signal();
    }

    /**
     * What ran over the last second before {@code now}: from the newest sample at least a second old (or
     * the oldest, for a younger session) to the newest; a session that stopped running (paused, finished)
     * falls to 0 within a second.
     */
    Window lastSecond(long now) {
        Sample from;
        Sample to;
        synchronized (samples) {
            if (samples.isEmpty()) {
                return new Window(0, 0, 0, new long[MeshCounter.FAMILIES.length], new long[MeshCounter.FAMILIES.length]);
            }
            to = samples.peekLast();
            from = samples.peekFirst();
            var it = samples.descendingIterator();
            while (it.hasNext()) {
                Sample s = it.next();
                if (now - s.nanos() >= WINDOW_NANOS) {
                    from = s;
                    break;
                }
            }
        }
        // While running, the newest sample is at most a publish interval old: the rate between the two
        // samples is the best estimate. Otherwise nothing ran since the newest one: count the time to now.
        long span = status == Status.RUNNING && to != from ? to.nanos() - from.nanos() : now - from.nanos();
        double seconds = Math.max(span, 1_000_000L) / 1e9;
        long[] executed = new long[to.executed().length];
        long[] hits = new long[to.hits().length];
        for (int i = 0; i < executed.length; i++) {
            executed[i] = to.executed()[i] - from.executed()[i];
            hits[i] = to.hits()[i] - from.hits()[i];
        }
        return new Window((to.frames() - from.frames()) / seconds, (to.cycles() - from.cycles()) / seconds,
                (to.instructions() - from.instructions()) / seconds, executed, hits);
    }

    /**
     * Seconds since the last stored checkpoint while the session runs; 0 when it is paused, finished or
     * failed (nothing is running ahead of its checkpoint then).
     */
    double checkpointAgeSeconds(long now) {
        // Paused (or pausing: the runner may still be in a checkpoint's retries): no checkpoint is due.
        return status == Status.RUNNING && !pausedOrPausing() ? Math.max(0, now - lastCheckpointNanos) / 1e9 : 0;
    }

    boolean active() {
        Status s = status;
        return s == Status.RUNNING || s == Status.PAUSED;
    }

    /** Asks the runner to pause after the current slice; false when it is not running. */
    boolean pause() {
        lock.lock();
        try {
            if (status != Status.RUNNING && status != Status.PAUSED) {
                return false;
            }
            pauseRequested = true;
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean resume() {
        lock.lock();
        try {
            if (status != Status.RUNNING && status != Status.PAUSED) {
                return false;
            }
            pauseRequested = false;
            resumed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Called by the runner between slices: waits while paused; true when it did. */
    boolean waitWhilePaused() throws InterruptedException {
        lock.lock();
        try {
            if (!pauseRequested) {
                return false;
            }
            status = Status.PAUSED;
            while (pauseRequested && !stopRequested) {
                resumed.await();
            }
            if (status == Status.PAUSED) {
                status = Status.RUNNING;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    void requestStop() {
        stopRequested = true;
        lock.lock();
        try {
            resumed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Paused now or asked to pause: what a checkpoint records, so a resumed session stays paused. */
    boolean pausedOrPausing() {
        lock.lock();
        try {
            return pauseRequested;
        } finally {
            lock.unlock();
        }
    }
}
