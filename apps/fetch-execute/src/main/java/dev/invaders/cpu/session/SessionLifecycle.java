package dev.invaders.cpu.session;

import dev.invaders.cpu.CpuProperties;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The sessions' start and end with the process: while it runs, a sweep removes ended sessions after
 * {@code finished-session-ttl}; on shutdown the frames streams end, the runners stop after their current slice
 * and, with {@code checkpoint-on-shutdown}, write one more checkpoint.
 */
@Component
class SessionLifecycle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SessionLifecycle.class);

    private final CpuProperties props;
    private final SessionManager sessions;
    private final Checkpointer checkpointer;
    private volatile boolean running;
    private ScheduledExecutorService sweeper;

    SessionLifecycle(CpuProperties props, SessionManager sessions, Checkpointer checkpointer) {
        this.props = props;
        this.sessions = sessions;
        this.checkpointer = checkpointer;
    }

    @Override
    public void start() {
        running = true;
        long ttl = props.finishedSessionTtl().toNanos();
        if (ttl > 0) {
            long every = Math.clamp(ttl / 10, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(1));
            sweeper = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("session-expiry").factory());
            sweeper.scheduleWithFixedDelay(this::expireEnded, every, every, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Removes every session that finished or failed at least {@code finished-session-ttl} ago (the sweep notes
     * when it first sees one ended), here and on the memory bus, so ended sessions cannot fill the table.
     */
    void expireEnded() {
        long now = System.nanoTime();
        long ttl = props.finishedSessionTtl().toNanos();
        for (Session s : sessions.held()) {
            if (s.status != Session.Status.FINISHED && s.status != Session.Status.FAILED) {
                continue;
            }
            if (s.endedNanos == 0) {
                s.endedNanos = now == 0 ? 1 : now;
            } else if (now - s.endedNanos >= ttl && sessions.find(s.id).orElse(null) == s) {
                try {
                    sessions.remove(s.id, "expired");
                } catch (RuntimeException e) {
                    log.warn("session {}: could not expire it: {}", s.id, e.toString());
                }
            }
        }
    }

    /** Graceful shutdown: every runner finishes its current slice (in-flight calls complete), then stops. */
    @Override
    public void stop() {
        running = false;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        endStreams();
        List<Session> live = sessions.held().stream().filter(s -> s.thread != null).toList();
        live.forEach(Session::requestStop);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (Session s : live) {
            try {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !s.thread.join(java.time.Duration.ofNanos(left))) {
                    s.thread.interrupt();
                    s.thread.join(java.time.Duration.ofSeconds(2));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (props.checkpointOnShutdown() && s.active() && !s.midSlice && !s.thread.isAlive()) {
                checkpointer.checkpoint(s, s.pausedOrPausing() ? Session.Status.PAUSED : Session.Status.RUNNING);
            }
        }
        if (!live.isEmpty()) {
            log.info("stopped {} session(s) for shutdown", live.size());
        }
    }

    /**
     * Ends every frames stream with END "shutdown" (so the web server's graceful shutdown does not wait
     * on them) and gives the subscribers up to 2 s to send it; one stuck writing to a client that reads
     * nothing ends when the connection's write times out or the server closes it.
     */
    private void endStreams() {
        sessions.held().forEach(s -> s.feed.end("shutdown"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && sessions.held().stream().anyMatch(s -> s.feed.subscribers() > 0)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
