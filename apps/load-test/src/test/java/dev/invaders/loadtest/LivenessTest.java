package dev.invaders.loadtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session is lost when its progress counter stops, not when a fixed time after it was due has passed. */
class LivenessTest {

    @Test
    void aSlowSessionThatKeepsAdvancingIsNotLostHoweverLate() {
        Liveness live = new Liveness(0, 60);
        double due = 40;
        long frames = 0;
        // strict mode on a loaded machine: a frame every 3 s, 10 minutes after the session was due
        for (double t = 0; t <= due + 600; t += 1) {
            if (((long) t) % 3 == 0) frames++;
            live.observe(t, frames);
            assertNull(live.lost(t, due, "frame", "running"), "lost at t=" + t + " though its frames advance");
        }
    }

    @Test
    void aSessionWhoseCounterStopsIsLostAfterTheStallTimeEvenBeforeItIsDue() {
        Liveness live = new Liveness(0, 60);
        live.observe(1, 10);
        live.observe(5, 50);
        for (double t = 6; t <= 65; t++) {
            live.observe(t, 50);
            assertNull(live.lost(t, 600, "frame", "running"), "t=" + t);
        }
        String why = live.lost(65.5, 600, "frame", "running");
        assertNotNull(why);
        assertTrue(why.contains("frame counter did not advance for 61 s"), why);
    }

    @Test
    void aCounterThatGoesBackIsProgress() {
        // a restarted CPU resumes the session from its last checkpoint: frames go back, then on
        Liveness live = new Liveness(0, 10);
        live.observe(0, 600);
        live.observe(9, 540);
        assertNull(live.lost(18, 100, "frame", "running"));
        assertNotNull(live.lost(19.5, 100, "frame", "running"));
    }

    @Test
    void aSessionThatNeverReportsIsLostAfterTheStallTime() {
        Liveness live = new Liveness(3, 20);
        assertNull(live.lost(23, 100, "instruction", ""));
        assertTrue(live.lost(23.5, 100, "instruction", "").contains("instruction counter"));
    }

    @Test
    void theHardCapEndsASessionThatMovesForever() {
        Liveness live = new Liveness(0, 60);
        double t = LoadTest.MAX_OVERDUE_SECONDS + 9;
        live.observe(t, 1);
        assertNull(live.lost(t, 10, "frame", "running"));
        live.observe(t + 2, 2);
        assertTrue(live.lost(t + 2, 10, "frame", "running").contains("after it was due"));
    }

    // -- the tool against a fake public API: one demo session whose frames advance as the test says --

    private static final Pattern FRAMES = Pattern.compile("\"stopAfterFrames\":(\\d+)");

    /** Runs ./load-test (1 strict session of 1 s) against a fake API whose frame counter is framesAt(ms since creation). */
    private static int runAgainstFake(Path out, ByteArrayOutputStream stdout, LongUnaryOperator framesAt, String... extra)
            throws Exception {
        String input = Files.readString(Main.root().resolve("apps/machine/examples/demo-game.input"));
        long[] created = {0};
        long[] target = {0};
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            if (method.equals("POST") && path.equals("/api/v1/sessions")) {
                Matcher m = FRAMES.matcher(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                target[0] = m.find() ? Long.parseLong(m.group(1)) : 60;
                created[0] = System.nanoTime();
                answer(ex, 201, "{\"id\":\"s1\",\"controlToken\":\"t\"}");
            } else if (method.equals("GET") && path.equals("/api/v1/sessions")) {
                answer(ex, 200, "{\"sessions\":[]}");
            } else if (method.equals("GET") && path.equals("/api/v1/sessions/s1")) {
                long frames = Math.min(target[0], framesAt.applyAsLong((System.nanoTime() - created[0]) / 1_000_000));
                boolean done = frames >= target[0];
                answer(ex, 200, "{\"id\":\"s1\",\"status\":\"" + (done ? "finished" : "running") + "\",\"frames\":" + frames
                        + ",\"instructions\":" + frames * 4000 + ",\"framesPerSecond\":1.0"
                        + (done ? ",\"stateHash\":\"" + LoadTest.localDemoHash(input, frames) + "\"" : "") + "}");
            } else if (method.equals("DELETE")) {
                answer(ex, 204, null);
            } else {
                answer(ex, 404, "{}");
            }
        });
        server.start();
        try {
            List<String> args = new java.util.ArrayList<>(List.of("--target", "http://127.0.0.1:" + server.getAddress().getPort(),
                    "--sessions", "1", "--duration", "1", "--mode", "strict", "--out", out.toString()));
            args.addAll(List.of(extra));
            return Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err, new AtomicReference<>());
        } finally {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        if (body == null) {
            ex.sendResponseHeaders(status, -1);
        } else {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    @Test
    void theToolKeepsFollowingASessionPastItsDueTimeWhileItsFramesAdvance(@TempDir Path out) throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        // due after 1 s (60 frames); it runs at 12 frames a second, about 5 s, with a stall limit of 2 s
        int code = runAgainstFake(out, stdout, ms -> ms * 12 / 1000, "--stall", "2");
        assertEquals(0, code, stdout.toString(StandardCharsets.UTF_8));
        Map<String, Object> report = Json.object(Files.readString(out.resolve("report.json")));
        assertEquals(1.0, report.get("finished"), () -> report.toString());
        assertEquals(0.0, report.get("lostSessions"));
        assertEquals(2.0, ((Map<?, ?>) report.get("options")).get("stallSeconds"));
    }

    @Test
    void theToolCallsASessionWhoseFramesStopLost(@TempDir Path out) throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        // 20 frames in the first second, then nothing
        int code = runAgainstFake(out, stdout, ms -> Math.min(20, ms * 20 / 1000), "--stall", "3");
        assertEquals(1, code, stdout.toString(StandardCharsets.UTF_8));
        Map<String, Object> report = Json.object(Files.readString(out.resolve("report.json")));
        assertEquals(1.0, report.get("lostSessions"));
        @SuppressWarnings("unchecked")
        Map<String, Object> s = ((List<Map<String, Object>>) report.get("perSession")).getFirst();
        assertTrue(String.valueOf(s.get("error")).contains("frame counter did not advance"), String.valueOf(s.get("error")));
        assertTrue(((Number) s.get("endedAt")).doubleValue() < 10, "lost after about 1 + 3 s, not a fixed deadline");
    }
}
