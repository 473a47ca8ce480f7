package dev.invaders.cpu.session;

import dev.invaders.cpu.CpuProperties;
import dev.invaders.cpu.bus.MemoryBusClient;
import dev.invaders.cpu.live.LiveInput;
import dev.invaders.cpu.machine.InvadersDriver;
import dev.invaders.machine.Input;
import dev.invaders.service.Problems;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The sessions this process holds, and what a client does with them: create (checked against the limits; made
 * by {@link SessionFactory}, checkpointed once and started by {@link SessionRunner}), read, pause, resume,
 * live input and delete. {@link SessionResumer} adds the sessions the memory bus held at startup, and
 * {@link SessionLifecycle} expires ended sessions and stops the runners on shutdown.
 */
@Service
public class SessionManager {
    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    /** When a client refused with 429 (a full input queue, stream or session table) may try again. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private final CpuProperties props;
    private final SessionFactory factory;
    private final Checkpointer checkpointer;
    private final SessionRunner runner;
    private final MemoryBusClient bus;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Object createLock = new Object();
    private final MeterRegistry registry;

    public SessionManager(CpuProperties props, SessionFactory factory, Checkpointer checkpointer,
                          SessionRunner runner, MemoryBusClient bus, MeterRegistry registry) {
        this.props = props;
        this.factory = factory;
        this.checkpointer = checkpointer;
        this.runner = runner;
        this.bus = bus;
        this.registry = registry;
        Gauge.builder("invaders.sessions.active", sessions, m -> m.values().stream().filter(Session::active).count())
                .description("Sessions running or paused").register(registry);
        Gauge.builder("invaders.sessions.running", sessions, m -> m.values().stream()
                        .filter(s -> s.status == Session.Status.RUNNING).count())
                .description("Sessions running (not paused, finished or failed)").register(registry);
        Gauge.builder("invaders.instructions.per.second", sessions, m -> m.values().stream()
                        .filter(s -> s.status == Session.Status.RUNNING).mapToDouble(s -> s.instructionsPerSecond).sum())
                .description("Instructions per second summed over the running sessions").register(registry);
    }

    // --- create, read, control -----------------------------------------------------------------------

    /** A session request as the API receives it (members checked by {@link SessionFactory}). */
    public record CreateRequest(String machine, String program, String rom, String mode, Long stopAfterFrames,
                                String input, String pace, String romImage, Map<String, String> romFiles) {
    }

    /** A new session and its control token, which only its creator learns (the answer to the create). */
    public record Created(Session session, String controlToken) {
    }

    public Created create(CreateRequest req) {
        Session s = factory.create(req);
        String controlToken = ControlToken.generate();
        s.controlHash = ControlToken.hash(controlToken);
        synchronized (createLock) {
            if (sessions.size() >= props.maxSessions()) {
                throw Problems.tooManyRequests("too many sessions: " + sessions.size()
                        + " of " + props.maxSessions() + " are held; delete one first", RETRY_AFTER_SECONDS);
            }
            sessions.put(s.id, s);
        }
        registerMeters(s);
        log.info("session {} created: {} in {} mode, {} pace", s.id, s.driver.machine(), s.mode.wireName(),
                s.pace.wireName());
        // Durable from the start: a CPU that dies before the first periodic checkpoint loses nothing. One
        // attempt (the request waits for it); should it fail, the view says so and the runner tries again.
        checkpointer.checkpoint(s, Session.Status.RUNNING, false);
        runner.start(s);
        return new Created(s, controlToken);
    }

    /**
     * One session's meters, tagged with its id and mode, for as long as this process holds it: an Invaders
     * session's frames per second over the last second (the arcade's real time is 59.54) and, with a memory
     * bus, the age of its last checkpoint while it runs. Sessions are few (max-sessions), so the tag is bounded.
     */
    private void registerMeters(Session s) {
        List<io.micrometer.core.instrument.Meter> meters = new ArrayList<>();
        if (s.driver instanceof InvadersDriver) {
            meters.add(Gauge.builder("invaders.session.frames.per.second", s, x -> x.lastSecond(System.nanoTime()).framesPerSecond())
                    .description("One session's frames per second over the last second (the arcade: 59.54)")
                    .tags("session", s.id, "mode", s.mode.wireName()).register(registry));
        }
        if (bus.enabled()) {
            meters.add(Gauge.builder("invaders.session.checkpoint.age", s, x -> x.checkpointAgeSeconds(System.nanoTime()))
                    .baseUnit("seconds")
                    .description("Seconds since the session's last stored checkpoint while it runs (0 otherwise)")
                    .tags("session", s.id, "mode", s.mode.wireName()).register(registry));
        }
        s.meters = List.copyOf(meters);
    }

