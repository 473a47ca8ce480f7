package dev.invaders.loadtest;

import dev.invaders.machine.InputLog;
import dev.invaders.machine.InvadersBoard;
import dev.invaders.machine.InvadersMachine;
import dev.invaders.machine.Programs;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The run: session slots (one virtual thread each) that create sessions, poll them every second and check
 * each finished one's state hash against local mode's; a progress line every second; optional chaos; then
 * the report. Stops by itself (ramp + duration + a bounded grace) or when {@link #stop()} is called.
 */
public final class LoadTest {
    /** 33,536 cycles a frame at 1.9968 MHz. */
    public static final double REALTIME_FPS = 1_996_800.0 / 33_536;
    /**
     * A hard cap, so that every session's polling ends: a session still not finished this long after it was
     * due is lost even though its counter moves (a game resumed again and again from an older checkpoint).
     */
    static final int MAX_OVERDUE_SECONDS = 4 * 3600;
    static final List<String> CPM_PROGRAMS = List.of("TST8080.COM", "8080PRE.COM");

    /** A CP/M program of the workload, with local mode's state hash once known. */
    record Program(String name, byte[] bytes) {
    }

    private final Options options;
    private final Api api;
    private final PrintStream progress;
    private final long t0 = System.nanoTime();
    /** The same origin on the wall clock, for the times fetch-execute gives its counters ({@code countedAt}). */
    private final long t0Millis = System.currentTimeMillis();
    private volatile boolean stopping;
    private volatile boolean interrupted;
    final List<SessionRecord> sessions = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> timeline = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> chaosEvents = new CopyOnWriteArrayList<>();
    final List<Map<String, Object>> replicas = new CopyOnWriteArrayList<>();
    final List<String> notes = new CopyOnWriteArrayList<>();
    private final Map<Long, String> demoHashes = new ConcurrentHashMap<>();
    private final Map<String, String> cpmHashes = new ConcurrentHashMap<>();
    private final List<Program> programs = new ArrayList<>();
    private final String demoInput;
    Map<String, Object> latency = new LinkedHashMap<>();
    String replicasOmitted;
    private Chaos.Killer killer;

    public LoadTest(Options options, Api api, PrintStream progress, String demoInput) {
        this.options = options;
        this.api = api;
        this.progress = progress;
        this.demoInput = demoInput;
    }

    public double now() {
        return (System.nanoTime() - t0) / 1e9;
    }

    public void stop() {
        interrupted = true;
        stopping = true;
    }

    public boolean interrupted() {
        return interrupted;
    }

    public void setKiller(Chaos.Killer killer) {
        this.killer = killer;
    }

    /** Loads the CP/M programs the workload needs; a note (and none) when the folder is absent. */
    void loadPrograms() throws IOException {
        if (options.workload().equals("demo")) return;
        Path dir = options.cpuTests();
        if (!Files.isDirectory(dir)) {
            notes.add("CP/M test programs skipped: " + dir + " is absent (--cpu-tests DIR or INVADERS_CPU_TESTS)");
            return;
        }
        for (String name : CPM_PROGRAMS) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) programs.add(new Program(name, Files.readAllBytes(p)));
            else notes.add("CP/M program " + name + " skipped: not in " + dir);
        }
        notes.add("8080EXM.COM is not part of the cpm workload: it runs for minutes even in local mode");
    }

    boolean hasPrograms() {
        return !programs.isEmpty();
    }

    /** Local mode's state hash of the demo game after {@code frames} frames with the scripted input log. */
    String demoHash(long frames) {
        return demoHashes.computeIfAbsent(frames, f -> localDemoHash(demoInput, f));
    }

    public static String localDemoHash(String inputLog, long frames) {
        byte[] rom = Programs.demo().orElseThrow(() -> new IllegalStateException("the demo ROM is not built"));
        InvadersMachine m = new InvadersMachine(new InvadersBoard(rom));
        m.setInputLog(InputLog.parse(inputLog));
        m.runFrames(frames);
        return m.stateHash();
    }

    /**
     * Local mode's hash of a CP/M program: its CP/M hash (registers, flags, cycles, all memory) is made by
     * fetch-execute, so it comes from one session in local mode on the target, before the load starts.
     */
    void referenceCpmHashes() throws IOException, InterruptedException {
        for (Program p : programs) {
            String body = "{\"machine\":\"cpm\",\"mode\":\"local\",\"program\":\""
                    + Base64.getEncoder().encodeToString(p.bytes()) + "\"}";
            Api.Response r = api.post("/api/v1/sessions", body, null);
            if (r.status() != 201) throw new IOException("creating the local-mode reference of " + p.name() + ": " + r.status() + " " + r.body());
            Map<String, Object> created = Json.object(r.body());
            String id = (String) created.get("id");
            String token = (String) created.get("controlToken");
            long until = System.nanoTime() + 120_000_000_000L;
            while (true) {
                Map<String, Object> v = Json.object(api.get("/api/v1/sessions/" + id).body());
                String status = (String) v.get("status");
                if ("finished".equals(status)) {
                    cpmHashes.put(p.name(), (String) v.get("stateHash"));
                    break;
                }
                if (!"running".equals(status) || System.nanoTime() > until) {
                    throw new IOException("the local-mode reference of " + p.name() + " ended '" + status + "'");
                }
                Thread.sleep(200);
            }
            api.delete("/api/v1/sessions/" + id, token);
        }
    }

    /** Runs the slots, the progress line and the chaos until done or stopped. */
    public void run() throws InterruptedException {
        int n = options.sessions();
        List<Thread> slots = new ArrayList<>();
        // The ramp starts now, not at construction: the setup before (a metrics scrape, the local hashes) can
        // take longer than a short duration on a busy machine, and the slots would then start no session.
        double begin = now();
        for (int s = 0; s < n; s++) {
            int slot = s;
            double start = begin + (n == 1 ? 0 : options.rampSeconds() * (double) s / n);
            slots.add(Thread.ofVirtual().name("slot-" + s).start(() -> slot(slot, start)));
        }
        Thread chaos = options.chaos() && killer != null ? Thread.ofVirtual().name("chaos").start(this::chaosLoop) : null;
        Thread reps = replicasOmitted == null ? Thread.ofVirtual().name("replicas").start(this::replicasLoop) : null;
        long lastErrors = 0;
        long lastInstructions = 0;
        double lastT = now();
        while (slots.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(1000);
            double t = now();
            List<Double> fps = new ArrayList<>();
            long instructions = 0;
            int running = 0;
            for (SessionRecord r : sessions) {
                instructions += r.instructions;
                if (r.outcome == SessionRecord.Outcome.RUNNING && r.id != null) {
                    running++;
                    SessionRecord.Sample last = r.last();
                    if (r.invaders && last != null && t - last.t() < 3) fps.add(last.fps());
                }
            }
            double ips = (instructions - lastInstructions) / (t - lastT);
            lastInstructions = instructions;
            lastT = t;
            long errors = api.errors.get();
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("t", t);
            point.put("running", running);
            point.put("fpsMedian", Percentiles.median(fps));
            point.put("fpsMin", Percentiles.min(fps));
            point.put("instructionsPerSecond", Math.max(0, ips));
            point.put("errors", errors);
            timeline.add(point);
            progress.printf("[%5.0fs] sessions %2d running | fps median %s min %s | %,.0f instructions/s | errors %d%s%n",
                    t, running, fmt(Percentiles.median(fps)), fmt(Percentiles.min(fps)), Math.max(0, ips), errors,
                    errors > lastErrors ? " (last: " + api.lastError() + ")" : "");
            lastErrors = errors;
        }
        stopping = true;
        if (chaos != null) chaos.join(5000);
        if (reps != null) reps.join(25000);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format("%.1f", v);
    }

    private void slot(int slot, double startAt) {
        try {
            sleepUntil(startAt);
            double slotEnd = startAt + options.durationSeconds();
            int k = 0;
            while (!stopping && now() < slotEnd) {
                boolean demo = switch (options.workload()) {
                    case "demo" -> true;
                    case "cpm" -> false;
                    default -> slot % 2 == 0;
                };
                if (!demo && programs.isEmpty()) demo = true;
                if (demo) {
                    long frames = Math.max(60, Math.round((slotEnd - now()) * REALTIME_FPS));
                    runDemo(slot, frames);
                } else {
                    runCpm(slot, programs.get((slot + k) % programs.size()));
                }
                k++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sleepUntil(double t) throws InterruptedException {
        while (!stopping && now() < t) Thread.sleep(Math.min(200, (long) ((t - now()) * 1000) + 1));
    }

    private void runDemo(int slot, long frames) throws InterruptedException {
        SessionRecord r = new SessionRecord(slot, "demo", true, now());
        String body = "{\"machine\":\"invaders\",\"rom\":\"demo\",\"mode\":\"" + options.mode()
                + "\",\"pace\":\"realtime\",\"stopAfterFrames\":" + frames + ",\"input\":" + quote(demoInput) + "}";
        String expected = demoHash(frames);
        r.expectedHash = expected;
        follow(r, body, frames / REALTIME_FPS);
    }

    private void runCpm(int slot, Program p) throws InterruptedException {
        SessionRecord r = new SessionRecord(slot, p.name(), false, now());
        r.expectedHash = cpmHashes.get(p.name());
        String body = "{\"machine\":\"cpm\",\"mode\":\"" + options.mode() + "\",\"program\":\""
                + Base64.getEncoder().encodeToString(p.bytes()) + "\"}";
        follow(r, body, options.durationSeconds());
    }

    /** Creates the session, polls it each second until it ends, checks its hash, deletes it. */
    private void follow(SessionRecord r, String body, double expectedSeconds) throws InterruptedException {
        sessions.add(r);
        double createUntil = now() + 30;
        while (r.id == null) {
            if (stopping || now() > createUntil) {
                r.outcome = SessionRecord.Outcome.NOT_CREATED;
                r.error = "not created: " + api.lastError();
                r.endedAt = now();
                return;
            }
            try {
                Api.Response resp = api.post("/api/v1/sessions", body, null);
                if (resp.status() == 201) {
                    Map<String, Object> created = Json.object(resp.body());
                    r.id = (String) created.get("id");
                    Object token = created.get("controlToken");
                    r.token = token instanceof String s ? s : null;
                } else if (resp.status() < 500 && resp.status() != 429) {
                    r.outcome = SessionRecord.Outcome.NOT_CREATED;
                    r.error = "POST answered " + resp.status() + ": " + resp.body();
                    r.endedAt = now();
                    return;
                } else {
                    Thread.sleep(1000);
                }
            } catch (IOException | IllegalArgumentException e) {
                Thread.sleep(1000);
            }
        }
        double dueAt = now() + expectedSeconds;
        Liveness live = new Liveness(now(), options.stallSeconds());
        int notFound = 0;
        while (true) {
            if (stopping && interrupted) {
                r.outcome = SessionRecord.Outcome.INTERRUPTED;
                break;
            }
            String lost = live.lost(now(), dueAt, r.invaders ? "frame" : "instruction", r.status);
            if (lost != null) {
                r.outcome = SessionRecord.Outcome.LOST;
                r.error = lost;
                break;
            }
            try {
                Api.Response resp = api.get("/api/v1/sessions/" + r.id);
                if (resp.status() == 404) {
                    // fetch-execute may answer 404 for a moment while it resumes sessions from checkpoints
                    if (++notFound >= 30) {
                        r.outcome = SessionRecord.Outcome.LOST;
                        r.error = "404 for 30 s: the session is gone";
                        break;
                    }
                } else if (resp.ok()) {
                    notFound = 0;
                    Map<String, Object> v = Json.object(resp.body());
                    r.status = String.valueOf(v.get("status"));
                    r.frames = number(v.get("frames"));
                    r.instructions = number(v.get("instructions"));
                    live.observe(now(), r.invaders ? r.frames : r.instructions);
                    Object fps = v.get("framesPerSecond");
                    if ("running".equals(r.status) || "paused".equals(r.status)) {
                        // Timed when fetch-execute counted (it publishes about every 100 ms), else on arrival.
                        Object at = v.get("countedAt");
                        double t = at instanceof Number ms ? (ms.longValue() - t0Millis) / 1e3 : now();
                        r.add(new SessionRecord.Sample(t, r.frames, r.instructions,
                                fps instanceof Number f ? f.doubleValue() : Double.NaN));
                    }
                    if ("finished".equals(r.status)) {
                        r.actualHash = (String) v.get("stateHash");
                        r.outcome = SessionRecord.Outcome.FINISHED;
                        break;
                    }
                    if ("failed".equals(r.status)) {
                        r.outcome = SessionRecord.Outcome.FAILED;
                        r.error = String.valueOf(v.get("error"));
                        break;
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                // counted by Api; the service may be restarting
            }
            Thread.sleep(1000);
        }
        r.endedAt = now();
        if (r.outcome == SessionRecord.Outcome.FINISHED && r.expectedHash == null) {
            r.expectedHash = null; // no reference: counted as a mismatch, said in the notes
            notes.add("no local-mode hash for " + r.workload);
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                Api.Response d = api.delete("/api/v1/sessions/" + r.id, r.token);
                if (d.status() == 204 || d.status() == 404) break;
            } catch (IOException e) {
                // retried
            }
            Thread.sleep(1000);
        }
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }

    static String quote(String s) {
        String j = Json.write(s);
        return j.substring(0, j.length() - 1);
    }

    private void chaosLoop() {
        double loadEnd = options.rampSeconds() + options.durationSeconds();
        double fetchAt = loadEnd / 3;
        double busAt = loadEnd * 2 / 3;
        boolean fetchDone = false;
        boolean busDone = false;
        int round = 0;
        List<Double> opcodeKills = new ArrayList<>();
        double next = Math.min(options.chaosEverySeconds(), loadEnd / 4);
        try {
            while (!stopping && now() < loadEnd - 3) {
                Thread.sleep(250);
                double t = now();
                Chaos.Kind kind = null;
                if (!fetchDone && t >= fetchAt) kind = Chaos.Kind.FETCH_EXECUTE;
                else if (!busDone && t >= busAt) kind = Chaos.Kind.MEMORY_BUS;
                else if (t >= next) kind = Chaos.Kind.OPCODE;
                if (kind == null) continue;
                if (!killer.allUp()) continue; // one kill at a time: wait until the last one is back
                if (kind == Chaos.Kind.OPCODE) {
                    // ./run-local calls 5 restarts each within 60 s of its start a crash loop and stops
                    // everything: stay at 4 a minute
                    long recent = opcodeKills.stream().filter(k -> t - k < 65).count();
                    if (recent >= 4) {
                        next = t + options.chaosEverySeconds();
                        continue;
                    }
                }
                Optional<String> what = killer.kill(kind, round++);
                chaosEvents.add(Chaos.event(t, what.orElse("nothing to kill for " + kind.name().toLowerCase())));
                progress.printf("[%5.0fs] chaos: %s%n", t, what.orElse("no " + kind + " process found"));
                switch (kind) {
                    case FETCH_EXECUTE -> fetchDone = true;
                    case MEMORY_BUS -> busDone = true;
                    case OPCODE -> {
                        opcodeKills.add(t);
                        next = t + options.chaosEverySeconds();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void replicasLoop() {
        try {
            while (!stopping) {
                Kube.run(Kube.deploymentsCommand()).ifPresent(json -> {
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("t", now());
                    point.put("deployments", Kube.replicas(json));
                    replicas.add(point);
                });
                for (int i = 0; i < 20 && !stopping; i++) Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            notes.add("replicas: " + e.getMessage());
        }
    }

    Map<String, Object> scrapeLatency(URI metrics, String start) {
        try {
            String end = api.getText(URI.create(metrics + "/actuator/prometheus"));
            latency = OpcodeLatency.report(start == null ? "" : start, end);
            if (start == null) latency.put("note", "no scrape at the start: the figures are since fetch-execute started");
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            latency = new LinkedHashMap<>();
            latency.put("omitted", "could not read " + metrics + "/actuator/prometheus: " + e.getMessage());
        }
        return latency;
    }

    /** Failed API calls (5xx, 429, no answer) during the run. */
    public long sessionsErrors() {
        return api.errors.get();
    }

    public List<SessionRecord> sessions() {
        return Collections.unmodifiableList(sessions);
    }
}
