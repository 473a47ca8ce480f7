package dev.invaders.cpu.session;

import dev.invaders.cpu.CpuProperties;
import dev.invaders.cpu.bus.MemoryBusClient;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At startup, restores every session the memory bus holds a checkpoint of (written by this service): claims it,
 * reads its last checkpoint and continues it, up to {@code max-sessions}. Readiness waits for it.
 */
@Component
public class SessionResumer {
    private static final Logger log = LoggerFactory.getLogger(SessionResumer.class);
    /** Backoffs between attempts to list the memory bus's sessions at startup (a bus starting beside this one). */
    private static final long[] LIST_BACKOFF_MILLIS = {250, 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000};

    private final CpuProperties props;
    private final MemoryBusClient bus;
    private final SessionManager sessions;
    private final SessionFactory factory;
    private final SessionRunner runner;
    /** Sessions the memory bus held at startup that were not resumed because max-sessions was reached. */
    private volatile int notResumed;
    /** True once the sessions found on the memory bus at startup have been resumed (readiness waits for it). */
    private volatile boolean resumeDone;

    SessionResumer(CpuProperties props, MemoryBusClient bus, SessionManager sessions, SessionFactory factory,
                   SessionRunner runner, MeterRegistry registry) {
        this.props = props;
        this.bus = bus;
        this.sessions = sessions;
        this.factory = factory;
        this.runner = runner;
        Gauge.builder("invaders.sessions.not.resumed", this, m -> m.notResumed)
                .description("Sessions on the memory bus not resumed at startup: max-sessions was reached")
                .register(registry);
    }

    /** Restores every session the memory bus holds a checkpoint of; runs before readiness turns on. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeFromMemoryBus() {
        try {
            resumeSessions();
        } finally {
            resumeDone = true;
        }
    }

    private void resumeSessions() {
        if (!bus.enabled()) {
            return;
        }
        List<String> ids = null;
        for (int attempt = 0; ids == null; attempt++) {
            try {
                ids = bus.sessionIds();
            } catch (IOException e) {
                if (attempt >= LIST_BACKOFF_MILLIS.length) {
                    log.warn("could not list the memory bus's sessions; nothing resumed: {}", e.toString());
                    return;
                }
                log.info("could not list the memory bus's sessions, trying again in {} ms: {}",
                        LIST_BACKOFF_MILLIS[attempt], e.toString());
                try {
                    Thread.sleep(LIST_BACKOFF_MILLIS[attempt]);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        int resumed = 0;
        List<String> skipped = new ArrayList<>();
        for (String id : ids) {
            if (sessions.holds(id)) {
                continue;
            }
            if (sessions.full()) {
                skipped.add(id);
                continue;
            }
            try {
                MemoryBusClient.Stored cp = bus.checkpoint(id);
                if (cp == null || !cp.machine().has("kind")
                        || cp.machine().path("format").asInt() != Checkpointer.FORMAT) {
                    continue; // not one of ours (or from an unknown format)
                }
                // Take it over, then read the checkpoint again: a CPU still running it can no longer
                // change it after the claim, so this one is the last it wrote.
                long epoch = bus.claim(id);
                cp = bus.checkpoint(id);
                if (cp == null) {
                    continue;
                }
                Session s = factory.restore(cp);
                s.epoch = epoch;
                sessions.hold(s);
                if (s.status == Session.Status.FINISHED || s.status == Session.Status.FAILED) {
                    SessionRunner.publishFrame(s);
                    s.publish();
                } else {
                    if (s.status == Session.Status.PAUSED) {
                        s.pause();
                    }
                    s.status = Session.Status.RUNNING;
                    runner.start(s);
                }
                resumed++;
                log.info("session {} resumed from its checkpoint at {} ({})", id, cp.frame(), s.status.wireName());
            } catch (IOException | RuntimeException e) {
                log.warn("session {} not resumed: {}", id, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (resumed > 0) {
            log.info("{} session(s) resumed from the memory bus", resumed);
        }
        notResumed = skipped.size();
        if (!skipped.isEmpty()) {
            log.warn("{} session(s) on the memory bus not resumed: max-sessions ({}) reached; they stay on the bus"
                            + " (the session list's notResumed, metric invaders_sessions_not_resumed): {}{}",
                    skipped.size(), props.maxSessions(), String.join(", ", skipped.subList(0, Math.min(8, skipped.size()))),
                    skipped.size() > 8 ? ", ..." : "");
        }
    }

    /** Whether the sessions found on the memory bus at startup have been resumed (always, without a bus). */
    boolean resumeDone() {
        return resumeDone || !bus.enabled();
    }

    /** Sessions the memory bus held at startup that this process did not resume: its table was full. */
    public int notResumed() {
        return notResumed;
    }
}
