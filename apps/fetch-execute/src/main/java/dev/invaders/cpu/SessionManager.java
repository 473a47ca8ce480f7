package dev.invaders.cpu;

import dev.invaders.i8080.Family;
import dev.invaders.i8080.cpm.CpmException;
import dev.invaders.machine.Input;
import dev.invaders.machine.InputLog;
import dev.invaders.machine.Programs;
import dev.invaders.machine.RomException;
import dev.invaders.machine.RomSet;
import dev.invaders.service.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The sessions: create (checked against the limits), run (a platform thread each; see start), pause, stop, and
 * checkpoint to the memory bus at frame boundaries; at startup, every session the memory bus holds a
 * checkpoint of (written by this service) is restored and continues. On shutdown the runners stop after
 * their current slice and, with {@code checkpoint-on-shutdown}, write one more checkpoint.
 */
@Service
public class SessionManager implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SessionManager.class);
    /** The machine state's format, so a later version can tell old checkpoints apart. */
    static final int FORMAT = 1;
    private static final long PUBLISH_NANOS = 100_000_000L;
    /** When a client refused with 429 (a full input queue, stream or session table) may try again. */
    static final int RETRY_AFTER_SECONDS = 2;

    private final CpuProperties props;
    private final OpcodeRouter router;
    private final ResultCache cache;
    private final MemoryBusClient bus;
    private final JsonMapper json;
    private final boolean checkpointOnShutdown;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Object createLock = new Object();
    private final LongAdder instructions = new LongAdder();
    private final LongAdder frames = new LongAdder();
    private final Counter checkpointsOk;
    private final Counter checkpointsFailed;
    private final MeterRegistry registry;
    /** Sessions the memory bus held at startup that were not resumed because max-sessions was reached. */
    private volatile int notResumed;
    private volatile boolean running;
    /** True once the sessions found on the memory bus at startup have been resumed (readiness waits for it). */
    private volatile boolean resumeDone;
    private java.util.concurrent.ScheduledExecutorService sweeper;

    public SessionManager(CpuProperties props, OpcodeRouter router, ResultCache cache, MemoryBusClient bus,
                          JsonMapper json, MeterRegistry registry) {
        this.props = props;
        this.router = router;
        this.cache = cache;
        this.bus = bus;
        this.json = json;
        this.checkpointOnShutdown = props.checkpointOnShutdown();
        this.registry = registry;
        FunctionCounter.builder("invaders.instructions", instructions, LongAdder::sum)
                .description("Instructions executed by all sessions").register(registry);
        FunctionCounter.builder("invaders.frames", frames, LongAdder::sum)
                .description("Invaders frames run by all sessions").register(registry);
        Gauge.builder("invaders.sessions.active", sessions, m -> m.values().stream().filter(Session::active).count())
                .description("Sessions running or paused").register(registry);
        Gauge.builder("invaders.sessions.running", sessions, m -> m.values().stream()
                        .filter(s -> s.status == Session.Status.RUNNING).count())
                .description("Sessions running (not paused, finished or failed)").register(registry);
        Gauge.builder("invaders.instructions.per.second", sessions, m -> m.values().stream()
                        .filter(s -> s.status == Session.Status.RUNNING).mapToDouble(s -> s.instructionsPerSecond).sum())
                .description("Instructions per second summed over the running sessions").register(registry);
        FunctionCounter.builder("invaders.opcode.cache.hits", cache, ResultCache::hits)
                .description("Cached mode: instructions whose result was reused").register(registry);
        FunctionCounter.builder("invaders.opcode.cache.misses", cache, ResultCache::misses)
                .description("Cached mode: instructions executed by a call (stale entries included)").register(registry);
        Gauge.builder("invaders.opcode.cache.entries", cache, ResultCache::size).register(registry);
        Gauge.builder("invaders.sessions.not.resumed", this, m -> m.notResumed)
                .description("Sessions on the memory bus not resumed at startup: max-sessions was reached")
                .register(registry);
        checkpointsOk = Counter.builder("invaders.checkpoints").tag("outcome", "ok").register(registry);
        checkpointsFailed = Counter.builder("invaders.checkpoints").tag("outcome", "error").register(registry);
    }

    // --- create, read, control -----------------------------------------------------------------------

    /** A session request as the API receives it (members checked here). */
    public record CreateRequest(String machine, String program, String rom, String mode, Long stopAfterFrames,
                                String input, String pace, String romImage, Map<String, String> romFiles) {
    }

    /** A new session and its control token, which only its creator learns (the answer to the create). */
    public record Created(Session session, String controlToken) {
    }

    public Created create(CreateRequest req) {
        if (req == null || req.machine() == null) {
            throw Problems.badRequest("machine is missing: cpm or invaders");
        }
        Mode mode = req.mode() == null ? Mode.CACHED : Mode.fromWire(req.mode());
        Pace pace = req.pace() == null ? Pace.FAST : Pace.fromWire(req.pace());
        String id = UUID.randomUUID().toString();
        InstructionExecutor executor = executor(mode);
        Driver driver = switch (req.machine()) {
            case "cpm" -> cpm(req, executor);
            case "invaders" -> invaders(req, executor);
            default -> throw Problems.badRequest("unknown machine '" + req.machine() + "': cpm or invaders");
        };
        if (pace == Pace.REALTIME && !(driver instanceof InvadersDriver)) {
            throw Problems.badRequest("pace realtime is for invaders sessions; a cpm session runs fast");
        }
        Session s = new Session(id, mode, pace, driver, Instant.now());
        String controlToken = ControlToken.generate();
        s.controlHash = ControlToken.hash(controlToken);
        synchronized (createLock) {
            if (sessions.size() >= props.maxSessions()) {
                throw Problems.tooManyRequests("too many sessions: " + sessions.size()
                        + " of " + props.maxSessions() + " are held; delete one first", RETRY_AFTER_SECONDS);
            }
            sessions.put(id, s);
        }
        registerMeters(s);
        log.info("session {} created: {} in {} mode, {} pace", id, driver.machine(), mode.wireName(), pace.wireName());
        // Durable from the start: a CPU that dies before the first periodic checkpoint loses nothing. One
        // attempt (the request waits for it); should it fail, the view says so and the runner tries again.
        checkpoint(s, Session.Status.RUNNING, false);
        start(s);
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

    private Driver cpm(CreateRequest req, InstructionExecutor executor) {
        if (req.rom() != null || req.stopAfterFrames() != null || req.input() != null || req.romImage() != null
                || req.romFiles() != null) {
            throw Problems.badRequest("rom, romImage, romFiles, stopAfterFrames and input are for invaders sessions");
        }
        if (req.program() == null) {
            throw Problems.badRequest("program is missing: the .COM file in base64");
        }
        byte[] program;
        try {
            program = Base64.getDecoder().decode(req.program());
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("program is not valid base64 (RFC 4648, padded): " + e.getMessage());
        }
        if (program.length == 0) {
            throw Problems.badRequest("program is empty");
        }
        if (program.length > props.maxProgramSize().toBytes()) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "program is " + program.length
                    + " bytes; at most " + props.maxProgramSize().toBytes() + " (a CP/M program loads at 0x0100)");
        }
        return CpmDriver.create(program, executor, props.checkpointInstructions(), maxConsole());
    }

    private Driver invaders(CreateRequest req, InstructionExecutor executor) {
        if (req.program() != null) {
            throw Problems.badRequest("program is for cpm sessions; an invaders session names a rom");
        }
        InvadersDriver.Rom rom = rom(req);
        long frames = req.stopAfterFrames() == null ? props.defaultStopAfterFrames() : req.stopAfterFrames();
        if (frames < 1 || frames > props.maxStopAfterFrames()) {
            throw Problems.badRequest("stopAfterFrames must be 1 to " + props.maxStopAfterFrames() + ", not "
                    + frames);
        }
        String text = req.input() == null ? "" : req.input();
        if (text.length() > props.maxInputLogSize().toBytes()) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "input is " + text.length()
                    + " characters; at most " + props.maxInputLogSize().toBytes());
        }
        InputLog input;
        try {
            input = InputLog.parse(text);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("input is not a valid input log: " + e.getMessage());
        }
        long recorded = input.toText().length();
        if (recorded > props.maxInputLogSize().toBytes()) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, "input is " + recorded + " characters as down/up"
                    + " lines (the session's recorded log, 'press' being two lines); at most "
                    + props.maxInputLogSize().toBytes());
        }
        return new InvadersDriver(rom, frames, input, executor, props.checkpointFrames(), props.maxInputQueue(),
                props.maxInputLogSize().toBytes());
    }

    /** The ROM a request names: the demo game, or an upload (romImage or romFiles) checked by RomSet. */
    private InvadersDriver.Rom rom(CreateRequest req) {
        boolean upload = req.romImage() != null || req.romFiles() != null;
        String name = req.rom() == null ? (upload ? "upload" : "demo") : req.rom();
        if (upload && !"upload".equals(name)) {
            throw Problems.badRequest("rom is '" + name + "' but the request uploads one (romImage or romFiles):"
                    + " leave rom out or set it to upload");
        }
        if (req.romImage() != null && req.romFiles() != null) {
            throw Problems.badRequest("give romImage (a zip or an 8 KiB image) or romFiles (the four files),"
                    + " not both");
        }
        if ("upload".equals(name)) {
            if (!upload) {
                throw Problems.badRequest("rom upload needs romImage (MAME's invaders.zip or an 8 KiB image, base64)"
                        + " or romFiles ({\"invaders.h\": base64, ...})");
            }
            RomSet set;
            try {
                if (req.romImage() != null) {
                    set = RomSet.fromBytes(decodeRom("romImage", req.romImage()), "romImage");
                } else {
                    Map<String, byte[]> files = new LinkedHashMap<>();
                    for (Map.Entry<String, String> f : req.romFiles().entrySet()) {
                        if (f.getValue() == null) {
                            throw Problems.badRequest("romFiles: " + f.getKey() + " is null; give its bytes in base64");
                        }
                        files.put(f.getKey(), decodeRom("romFiles " + f.getKey(), f.getValue()));
                    }
                    set = RomSet.fromParts(files, "romFiles");
                }
            } catch (RomException e) {
                throw Problems.badRequest(e.getMessage());
            }
            return new InvadersDriver.Rom("upload", set.image(), set.sha256(), set.warnings());
        }
        return demoRom(name);
    }

    private byte[] decodeRom(String what, String base64) {
        long max = props.maxRomSize().toBytes();
        if (base64.length() / 4L * 3 > max + 3) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, what + " is about " + base64.length() / 4L * 3
                    + " bytes; at most " + max + " (MAME's invaders.zip is about 5 KB, an image 8,192 bytes)");
        }
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest(what + " is not valid base64 (RFC 4648, padded): " + e.getMessage());
        }
        if (data.length > max) {
            throw Problems.of(HttpStatus.CONTENT_TOO_LARGE, what + " is " + data.length + " bytes; at most " + max
                    + " (MAME's invaders.zip is about 5 KB, an image 8,192 bytes)");
        }
        return data;
    }

    private static InvadersDriver.Rom demoRom(String name) {
        if (!"demo".equals(name)) {
            throw Problems.badRequest("unknown rom '" + name + "': demo (the project's own game), or upload"
                    + " your own with romImage or romFiles; the arcade ROM is never bundled");
        }
        byte[] image = Programs.demo().orElseThrow(() -> Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "this build has no demo ROM"));
        return new InvadersDriver.Rom("demo", image, sha256(image), List.of());
    }

    private static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The session's executor, counting per family for the view's mesh. */
    private MeshCounter executor(Mode mode) {
        return new MeshCounter(InstructionExecutor.of(mode, router, cache));
    }

    private int maxConsole() {
        return (int) Math.min(Integer.MAX_VALUE - 8, props.maxConsole().toBytes());
    }

    public Optional<Session> find(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** The thread that runs (or ran) a session's loop, for tests; null before it starts. */
    Thread threadOf(String id) {
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

    /** Sessions the memory bus held at startup that this process did not resume: its table was full. */
    public int notResumed() {
        return notResumed;
    }

    // --- views ---------------------------------------------------------------------------------------

    /** The session as GET shows it. */
    public SessionView view(Session s) {
        return view(s, s.lastSecond(System.nanoTime()));
    }

    private SessionView view(Session s, Session.Window w) {
        Session.Snapshot snap = s.snapshot;
        InvadersDriver inv = s.driver instanceof InvadersDriver d ? d : null;
        return new SessionView(s.id, s.driver.machine(), s.mode.wireName(), s.pace.wireName(), s.status.wireName(),
                inv == null ? null : inv.rom.name(), inv == null ? null : inv.stopAfterFrames, snap.instructions(),
                snap.cycles(), snap.frames(), Math.round(s.instructionsPerSecond),
                Math.round(w.framesPerSecond() * 100) / 100.0, Math.round(w.cyclesPerSecond() / 1e3) / 1e3,
                inv == null ? snap.console() : null, snap.stateHash(), snap.hits(), snap.misses(), snap.calls(),
                s.created.toString(), s.error, inv == null ? List.of() : inv.rom.warnings(), mesh(s, w),
                s.checkpointError);
    }

    /** A STATS message of the frames stream: the view, with instructionsPerSecond over the last second. */
    ObjectNode stats(Session s) {
        Session.Window w = s.lastSecond(System.nanoTime());
        ObjectNode n = (ObjectNode) json.valueToTree(view(s, w));
        n.put("instructionsPerSecond", Math.round(w.instructionsPerSecond()));
        return n;
    }

    private List<SessionView.MeshEntry> mesh(Session s, Session.Window w) {
        List<SessionView.MeshEntry> out = new ArrayList<>();
        for (int f = 0; f < w.executed().length; f++) {
            if (w.executed()[f] == 0) {
                continue;
            }
            Family family = MeshCounter.FAMILIES[f];
            String route = s.mode == Mode.LOCAL ? CpuProperties.LOCAL : props.routeOf(family);
            String version;
            if (CpuProperties.LOCAL.equals(route)) {
                version = "library";
            } else {
                version = router.versionOf(MeshCounter.OPCODE_OF[f]);
                if (version == null) {
                    version = "unknown";
                }
            }
            out.add(new SessionView.MeshEntry(family.serviceName(), route, version, w.executed()[f] - w.hits()[f],
                    w.hits()[f]));
        }
        return out;
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
    private void remove(String id, String why) {
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

    // --- running -------------------------------------------------------------------------------------

    private void start(Session s) {
        publishFrame(s);
        s.publish();
        if (s.driver.done()) {
            s.status = Session.Status.FINISHED;
            return;
        }
        // A platform thread unless configured otherwise: a strict session blocks on a socket once per
        // instruction, and a virtual thread's park, poller and carrier hand-offs made that 4 times slower
        // (apps/fetch-execute/bench).
        Thread.Builder builder = props.sessionThreads() == CpuProperties.SessionThreads.VIRTUAL
                ? Thread.ofVirtual()
                : Thread.ofPlatform().daemon(true);
        s.thread = builder.name("session-" + s.id).start(() -> runLoop(s));
    }

    /** The machine's picture now, for the frames streams (before the runner publishes its first frame). */
    private static void publishFrame(Session s) {
        if (s.driver instanceof InvadersDriver d) {
            s.feed.publish(d.frameSnapshot());
        }
    }

    private void runLoop(Session s) {
        Driver d = s.driver;
        InvadersDriver invaders = d instanceof InvadersDriver inv ? inv : null;
        long lastPublish = System.nanoTime();
        long lastCheckpoint = lastPublish;
        long checkpointEvery = props.checkpointInterval().toNanos();
        if (s.checkpointError != null) {
            checkpoint(s, Session.Status.RUNNING); // the one at creation failed: again, with retries
        }
        Pace.Pacer pacer = s.pace == Pace.REALTIME ? new Pace.Pacer(Pace.FRAME_NANOS, lastPublish) : null;
        try {
            while (!s.stopRequested) {
                if (s.pausedOrPausing()) {
                    s.publish(); // the counters as the pause finds them
                }
                if (s.waitWhilePaused() && pacer != null) {
                    pacer.restart(System.nanoTime()); // no burst to catch up the paused time
                }
                if (s.stopRequested) {
                    break;
                }
                long i0 = d.instructions(), f0 = d.frames(), t0 = System.nanoTime();
                s.midSlice = true;
                boolean more = d.runSlice();
                s.midSlice = false;
                long t1 = System.nanoTime();
                s.runNanos += t1 - t0;
                instructions.add(d.instructions() - i0);
                frames.add(d.frames() - f0);
                if (invaders != null) {
                    s.feed.publish(invaders.frameSnapshot());
                }
                if (!more) {
                    s.publish();
                    s.status = Session.Status.FINISHED;
                    s.feed.signal();
                    log.info("session {} finished: {} instructions, {} frames, {} instructions/s", s.id,
                            d.instructions(), d.frames(), Math.round(s.instructionsPerSecond));
                    checkpoint(s, Session.Status.FINISHED);
                    return;
                }
                if (t1 - lastPublish >= PUBLISH_NANOS) {
                    s.publish();
                    lastPublish = t1;
                }
                if (d.checkpointDue() || checkpointEvery > 0 && t1 - lastCheckpoint >= checkpointEvery) {
                    checkpoint(s, s.pausedOrPausing() ? Session.Status.PAUSED : Session.Status.RUNNING);
                    lastCheckpoint = System.nanoTime();
                }
                if (pacer != null) {
                    long wait = pacer.frameDone(System.nanoTime());
                    if (wait > 0) {
                        Thread.sleep(java.time.Duration.ofNanos(wait));
                    }
                }
            }
            s.publish();
        } catch (RoutedProcessor.SessionStopped | InterruptedException e) {
            s.publish();
        } catch (OpcodeCallException | CpmException | IllegalArgumentException | IllegalStateException e) {
            fail(s, e);
        } catch (RuntimeException e) {
            log.error("session {} failed", s.id, e);
            fail(s, e);
        }
    }

    private void fail(Session s, Exception e) {
        s.error = e.getMessage();
        s.publish();
        s.status = Session.Status.FAILED;
        s.feed.signal();
        log.warn("session {} failed at instruction {}: {}", s.id, s.driver.instructions(), e.getMessage());
        checkpoint(s, Session.Status.FAILED);
    }

    /** Sends the session's checkpoint to the memory bus (when configured); a failure is logged and counted. */
    private void checkpoint(Session s, Session.Status status) {
        checkpoint(s, status, true);
    }

    private void checkpoint(Session s, Session.Status status, boolean retry) {
        if (!bus.enabled()) {
            return;
        }
        Driver d = s.driver;
        ObjectNode m = json.createObjectNode();
        m.put("kind", d.machine());
        m.put("format", FORMAT);
        m.put("mode", s.mode.wireName());
        m.put("pace", s.pace.wireName());
        m.put("status", status.wireName());
        m.put("created", s.created.toString());
        byte[] control = s.controlHash;
        if (control != null) {
            m.put(ControlToken.CHECKPOINT_FIELD, ControlToken.hex(control)); // the hash only, never the token
        }
        if (s.error != null) {
            m.put("error", s.error);
        }
        d.describe(m);
        boolean interrupted = Thread.interrupted();
        try {
            putWithRetries(s, d, m, retry ? CHECKPOINT_BACKOFF_MILLIS.length : 0);
            s.lastCheckpointNanos = System.nanoTime();
            checkpointsOk.increment();
            s.checkpointError = null;
        } catch (MemoryBusClient.TakenOver e) {
            // Another CPU resumed this session from the memory bus: it is the owner now. This copy stops
            // and says why; its checkpoints would only have interleaved with the owner's.
            checkpointsFailed.increment();
            s.error = e.getMessage();
            s.status = Session.Status.FAILED;
            s.requestStop();
            s.feed.signal();
            log.warn("session {}: stopped at {}: {}", s.id, d.checkpointNumber(), e.getMessage());
        } catch (IOException e) {
            checkpointsFailed.increment();
            s.checkpointError = e instanceof MemoryBusClient.Refused r && r.status == 429
                    ? "the checkpoint at " + d.checkpointNumber() + " failed: the memory bus is full (HTTP 429, it holds"
                            + " as many sessions as it may); this session would not survive a restart of the CPU"
                    : "the checkpoint at " + d.checkpointNumber() + " failed: " + e.getMessage();
            log.warn("session {}: checkpoint at {} failed: {}", s.id, d.checkpointNumber(), e.toString());
        } catch (InterruptedException e) {
            interrupted = true;
            checkpointsFailed.increment();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Backoffs between a checkpoint's attempts: a bus that restarts or drops a connection gets a moment. */
    private static final long[] CHECKPOINT_BACKOFF_MILLIS = {100, 400, 1600};

    /** Puts the checkpoint; a failure other than a takeover is tried again after each backoff. */
    private void putWithRetries(Session s, Driver d, ObjectNode m, int retries)
            throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                bus.putCheckpoint(s.id, s.epoch, d.checkpointNumber(), d.cpuState(), m, d.memoryImage());
                return;
            } catch (MemoryBusClient.TakenOver e) {
                throw e;
            } catch (IOException e) {
                boolean lasting = e instanceof MemoryBusClient.Refused r && r.status < 500 && r.status != 429;
                if (lasting || attempt >= retries || s.stopRequested) {
                    throw e;
                }
                log.info("session {}: checkpoint at {} failed, trying again in {} ms: {}", s.id,
                        d.checkpointNumber(), CHECKPOINT_BACKOFF_MILLIS[attempt], e.toString());
                Thread.sleep(CHECKPOINT_BACKOFF_MILLIS[attempt]);
            }
        }
    }

    // --- resume at startup, stop at shutdown --------------------------------------------------------

    /** Restores every session the memory bus holds a checkpoint of; runs before readiness turns on. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeFromMemoryBus() {
        try {
            resumeSessions();
        } finally {
            resumeDone = true;
        }
    }

    /** Backoffs between attempts to list the memory bus's sessions at startup (a bus starting beside this one). */
    private static final long[] LIST_BACKOFF_MILLIS = {250, 500, 1000, 2000, 4000, 4000, 4000, 4000, 4000, 4000, 4000};

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
            if (sessions.containsKey(id)) {
                continue;
            }
            if (sessions.size() >= props.maxSessions()) {
                skipped.add(id);
                continue;
            }
            try {
                MemoryBusClient.Stored cp = bus.checkpoint(id);
                if (cp == null || !cp.machine().has("kind") || cp.machine().path("format").asInt() != FORMAT) {
                    continue; // not one of ours (or from an unknown format)
                }
                // Take it over, then read the checkpoint again: a CPU still running it can no longer
                // change it after the claim, so this one is the last it wrote.
                long epoch = bus.claim(id);
                cp = bus.checkpoint(id);
                if (cp == null) {
                    continue;
                }
                Session s = restore(cp);
                s.epoch = epoch;
                sessions.put(id, s);
                registerMeters(s);
                if (s.status == Session.Status.FINISHED || s.status == Session.Status.FAILED) {
                    publishFrame(s);
                    s.publish();
                } else {
                    if (s.status == Session.Status.PAUSED) {
                        s.pause();
                    }
                    s.status = Session.Status.RUNNING;
                    start(s);
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

    private Session restore(MemoryBusClient.Stored cp) {
        JsonNode m = cp.machine();
        // A checkpoint is input like any request: held to the limits a new session's request is.
        if (!UUID.fromString(cp.id()).toString().equals(cp.id())) {
            throw new IllegalArgumentException("not a session id this service makes: " + cp.id());
        }
        if ("invaders".equals(m.path("kind").asString())) {
            long stop = m.path("stopAfterFrames").asLong(-1);
            if (stop < 1 || stop > props.maxStopAfterFrames()) {
                throw new IllegalArgumentException("stopAfterFrames " + m.path("stopAfterFrames")
                        + " is outside 1.." + props.maxStopAfterFrames());
            }
            if (cp.frame() < 0 || cp.frame() > stop) {
                throw new IllegalArgumentException("frame " + cp.frame() + " is outside 0..stopAfterFrames");
            }
        }
        Mode mode = Mode.fromWire(m.path("mode").asString());
        Pace pace = Pace.fromWire(m.path("pace").asString("fast"));
        InstructionExecutor executor = executor(mode);
        Driver d = switch (m.path("kind").asString()) {
            case "invaders" -> InvadersDriver.restore(m, restoredRom(m, cp.memory()), cp.cpu(), cp.memory(),
                    executor, props.checkpointFrames(), props.maxInputQueue(), props.maxInputLogSize().toBytes());
            case "cpm" -> CpmDriver.restore(m, cp.cpu(), cp.memory(), executor, props.checkpointInstructions(),
                    maxConsole());
            default -> throw new IllegalArgumentException("unknown machine kind " + m.path("kind"));
        };
        Instant created;
        try {
            created = Instant.parse(m.path("created").asString());
        } catch (RuntimeException e) {
            created = Instant.now();
        }
        Session s = new Session(cp.id(), mode, pace, d, created);
        s.status = Session.Status.fromWire(m.path("status").asString());
        s.controlHash = m.hasNonNull(ControlToken.CHECKPOINT_FIELD)
                ? ControlToken.fromHex(m.get(ControlToken.CHECKPOINT_FIELD).asString()) : null;
        if (m.hasNonNull("error")) {
            s.error = m.path("error").asString();
        }
        return s;
    }

    /**
     * The ROM of a checkpointed session: the demo, or an upload, which the checkpoint's memory holds at
     * 0x0000-0x1FFF (ROM cannot be written), checked against the SHA-256 recorded with it.
     */
    private static InvadersDriver.Rom restoredRom(JsonNode m, byte[] memory) {
        String name = m.path("rom").asString();
        if (!"upload".equals(name)) {
            return demoRom(name);
        }
        byte[] image = java.util.Arrays.copyOf(memory, RomSet.IMAGE_SIZE);
        String sha = sha256(image);
        if (!sha.equals(m.path("romSha256").asString())) {
            throw new IllegalArgumentException("the uploaded ROM in the checkpoint's memory has SHA-256 " + sha
                    + ", not the recorded " + m.path("romSha256").asString());
        }
        try {
            return new InvadersDriver.Rom("upload", image, sha, RomSet.fromImage(image, "upload").warnings());
        } catch (RomException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public void start() {
        running = true;
        long ttl = props.finishedSessionTtl().toNanos();
        if (ttl > 0) {
            long every = Math.clamp(ttl / 10, TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.SECONDS.toNanos(1));
            sweeper = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
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
        for (Session s : sessions.values()) {
            if (s.status != Session.Status.FINISHED && s.status != Session.Status.FAILED) {
                continue;
            }
            if (s.endedNanos == 0) {
                s.endedNanos = now == 0 ? 1 : now;
            } else if (now - s.endedNanos >= ttl && sessions.get(s.id) == s) {
                try {
                    remove(s.id, "expired");
                } catch (RuntimeException e) {
                    log.warn("session {}: could not expire it: {}", s.id, e.toString());
                }
            }
        }
    }

    /** Whether the sessions found on the memory bus at startup have been resumed (always, without a bus). */
    public boolean resumeDone() {
        return resumeDone || !bus.enabled();
    }

    /** Graceful shutdown: every runner finishes its current slice (in-flight calls complete), then stops. */
    @Override
    public void stop() {
        running = false;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        endStreams();
        List<Session> live = sessions.values().stream().filter(s -> s.thread != null).toList();
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
            if (checkpointOnShutdown && s.active() && !s.midSlice && !s.thread.isAlive()) {
                checkpoint(s, s.pausedOrPausing() ? Session.Status.PAUSED : Session.Status.RUNNING);
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
        sessions.values().forEach(s -> s.feed.end("shutdown"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline && sessions.values().stream().anyMatch(s -> s.feed.subscribers() > 0)) {
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
