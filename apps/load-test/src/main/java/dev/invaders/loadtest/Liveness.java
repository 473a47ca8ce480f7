package dev.invaders.loadtest;

/**
 * Whether a session is still alive, judged by its progress counter (a demo game's frames, a CP/M program's
 * instructions): lost when the counter has not changed for {@code stallSeconds} (a counter that goes back,
 * a resume from an older checkpoint, is a change), however late the session is; a slow session that keeps
 * moving (strict mode on a loaded machine) is not lost. {@link LoadTest#MAX_OVERDUE_SECONDS} past its due
 * time is the hard cap.
 */
final class Liveness {
    private final double stallSeconds;
    private long last = Long.MIN_VALUE;
    private double changedAt;

    Liveness(double start, double stallSeconds) {
        this.stallSeconds = stallSeconds;
        this.changedAt = start;
    }

    /** A poll's counter at time t (seconds since the run's start). */
    void observe(double t, long counter) {
        if (counter != last) {
            last = counter;
            changedAt = t;
        }
    }

    /** Why the session is lost at time t, or null while it lives. */
    String lost(double t, double dueAt, String counter, String status) {
        if (t - changedAt > stallSeconds) {
            return "its " + counter + " counter did not advance for " + Math.round(t - changedAt)
                    + " s (status '" + status + "')";
        }
        if (t - dueAt > LoadTest.MAX_OVERDUE_SECONDS) {
            return "not finished " + LoadTest.MAX_OVERDUE_SECONDS + " s after it was due (status '" + status + "')";
        }
        return null;
    }
}
