package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.invaders.machine.DipSwitches;
import dev.invaders.machine.FrameDelta;
import dev.invaders.machine.FrameStream;
import dev.invaders.machine.InputLog;
import dev.invaders.machine.InvadersBoard;
import dev.invaders.machine.InvadersMachine;
import dev.invaders.service.ServiceVersion;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Live play against a real fetch-execute (routes local): realtime pace, live input (one change a frame,
 * recorded, replayable), the frames stream decoded and checked against the machine, ROM uploads, and
 * the refusals.
 */
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class LiveTest {
    static ConfigurableApplicationContext cpu;
    static Http api;
    static final String S = "/api/v1/sessions";

    @BeforeAll
    static void start() {
        cpu = Apps.start(FetchExecuteApplication.class, 0, "--invaders.cpu.routes.default=local",
                "--invaders.cpu.max-sessions=12",
                "--invaders.cpu.version-check-interval=0s");
        api = new Http(Apps.url(cpu), Apps.TOKEN);
    }

    @AfterAll
    static void stop() {
        if (cpu != null) {
            cpu.close();
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    static void problem(Http.Response r, int status, String detailContains) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        if (detailContains != null) {
            assertThat(p.get("detail").asString()).contains(detailContains).doesNotContain("\n");
        }
        assertThat(r.body()).doesNotContain("Exception", "at dev.");
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    static Map<String, Object> session(String mode, String pace, long frames) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("machine", "invaders");
        body.put("mode", mode);
        body.put("pace", pace);
        body.put("stopAfterFrames", frames);
        return body;
    }

    static JsonNode view(String id) {
        return api.get(S + "/" + id).json();
    }

    static void pauseAndWait(String id) throws InterruptedException {
        assertThat(api.post(S + "/" + id + "/pause", "{}").status()).isEqualTo(200);
        await("paused in time").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> view(id).get("status").asString().equals("paused"));
    }

    static void awaitFrames(String id, long frames) throws InterruptedException {
        await(frames + " frames run").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> view(id).get("frames").asLong() >= frames);
    }

    static Http.Response input(String id, String... held) {
        return api.post(S + "/" + id + "/input", Map.of("held", List.of(held)));
    }

    /** The in-process machine's video RAM. */
    static byte[] video(InvadersMachine m) {
        return Arrays.copyOfRange(m.board().flatView(), InvadersBoard.VIDEO_START, InvadersBoard.RAM_END);
    }

    // --- realtime pace -------------------------------------------------------------------------------

    @Test
    void realtimePaceRunsAtAbout59FramesPerSecondAndPausesAndResumes() throws Exception {
        Map<String, Object> body = session("local", "realtime", 1_000_000);
        body.put("romImage", b64(TestRoms.halting()));
        String id = ServicesTest.create(api, body);
        JsonNode v = view(id);
        assertThat(v.get("pace").asString()).isEqualTo("realtime");
        assertThat(v.get("rom").asString()).isEqualTo("upload");
        Thread.sleep(300); // the run settles into its pace before the measurement
        JsonNode before = view(id);
        long wall0 = System.currentTimeMillis();
        Thread.sleep(2000); // the measurement: frames run in two seconds
        JsonNode after = view(id);
        long wall1 = System.currentTimeMillis();
        // The counters' own time: within the polls' span, at most a publish interval (100 ms) before each poll.
        long at0 = before.get("countedAt").asLong();
        long at1 = after.get("countedAt").asLong();
        assertThat(at0).isBetween(wall0 - 1_000, wall0);
        assertThat(at1).isBetween(wall1 - 1_000, wall1).isGreaterThan(at0);
        double fps = (after.get("frames").asLong() - before.get("frames").asLong()) * 1000.0 / (at1 - at0);
        System.out.printf("realtime pace: %.1f frames/s (view: %s frames/s, %s MHz)%n", fps,
                after.get("framesPerSecond"), after.get("emulatedMHz"));
        assertThat(fps).as("frames per second").isBetween(45.0, 75.0);
        assertThat(after.get("framesPerSecond").asDouble()).isBetween(40.0, 80.0);
        assertThat(after.get("emulatedMHz").asDouble()).isBetween(1.4, 2.6);

        pauseAndWait(id);
        long paused = view(id).get("frames").asLong();
        Thread.sleep(1000); // a second passes while paused: no frame may run in it
        assertThat(view(id).get("frames").asLong()).as("no frames while paused").isEqualTo(paused);
        assertThat(view(id).get("framesPerSecond").asDouble()).as("the last second ran nothing").isZero();
        assertThat(api.post(S + "/" + id + "/resume", "{}").status()).isEqualTo(200);
        long r0 = System.nanoTime();
        Thread.sleep(1000); // the measurement: frames run in a second after the resume
        long resumed = view(id).get("frames").asLong() - paused;
        double resumedFps = resumed / ((System.nanoTime() - r0) / 1e9);
        // Running the paused second's 59 frames at once would show here as ~120 frames.
        assertThat(resumedFps).as("after resume: paced again, no catching up").isBetween(40.0, 80.0);
        assertThat(api.delete(S + "/" + id).status()).isEqualTo(204);
    }

    // --- live input ----------------------------------------------------------------------------------

    @Test
    void liveInputAppliesOneChangePerFrameInOrderAndTheRecordedLogReplays() throws Exception {
        int frames = 700;
        String id = ServicesTest.create(api, session("local", "fast", frames));
        awaitFrames(id, 20);
        pauseAndWait(id);
        long f = view(id).get("frames").asLong();
        assertThat(f).isLessThan(frames - 20);
        // Taps within one frame (down, then up before the session ran a frame) must not be lost.
        String[][] sets = {{"coin"}, {}, {"coin"}, {}, {"p1-start"}, {}, {"p1-left", "p1-fire"}, {"P1_FIRE"}, {}};
        for (int k = 0; k < sets.length; k++) {
            Http.Response r = input(id, sets[k]);
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            assertThat(r.json().get("frame").asLong()).isEqualTo(f + k);
            assertThat(r.json().get("queued").asInt()).isEqualTo(k + 1);
        }
        Http.Response again = input(id);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("queued").asInt()).as("the same set again queues nothing").isEqualTo(sets.length);
        assertThat(again.json().get("frame").asLong()).isEqualTo(f + sets.length - 1);
        assertThat(api.post(S + "/" + id + "/resume", "{}").status()).isEqualTo(200);
        JsonNode done = ServicesTest.await(api, id, Duration.ofMinutes(2));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("finished");

        Http.Response logResponse = api.get(S + "/" + id + "/input");
        assertThat(logResponse.status()).isEqualTo(200);
        assertThat(logResponse.header("Content-Type")).startsWith("text/plain");
        String recorded = logResponse.body();
        assertThat(recorded).isEqualTo(
                f + " coin down\n" + (f + 1) + " coin up\n" + (f + 2) + " coin down\n" + (f + 3) + " coin up\n"
                        + (f + 4) + " p1-start down\n" + (f + 5) + " p1-start up\n"
                        + (f + 6) + " p1-fire down\n" + (f + 6) + " p1-left down\n" + (f + 7) + " p1-left up\n"
                        + (f + 8) + " p1-fire up\n");

        // The recorded log, replayed: by a new session and by the machine in process, the same state.
        String hash = done.get("stateHash").asString();
        Map<String, Object> replay = session("local", "fast", frames);
        replay.put("input", recorded);
        String id2 = ServicesTest.create(api, replay);
        assertThat(ServicesTest.await(api, id2, Duration.ofMinutes(2)).get("stateHash").asString()).isEqualTo(hash);
        InvadersMachine m = InvadersMachine.create(Fixtures.demoRom(), DipSwitches.DEFAULT);
        m.setInputLog(InputLog.parse(recorded));
        m.runFrames(frames);
        assertThat(m.stateHash()).isEqualTo(hash);
        InvadersMachine untouched = InvadersMachine.create(Fixtures.demoRom(), DipSwitches.DEFAULT);
        untouched.runFrames(frames);
        assertThat(untouched.stateHash()).as("the input changed the game").isNotEqualTo(hash);
        assertThat(m.board().read(0x2000)).as("GSTATE: the coins and the start began a game").isNotZero();
        api.delete(S + "/" + id);
        api.delete(S + "/" + id2);
    }

    @Test
    void liveInputOfARunningSessionIsRecordedAlongsideTheCreationLog() throws Exception {
        int frames = 500;
        Map<String, Object> body = session("local", "fast", frames);
        body.put("input", Fixtures.demoInput());
        String id = ServicesTest.create(api, body);
        for (int k = 0; k < 6; k++) {
            Http.Response r = input(id, k % 2 == 0 ? new String[] {"p1-left"} : new String[] {});
            assertThat(r.status()).as(r.body()).isIn(202, 409); // 409: it finished already (a fast machine)
            Thread.sleep(30); // inputs spread over the run, as a player's
        }
        JsonNode done = ServicesTest.await(api, id, Duration.ofMinutes(2));
        String recorded = api.get(S + "/" + id + "/input").body();
        InputLog log = InputLog.parse(recorded);
        assertThat(log.changes()).containsAll(InputLog.parse(Fixtures.demoInput()).changes());
        Map<String, Object> replay = session("local", "fast", frames);
        replay.put("input", recorded);
        String id2 = ServicesTest.create(api, replay);
        assertThat(ServicesTest.await(api, id2, Duration.ofMinutes(2)).get("stateHash").asString())
                .isEqualTo(done.get("stateHash").asString());
        api.delete(S + "/" + id);
        api.delete(S + "/" + id2);
    }

    @Test
    void badInputGetsProblems() throws Exception {
        String id = ServicesTest.create(api, session("local", "fast", 1_000_000));
        pauseAndWait(id);
        String in = S + "/" + id + "/input";
        problem(input(id, "p1-jump"), 400, "unknown control 'p1-jump'");
        problem(api.post(in, "{}"), 400, "held is missing");
        problem(api.post(in, "{\"held\":\"coin\"}"), 400, null);
        problem(api.post(in, "{\"held\":[\"coin\"],\"extra\":1}"), 400, "extra");
        problem(api.post(in, "{\"held\":["), 400, null);
        problem(api.post(S + "/no-such-session/input", "{\"held\":[]}"), 404, "no session");
        problem(api.get(S + "/no-such-session/input"), 404, "no session");
        // The queue: 64 changes wait for a paused session; the 65th is refused, and nothing was lost.
        for (int k = 0; k < 64; k++) {
            Http.Response r = input(id, k % 2 == 0 ? new String[] {"coin"} : new String[] {});
            assertThat(r.status()).as(r.body()).isEqualTo(202);
        }
        problem(input(id, "tilt"), 429, "queue is full");
        assertThat(input(id).json().get("queued").asInt()).as("the last set again is no change").isEqualTo(64);
        api.delete(S + "/" + id);

        // A CP/M session takes no input; a finished one neither.
        String cpm = ServicesTest.create(api, ServicesTest.cpm("local", new byte[] {(byte) 0xC3, 0, 0}));
        problem(input(cpm, "coin"), 409, "cpm session");
        problem(api.get(S + "/" + cpm + "/input"), 409, "cpm session");
        String finished = ServicesTest.create(api, session("local", "fast", 3));
        ServicesTest.await(api, finished, Duration.ofSeconds(30));
        problem(input(finished, "coin"), 409, "finished");
        api.delete(S + "/" + cpm);
        api.delete(S + "/" + finished);

        // A recorded log at its limit (128KB) takes no more changes.
        String full = "0 coin down\n0 coin up\n".repeat(5950);
        Map<String, Object> body = session("local", "fast", 5000);
        body.put("input", full);
        String nearlyFull = ServicesTest.create(api, body);
        pauseAndWait(nearlyFull);
        Http.Response r = null;
        for (int k = 0; k < 30; k++) {
            r = input(nearlyFull, k % 2 == 0 ? new String[] {"p1-right"} : new String[] {});
            if (r.status() != 202) {
                break;
            }
        }
        problem(r, 409, "input log is full");
        api.delete(S + "/" + nearlyFull);
        Map<String, Object> tooMuch = session("local", "fast", 5000);
        tooMuch.put("input", "0 p1-fire press 6\n".repeat(7000)); // 126,000 characters, twice that as down/up
        problem(api.post(S, tooMuch), 413, "down/up lines");
        Map<String, Object> badPace = session("local", "slow", 10);
        problem(api.post(S, badPace), 400, "unknown pace 'slow'");
        Map<String, Object> cpmRealtime = new LinkedHashMap<>(ServicesTest.cpm("local", new byte[] {0}));
        cpmRealtime.put("pace", "realtime");
        problem(api.post(S, cpmRealtime), 400, "pace realtime is for invaders");
    }

    // --- the frames stream ---------------------------------------------------------------------------

    /** Everything a stream sent, decoded: the frames (video, latches, edges), STATS and the END. */
    record Streamed(TreeMap<Long, byte[]> video, TreeMap<Long, FrameStream.Frame> frames, List<JsonNode> stats,
                    List<Integer> types, StringBuilder console, JsonNode end) {
    }

    static Streamed read(InputStream body, int maxStats) throws Exception {
        Streamed s = new Streamed(new TreeMap<>(), new TreeMap<>(), new ArrayList<>(), new ArrayList<>(),
                new StringBuilder(), null);
        byte[] screen = new byte[FrameDelta.VIDEO_SIZE];
        FrameStream.Reader reader = new FrameStream.Reader(body);
        FrameStream.Message m;
        while ((m = reader.next()) != null) {
            s.types().add(m.type());
            switch (m.type()) {
                case FrameStream.FRAME -> {
                    FrameStream.Frame f = FrameStream.readFrame(m.payload(), screen);
                    s.video().put(f.frame(), screen.clone());
                    s.frames().put(f.frame(), f);
                }
                case FrameStream.STATS -> {
                    s.stats().add(Http.JSON.readTree(m.text()));
                    if (s.stats().size() >= maxStats) {
                        return s;
                    }
                }
                case FrameStream.CONSOLE -> s.console().append(m.text());
                case FrameStream.END -> {
                    assertThat(reader.next()).as("nothing after END").isNull();
                    return new Streamed(s.video(), s.frames(), s.stats(), s.types(), s.console(),
                            Http.JSON.readTree(m.text()));
                }
                default -> throw new AssertionError("unknown message type " + m.type());
            }
        }
        throw new AssertionError("the stream ended without END after " + s.types());
    }

    @Test
    void theFramesStreamDecodesToWhatTheMachineShowsAndEndsWhenTheSessionFinishes() throws Exception {
        int frames = 400;
        Map<String, Object> body = session("local", "fast", frames);
        body.put("input", Fixtures.demoInput());
        String id = ServicesTest.create(api, body);
        HttpResponse<InputStream> r = api.stream(S + "/" + id + "/frames");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/vnd.invaders.frames");
        assertThat(r.headers().firstValue(ServiceVersion.HEADER)).isPresent();
        Thread.ofVirtual().start(() -> {
            input(id, "p1-left");
            input(id);
        });
        Streamed s;
        try (InputStream in = r.body()) {
            s = read(in, Integer.MAX_VALUE);
        }
        assertThat(s.types().getFirst()).as("STATS first").isEqualTo(FrameStream.STATS);
        assertThat(s.types().get(1)).isEqualTo(FrameStream.FRAME);
        assertThat(s.frames().firstEntry().getValue().keyframe()).as("a keyframe first").isTrue();
        assertThat(s.frames().values().stream().skip(1).noneMatch(FrameStream.Frame::keyframe)).isTrue();
        assertThat(s.frames().lastKey()).as("the last frame is sent before END").isEqualTo(frames);
        assertThat(s.end().get("status").asString()).isEqualTo("finished");
        assertThat(s.end().get("error").isNull()).isTrue();
        JsonNode first = s.stats().getFirst();
        assertThat(first.get("id").asString()).isEqualTo(id);
        assertThat(first.has("framesPerSecond") && first.has("emulatedMHz") && first.has("mesh")).isTrue();
        JsonNode last = s.stats().getLast();
        assertThat(last.get("status").asString()).isEqualTo("finished");
        assertThat(last.get("frames").asLong()).isEqualTo(frames);

        // The same ROM and the session's recorded input, in process: every streamed frame, byte for byte.
        String recorded = api.get(S + "/" + id + "/input").body();
        InvadersMachine m = InvadersMachine.create(Fixtures.demoRom(), DipSwitches.DEFAULT);
        m.setInputLog(InputLog.parse(recorded));
        int edges = 0;
        long previousSent = -1;
        int compared = 0;
        boolean soundSeen = false;
        for (long f = 0; f <= frames; f++) {
            if (f > 0) {
                m.runFrame(); // frame f is what runFrames(f) leaves; frame 0 the machine before it ran
            }
            int e = m.board().drainLatchEdges();
            edges |= e;
            FrameStream.Frame sent = s.frames().get(f);
            if (sent == null) {
                continue;
            }
            assertThat(s.video().get(f)).as("video of frame " + f).isEqualTo(video(m));
            assertThat(sent.sound3()).as("OUT 3 at frame " + f).isEqualTo(m.board().soundPort3());
            assertThat(sent.sound5()).as("OUT 5 at frame " + f).isEqualTo(m.board().soundPort5());
            // The first FRAME reports its own frame's edges; each later one those since the FRAME before it.
            int expected = previousSent < 0 ? e : edges;
            assertThat(sent.edges3() | sent.edges5() << 8).as("edges at frame " + f).isEqualTo(expected);
            soundSeen |= expected != 0;
            edges = 0;
            previousSent = f;
            compared++;
        }
        assertThat(compared).isEqualTo(s.frames().size());
        assertThat(soundSeen).as("the demo game's sounds show as edges").isTrue();
        assertThat(m.stateHash()).isEqualTo(view(id).get("stateHash").asString());
        api.delete(S + "/" + id);
    }

    @Test
    void aPausedSessionStreamsOnlyStatsAndDeletingItEndsTheStream() throws Exception {
        Map<String, Object> body = session("local", "realtime", 1_000_000);
        body.put("romImage", b64(TestRoms.halting()));
        String id = ServicesTest.create(api, body);
        awaitFrames(id, 10);
        pauseAndWait(id);
        HttpResponse<InputStream> r = api.stream(S + "/" + id + "/frames");
        try (InputStream in = r.body()) {
            Streamed s = read(in, 3);
            assertThat(s.types().stream().filter(t -> t == FrameStream.FRAME).count())
                    .as("only the keyframe of the frame it is paused at").isEqualTo(1);
            assertThat(s.stats().getLast().get("status").asString()).isEqualTo("paused");
            assertThat(s.stats().getLast().get("framesPerSecond").asDouble()).isZero();
            assertThat(api.post(S + "/" + id + "/resume", "{}").status()).isEqualTo(200);
            Streamed more = read(in, 2);
            assertThat(more.frames().size()).as("frames again once resumed").isGreaterThan(20);
            assertThat(more.frames().values().stream().noneMatch(FrameStream.Frame::keyframe)).isTrue();
            JsonNode mesh = more.stats().getLast().get("mesh");
            assertThat(mesh.size()).isPositive();
            for (JsonNode e : mesh) {
                assertThat(e.get("route").asString()).isEqualTo("local");
                assertThat(e.get("version").asString()).isEqualTo("library");
            }
            List<String> families = new ArrayList<>();
            mesh.forEach(e -> families.add(e.get("family").asString()));
            assertThat(families).contains("hlt", "rst", "mov");
            assertThat(api.delete(S + "/" + id).status()).isEqualTo(204);
            Streamed rest = read(in, Integer.MAX_VALUE);
            assertThat(rest.end().get("status").asString()).isEqualTo("deleted");
        }
    }

    @Test
    void streamLimitsAndDisconnects() throws Exception {
        problem(api.get(S + "/no-such-session/frames"), 404, "no session");
        Map<String, Object> body = session("local", "realtime", 1_000_000);
        body.put("romImage", b64(TestRoms.halting()));
        String id = ServicesTest.create(api, body);
        Http.Response head = api.head(S + "/" + id + "/frames");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).startsWith("application/vnd.invaders.frames");
        assertThat(metric("invaders_stream_subscribers")).as("a HEAD holds no place").isZero();
        List<InputStream> open = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HttpResponse<InputStream> r = api.stream(S + "/" + id + "/frames");
            assertThat(r.statusCode()).isEqualTo(200);
            open.add(r.body());
            new FrameStream.Reader(r.body()).next(); // its first STATS: the subscriber is running
        }
        assertThat(metric("invaders_stream_subscribers")).isEqualTo(8);
        problem(api.get(S + "/" + id + "/frames"), 429, "8 frames streams");
        for (InputStream in : open) {
            in.close();
        }
        await("closed streams end their subscribers").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> metric("invaders_stream_subscribers") <= 0);
        HttpResponse<InputStream> again = api.stream(S + "/" + id + "/frames");
        assertThat(again.statusCode()).as("places free again").isEqualTo(200);
        again.body().close();
        assertThat(metric("invaders_stream_bytes_total")).isPositive();
        api.delete(S + "/" + id);
    }

    @Test
    void aCpmSessionStreamsItsConsole() throws Exception {
        // MVI C,9; LXI D,MSG; CALL 0005h (print to '$'); JMP 0000h; MSG: "HELLO, STREAM$"
        byte[] code = {0x0E, 0x09, 0x11, 0x0B, 0x01, (byte) 0xCD, 0x05, 0x00, (byte) 0xC3, 0x00, 0x00};
        byte[] text = "HELLO, STREAM$".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] program = Arrays.copyOf(code, code.length + text.length);
        System.arraycopy(text, 0, program, code.length, text.length);
        String id = ServicesTest.create(api, ServicesTest.cpm("local", program));
        HttpResponse<InputStream> r = api.stream(S + "/" + id + "/frames");
        try (InputStream in = r.body()) {
            Streamed s = read(in, Integer.MAX_VALUE);
            assertThat(s.console().toString()).isEqualTo("HELLO, STREAM");
            assertThat(s.frames()).isEmpty();
            assertThat(s.end().get("status").asString()).isEqualTo("finished");
        }
        api.delete(S + "/" + id);
    }

    static double metric(String name) {
        for (String line : api.get("/actuator/prometheus").body().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric " + name);
    }

    // --- ROM uploads ---------------------------------------------------------------------------------

    @Test
    void uploadedRomsRunWithAnUnknownRomWarning() throws Exception {
        byte[] image = TestRoms.halting();
        InvadersMachine direct = InvadersMachine.create(image, DipSwitches.DEFAULT);
        direct.runFrames(30);
        List<Map<String, Object>> uploads = new ArrayList<>();
        Map<String, Object> raw = session("local", "fast", 30);
        raw.put("romImage", b64(image));
        uploads.add(raw);
        Map<String, Object> zip = session("local", "fast", 30);
        zip.put("rom", "upload");
        zip.put("romImage", b64(TestRoms.zip(image)));
        uploads.add(zip);
        Map<String, Object> files = session("local", "fast", 30);
        Map<String, String> parts = new LinkedHashMap<>();
        String[] names = {"invaders.h", "invaders.g", "invaders.f", "invaders.e"};
        for (int i = 0; i < 4; i++) {
            parts.put(names[i], b64(Arrays.copyOfRange(image, i * 2048, i * 2048 + 2048)));
        }
        files.put("romFiles", parts);
        uploads.add(files);
        for (Map<String, Object> upload : uploads) {
            String id = ServicesTest.create(api, upload);
            JsonNode v = ServicesTest.await(api, id, Duration.ofSeconds(30));
            assertThat(v.get("rom").asString()).isEqualTo("upload");
            assertThat(v.get("warnings").size()).isEqualTo(1);
            assertThat(v.get("warnings").get(0).asString()).contains("unknown ROM", "running it anyway");
            assertThat(v.get("stateHash").asString()).isEqualTo(direct.stateHash());
            api.delete(S + "/" + id);
        }
        String demo = ServicesTest.create(api, session("local", "fast", 1));
        assertThat(ServicesTest.await(api, demo, Duration.ofSeconds(30)).get("warnings").size()).isZero();
        api.delete(S + "/" + demo);
    }

    @Test
    void badUploadsGet400WithTheReason() {
        byte[] image = TestRoms.halting();
        byte[] zip = TestRoms.zip(image);
        problem(upload("romImage", b64(Arrays.copyOf(zip, zip.length / 2))), 400, "romImage");
        problem(upload("romImage", b64(new byte[] {'P', 'K', 3, 4, 1, 2, 3, 4, 5})), 400, "romImage");
        problem(upload("romImage", b64(new byte[100])), 400, "romImage is 100 bytes and not a zip");
        problem(upload("romImage", "not base64!"), 400, "romImage is not valid base64");
        problem(upload("romImage", b64(new byte[140_000])), 413, "at most 131072");
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("invaders.h", b64(new byte[2048]));
        parts.put("invaders.g", b64(new byte[100]));
        problem(upload("romFiles", parts), 400, "invaders.g is 100 bytes");
        parts.put("invaders.g", b64(new byte[2048]));
        problem(upload("romFiles", parts), 400, "romFiles has no invaders.f, invaders.e");
        parts.put("invaders.f", "%%%");
        problem(upload("romFiles", parts), 400, "romFiles invaders.f is not valid base64");
        Map<String, Object> both = session("local", "fast", 10);
        both.put("romImage", b64(image));
        both.put("romFiles", Map.of());
        problem(api.post(S, both), 400, "not both");
        Map<String, Object> demoAndUpload = session("local", "fast", 10);
        demoAndUpload.put("rom", "demo");
        demoAndUpload.put("romImage", b64(image));
        problem(api.post(S, demoAndUpload), 400, "leave rom out or set it to upload");
        Map<String, Object> nothing = session("local", "fast", 10);
        nothing.put("rom", "upload");
        problem(api.post(S, nothing), 400, "rom upload needs romImage");
        Map<String, Object> cpm = new LinkedHashMap<>(ServicesTest.cpm("local", new byte[] {0}));
        cpm.put("romImage", b64(image));
        problem(api.post(S, cpm), 400, "invaders sessions");
    }

    private static Http.Response upload(String member, Object value) {
        Map<String, Object> body = session("local", "fast", 10);
        body.put(member, value);
        return api.post(S, body);
    }
}
