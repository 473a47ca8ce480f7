package dev.invaders.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One session of the run: what it ran, its samples and how it ended. */
public final class SessionRecord {
    /** How a session ended. */
    public enum Outcome { RUNNING, FINISHED, FAILED, LOST, INTERRUPTED, NOT_CREATED }

    /** One poll: seconds since the run's start, frames, instructions and the view's framesPerSecond. */
    public record Sample(double t, long frames, long instructions, double fps) {
    }

    public final int slot;
    public final String workload;   // "demo" or the CP/M program's name
    public final boolean invaders;
    public final double createdAt;
    public volatile String id;
    public volatile String token;
    public volatile Outcome outcome = Outcome.RUNNING;
    public volatile String status = "";
    public volatile String error;
    public volatile String expectedHash;
    public volatile String actualHash;
    public volatile long frames;
    public volatile long instructions;
    public volatile double endedAt = Double.NaN;
    private final List<Sample> samples = new ArrayList<>();

    public SessionRecord(int slot, String workload, boolean invaders, double createdAt) {
        this.slot = slot;
        this.workload = workload;
        this.invaders = invaders;
        this.createdAt = createdAt;
    }

    public synchronized void add(Sample s) {
        samples.add(s);
    }

    public synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    public synchronized Sample last() {
        return samples.isEmpty() ? null : samples.getLast();
    }

    /** A finished session whose state hash differs from local mode's. */
    public boolean hashMismatch() {
        return outcome == Outcome.FINISHED && (expectedHash == null || !expectedHash.equals(actualHash));
    }

    /**
     * Frames a second in each full window of {@code seconds} from the session's first sample, from the
     * frames counter (frames done / wall time); a window where the counter went back (a resume from an
     * older checkpoint) starts again from there.
     */
    public List<Double> windowFps(double seconds) {
        List<Double> out = new ArrayList<>();
        Sample start = null;
        for (Sample s : samples()) {
            if (start == null || s.frames() < start.frames()) {
                start = s;
                continue;
            }
            if (s.t() - start.t() >= seconds) {
                out.add((s.frames() - start.frames()) / (s.t() - start.t()));
                start = s;
            }
        }
        return out;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slot", slot);
        m.put("id", id);
        m.put("workload", workload);
        m.put("outcome", outcome.name().toLowerCase());
        m.put("status", status);
        if (error != null) m.put("error", error);
        m.put("createdAt", createdAt);
        m.put("endedAt", endedAt);
        m.put("frames", frames);
        m.put("instructions", instructions);
        m.put("expectedHash", expectedHash);
        m.put("stateHash", actualHash);
        m.put("hashMatches", outcome == Outcome.FINISHED ? !hashMismatch() : null);
        if (invaders) {
            List<Double> fps = new ArrayList<>();
            for (Sample s : samples()) fps.add(s.fps());
            List<Double> windows = windowFps(10);
            m.put("fpsMedian", Percentiles.median(fps));
            m.put("fpsMin", Percentiles.min(fps));
            m.put("fpsWindows10s", windows);
            m.put("fpsWindowMin10s", Percentiles.min(windows));
        }
        return m;
    }
}