    /** Holds a session resumed from the memory bus (the resumer keeps to max-sessions itself). */
    void hold(Session s) {
        sessions.put(s.id, s);
        registerMeters(s);
    }

    /** Whether this process holds the session. */
    boolean holds(String id) {
        return sessions.containsKey(id);
    }

    /** Whether the table holds max-sessions sessions (or more). */
    boolean full() {
        return sessions.size() >= props.maxSessions();
    }

    /** The sessions held now, in no order (a live view). */
    Collection<Session> held() {
        return Collections.unmodifiableCollection(sessions.values());
    }

    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** The thread that runs (or ran) a session's loop, for tests; null before it starts. */
    public Thread threadOf(String id) {
        Session s = sessions.get(id);
        return s == null ? null : s.thread;
    }

    public Session get(String id) {
        return find(id).orElseThrow(() -> Problems.of(HttpStatus.NOT_FOUND, "no session " + id));
    }

    public Collection<Session> all() {
        List<Session> list = new ArrayList<>(sessions.values());
        list.sort((a, b) -> a.created.compareTo(b.created));
        return list;
    }

    public int maxSessions() {
        return props.maxSessions();
    }

    // --- live input ----------------------------------------------------------------------------------

    /**
     * Queues the set of controls held for an Invaders session (see {@link LiveInput}).
     *
     * @throws org.springframework.web.ErrorResponseException 400 unknown control, 403 not the session's
     *         control token, 404 unknown session, 409 not an Invaders session or not running or paused, or
     *         its input log full, 429 the queue full
     */
    public LiveInput.Offer input(String id, List<String> held, String controlToken) {
        Session s = get(id);
        ControlToken.check(s, controlToken);
        if (!(s.driver instanceof InvadersDriver d)) {
            throw Problems.of(HttpStatus.CONFLICT, "session " + id + " is a " + s.driver.machine()
                    + " session; input is for invaders sessions");
        }
        if (held == null) {
            throw Problems.badRequest("held is missing: the controls held now, e.g. {\"held\": [\"p1-left\"]}"
                    + " ([] for none)");
        }
        EnumSet<Input> set = EnumSet.noneOf(Input.class);
        for (String name : held) {
            Input i = name == null ? null : Input.fromLogName(name);
            if (i == null) {
                throw Problems.badRequest("unknown control '" + name + "' in held (controls: "
                        + String.join(", ", java.util.Arrays.stream(Input.values()).map(Input::logName).toList()) + ")");
            }
            set.add(i);
        }
        if (!s.active() || d.done()) {
            throw Problems.of(HttpStatus.CONFLICT, "session " + id + " is " + s.status.wireName()
                    + "; input goes to a running or paused session");
        }
        return d.live.offer(set, d.nextFrame());
    }

    /** The session's input log so far (creation and live changes, down/up lines in the order applied). */
    public String inputLog(String id) {
        Session s = get(id);
        if (!(s.driver instanceof InvadersDriver d)) {
            throw Problems.of(HttpStatus.CONFLICT, "session " + id + " is a " + s.driver.machine()
                    + " session; only invaders sessions have an input log");
        }
        return d.recordedLog().toText();
    }

    /**
     * Stops the session (after its current instruction) and forgets it, here and on the memory bus, for the
     * holder of its control token.
     */
    public void delete(String id, String controlToken) {
        ControlToken.check(get(id), controlToken);
        remove(id, "deleted");
    }

    /** Stops and forgets a session (deleted by its owner, or expired): here and on the memory bus. */
    void remove(String id, String why) {
        Session s = sessions.remove(id);
        if (s == null) {
            throw Problems.of(HttpStatus.NOT_FOUND, "no session " + id);
        }
        s.meters.forEach(registry::remove);
        s.requestStop();
        s.feed.end(why);
        Thread t = s.thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(java.time.Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (bus.enabled()) {
            try {
                bus.delete(id, s.epoch);
            } catch (IOException e) {
                log.warn("session {}: could not delete it on the memory bus: {}", id, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        log.info("session {} {}", id, why);
    }

    public Session pause(String id, String controlToken) {
        Session s = get(id);
        ControlToken.check(s, controlToken);
        if (!s.pause()) {
            throw Problems.of(HttpStatus.CONFLICT, "session " + id + " is " + s.status.wireName());
        }
        return s;
    }

    public Session resume(String id, String controlToken) {
        Session s = get(id);
        ControlToken.check(s, controlToken);
        if (!s.resume()) {
            throw Problems.of(HttpStatus.CONFLICT, "session " + id + " is " + s.status.wireName());
        }
        return s;
    }

}
