package dev.invaders.cpu.live;

import dev.invaders.cpu.session.SessionManager;
import dev.invaders.machine.Input;
import dev.invaders.service.Problems;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * An Invaders session's live input: the sets of controls held that the API receives, turned into the
 * changes to make at the next frame boundaries. A set equal to the last one queued (or, with none
 * queued, the last applied) changes nothing, so sending the same set again is harmless; a different one
 * is queued as the controls that go down and up against that last set. The runner takes at most one
 * queued change a frame, in order, so a control pressed and released within one frame is still down for
 * a frame. Bounded: at most {@code capacity} changes wait, and the recorded input log may not grow past
 * {@code maxLogChars} (each queued change reserves the most its log lines can take). Thread-safe.
 */
public final class LiveInput {
    /** One control going down or up. */
    public record Edge(Input input, boolean down) {
        /** The length of its input log line at a frame of this many digits: "N name down\n". */
        public int lineLength(int frameDigits) {
            return frameDigits + 1 + input.logName().length() + (down ? 5 : 3) + 1;
        }
    }

    /** What an offer did: the frame from which the set is (or will be) in effect at the earliest, and the queue. */
    public record Offer(long frame, int queued) {
    }

    private record Pending(List<Edge> edges, long reservedChars) {
    }

    private final int capacity;
    private final long maxLogChars;
    private final int frameDigits;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private EnumSet<Input> last;
    private long logChars;
    private long reservedChars;

    /**
     * @param held        the controls held now (the last set, as far as the queue is concerned)
     * @param logChars    the recorded log's length now
     * @param maxFrame    the highest frame a change can be applied at (for the longest log line)
     */
    public LiveInput(int capacity, long maxLogChars, Set<Input> held, long logChars, long maxFrame) {
        this.capacity = capacity;
        this.maxLogChars = maxLogChars;
        this.last = copy(held);
        this.logChars = logChars;
        this.frameDigits = Long.toString(Math.max(0, maxFrame)).length();
    }

    /**
     * Queues the change to {@code held}, or nothing when it is the last set already.
     *
     * @param nextFrame the frame the session runs next (the earliest a change can apply at)
     * @throws org.springframework.web.ErrorResponseException 429 when the queue is full, 409 when the recorded
     *         log has no room for it
     */
    public synchronized Offer offer(Set<Input> held, long nextFrame) {
        if (held.equals(last)) {
            return new Offer(nextFrame + Math.max(0, queue.size() - 1), queue.size());
        }
        if (queue.size() >= capacity) {
            throw Problems.tooManyRequests("the input queue is full: " + capacity
                    + " changes wait for frame boundaries (one applies per frame; is the session paused?)",
                    SessionManager.RETRY_AFTER_SECONDS);
        }
        List<Edge> edges = new ArrayList<>();
        long reserve = 0;
        for (Input i : Input.values()) {
            boolean now = held.contains(i);
            if (now != last.contains(i)) {
                Edge e = new Edge(i, now);
                edges.add(e);
                reserve += e.lineLength(frameDigits);
            }
        }
        if (logChars + reservedChars + reserve > maxLogChars) {
            throw Problems.of(HttpStatus.CONFLICT, "the session's input log is full: " + logChars
                    + " characters recorded (" + reservedChars + " more queued) of at most " + maxLogChars
                    + " (invaders.cpu.max-input-log-size); no more input can be recorded, start a new session");
        }
        queue.addLast(new Pending(List.copyOf(edges), reserve));
        reservedChars += reserve;
        last = copy(held);
        return new Offer(nextFrame + queue.size() - 1, queue.size());
    }

    /** The next change to apply (the runner's, at a frame boundary), or null. */
    public synchronized List<Edge> poll() {
        Pending p = queue.pollFirst();
        if (p == null) {
            return null;
        }
        reservedChars -= p.reservedChars();
        return p.edges();
    }

    /** The recorded log's length after the runner applied a change. */
    public synchronized void recorded(long chars) {
        logChars = chars;
    }

    synchronized int queued() {
        return queue.size();
    }

    /** The last set queued or applied: the controls held once the queue is applied. */
    public synchronized Set<Input> lastHeld() {
        return EnumSet.copyOf(last);
    }

    /** The controls held as far as applied changes go (the last set minus what is still queued). */
    public synchronized Set<Input> appliedHeld() {
        EnumSet<Input> held = EnumSet.copyOf(last);
        var it = queue.descendingIterator();
        while (it.hasNext()) {
            for (Edge e : it.next().edges()) {
                if (e.down()) {
                    held.remove(e.input());
                } else {
                    held.add(e.input());
                }
            }
        }
        return held;
    }

    private static EnumSet<Input> copy(Set<Input> s) {
        EnumSet<Input> e = EnumSet.noneOf(Input.class);
        e.addAll(s);
        return e;
    }
}
