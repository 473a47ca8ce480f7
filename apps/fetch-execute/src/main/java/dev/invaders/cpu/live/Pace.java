package dev.invaders.cpu.live;

import dev.invaders.machine.InvadersMachine;
import dev.invaders.service.Problems;
import java.util.Locale;

/** How fast an Invaders session runs its frames. */
public enum Pace {
    /** As fast as it can (the default). */
    FAST,
    /** At the machine's own 59.54 frames per second of wall-clock time. */
    REALTIME;

    /** One frame of the real machine: 33,536 cycles at 1.9968 MHz, about 16.795 ms. */
    public static final double FRAME_NANOS = InvadersMachine.CYCLES_PER_FRAME * 1e9 / InvadersMachine.CLOCK_HZ;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Pace fromWire(String name) {
        for (Pace p : values()) {
            if (p.wireName().equals(name)) {
                return p;
            }
        }
        throw Problems.badRequest("unknown pace '" + name + "': realtime or fast");
    }

    /**
     * The realtime schedule: frame k is due at {@code start + k * period}. After each frame the runner
     * sleeps until the next one is due; when it is more than {@value #MAX_BEHIND} frames behind (a slow
     * stretch, a checkpoint, a stop in the debugger) the schedule starts again from now instead of running
     * the missed frames in a burst, and so it does after a pause. Not thread-safe (the runner's).
     */
    public static final class Pacer {
        static final int MAX_BEHIND = 6;
        private final double period;
        private long start;
        private long frames;
        private long rebases;

        public Pacer(double periodNanos, long now) {
            this.period = periodNanos;
            this.start = now;
        }

        /** A frame has run; returns how long to wait (nanoseconds, 0 for none) before the next one. */
        public long frameDone(long now) {
            frames++;
            long due = start + Math.round(frames * period);
            if (now - due > MAX_BEHIND * period) {
                restart(now);
                rebases++;
                return 0;
            }
            return Math.max(0, due - now);
        }

        /** Starts the schedule again from now (after a pause). */
        public void restart(long now) {
            start = now;
            frames = 0;
        }

        /** How often the schedule was started again because the runner fell behind. */
        public long rebases() {
            return rebases;
        }
    }
}
