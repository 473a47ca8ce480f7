package dev.invaders.cpu.live;

import dev.invaders.cpu.CpuProperties;
import dev.invaders.cpu.machine.InvadersDriver;
import dev.invaders.cpu.session.Session;
import dev.invaders.cpu.session.SessionManager;
import dev.invaders.cpu.session.SessionViews;
import dev.invaders.machine.FrameStream;
import dev.invaders.service.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Serves one frames stream ({@code GET /api/v1/sessions/{id}/frames}) on the request's own (virtual)
 * thread: STATS first and about once a second, a FRAME whenever the session published a frame this
 * subscriber has not sent (a delta against the last frame it sent, so a slow subscriber skips frames and
 * stays correct), CONSOLE for CP/M, and END when the session finishes, fails or is deleted, or the service
 * stops. The subscriber only reads the session's published snapshots; a write that fails (the client went
 * away) ends it. Metrics: {@code invaders_stream_bytes_total}, {@code invaders_stream_subscribers}.
 */
@Component
public class FrameStreamer {
    public static final String MEDIA_TYPE = "application/vnd.invaders.frames";
    private static final long STATS_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SessionViews views;
    private final JsonMapper json;
    private final int maxSubscribers;
    private final Counter bytes;
    private final AtomicInteger subscribers = new AtomicInteger();

    public FrameStreamer(SessionViews views, JsonMapper json, CpuProperties props, MeterRegistry registry) {
        this.views = views;
        this.json = json;
        this.maxSubscribers = props.maxStreamSubscribers();
        this.bytes = Counter.builder("invaders.stream.bytes").baseUnit("bytes")
                .description("Bytes written to frames streams").register(registry);
        Gauge.builder("invaders.stream.subscribers", subscribers, AtomicInteger::get)
                .description("Frames streams open").register(registry);
    }

    /** Claims a place among the session's subscribers (429 when they are all taken); then call {@link #stream}. */
    public void join(Session s) {
        if (!s.feed.join(maxSubscribers)) {
            throw Problems.tooManyRequests("session " + s.id + " has " + maxSubscribers
                    + " frames streams open already (invaders.cpu.max-stream-subscribers)",
                    SessionManager.RETRY_AFTER_SECONDS);
        }
        subscribers.incrementAndGet();
    }

    /** Streams until the session ends or the client goes away; always gives the place back. */
    public void stream(Session s, OutputStream out) {
        try {
            run(s, out);
        } catch (IOException e) {
            // the client went away (or the connection broke): nothing more to send
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leave(s);
        }
    }

    /** Gives the place back (done by {@link #stream}; for a stream that never started). */
    public void leave(Session s) {
        s.feed.leave();
        subscribers.decrementAndGet();
    }

    private void run(Session s, OutputStream out) throws IOException, InterruptedException {
        boolean invaders = s.driver instanceof InvadersDriver;
        byte[] message = new byte[FrameStream.MAX_FRAME_MESSAGE];
        byte[] previous = null;
        long lastSent = -1;
        int consoleSent = 0;
        write(out, FrameStream.text(FrameStream.STATS, json.writeValueAsString(views.stats(s))));
        long nextStats = System.nanoTime() + STATS_NANOS;
        while (true) {
            long seen = s.feed.version();
            String ended = s.feed.ended();
            Session.Status status = s.status; // before the frame: the last frame is published before the status
            boolean done = status == Session.Status.FINISHED || status == Session.Status.FAILED;
            if (invaders) {
                FrameFeed.Snapshot f = s.feed.latest();
                if (f != null && f.frame() != lastSent) {
                    int edges = f.edgesSince(lastSent < 0 ? f.frame() - 1 : lastSent);
                    int n = FrameStream.writeFrame(message, f.frame(), f.sound3(), f.sound5(), edges & 0xFF,
                            edges >>> 8, previous, f.video());
                    out.write(message, 0, n);
                    out.flush();
                    bytes.increment(n);
                    previous = f.video();
                    lastSent = f.frame();
                }
            } else {
                String console = s.snapshot.console();
                if (console.length() > consoleSent) {
                    write(out, FrameStream.text(FrameStream.CONSOLE, console.substring(consoleSent)));
                    consoleSent = console.length();
                }
            }
            if (System.nanoTime() - nextStats >= 0 || (done && ended == null)) {
                write(out, FrameStream.text(FrameStream.STATS, json.writeValueAsString(views.stats(s))));
                nextStats = System.nanoTime() + STATS_NANOS;
            }
            if (ended != null || done) {
                ObjectNode end = json.createObjectNode();
                end.put("status", ended != null ? ended : status.wireName());
                end.put("error", ended == null ? s.error : null);
                write(out, FrameStream.text(FrameStream.END, json.writeValueAsString(end)));
                return;
            }
            s.feed.await(seen, nextStats);
        }
    }

    private void write(OutputStream out, byte[] message) throws IOException {
        out.write(message);
        out.flush();
        bytes.increment(message.length);
    }
}
