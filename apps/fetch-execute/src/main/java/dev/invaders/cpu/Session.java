package dev.invaders.cpu;

import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One emulated machine and the virtual thread that runs it. The driver belongs to that thread; other
 * threads read only the volatile snapshot it publishes (counters, hash and console of one moment).
 */
final class Session {
    enum Status {
        RUNNING, PAUSED, FINISHED, FAILED;

        String wireName() {
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

    /** What a GET shows: one consistent moment of the session. */
    record Snapshot(long instructions, long cycles, long frames, String stateHash, String console,
                    long hits, long misses, long calls) {
    }

    final String id;
    final Mode mode;
    final Driver driver;
    final Instant created;
    volatile Status status = Status.RUNNING;
    volatile String error;
    volatile Snapshot snapshot;
    /** Instructions per second while running (this process's run time, pauses excluded). */
    volatile double instructionsPerSecond;
    volatile boolean stopRequested;
    /** Instructions at this process's start of the run, and the nanoseconds spent running since. */
    final long instructionsAtStart;
    long runNanos;
    volatile Thread thread;
    /** True while a slice runs: the machine is between frame boundaries, so no checkpoint may be taken. */
    volatile boolean midSlice;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition resumed = lock.newCondition();
    private boolean pauseRequested;

    Session(String id, Mode mode, Driver driver, Instant created) {
        this.id = id;
        this.mode = mode;
        this.driver = driver;
        this.created = created;
        this.instructionsAtStart = driver.instructions();
    }

    void publish() {
        InstructionExecutor x = driver.cpu.executor();
        snapshot = new Snapshot(driver.instructions(), driver.cycles(), driver.frames(), driver.stateHash(),
                driver.console(), x.hits, x.misses, x.calls);
        if (runNanos > 0) {
            instructionsPerSecond = (driver.instructions() - instructionsAtStart) * 1e9 / runNanos;
        }
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

    /** Called by the runner between slices: waits while paused. */
    void waitWhilePaused() throws InterruptedException {
        lock.lock();
        try {
            if (!pauseRequested) {
                return;
            }
            status = Status.PAUSED;
            while (pauseRequested && !stopRequested) {
                resumed.await();
            }
            if (status == Status.PAUSED) {
                status = Status.RUNNING;
            }
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
