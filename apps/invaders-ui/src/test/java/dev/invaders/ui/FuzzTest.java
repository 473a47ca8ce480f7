package dev.invaders.ui;

import dev.invaders.cpu.FetchExecuteApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Fuzz;
import dev.invaders.testsupport.FuzzRequests;
import dev.invaders.testsupport.FuzzRequests.Endpoint;
import dev.invaders.testsupport.FuzzTargets;
import dev.invaders.testsupport.Gen;
import dev.invaders.testsupport.Http;
import dev.invaders.testsupport.HttpFuzz;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The public front door fuzzed (requests from {@link FuzzRequests}, tries run by {@link Fuzz}; fetch-execute
 * runs behind it): every session endpoint through the proxy (create, list, view, delete, pause, resume, input
 * posted and read, the frames stream, the routes), the play endpoint without an upgrade, the static files and
 * the actuator; never a 5xx, an error is a problem, the UI answers its health check after; Tomcat's own refusals
 * are problems too. And the play WebSocket's first message (the control token, mutated): never a server error.
 */
class FuzzTest {
    static final int TRIES = 1350;
    static final int FRAMES_TRIES = 30;
    static final int PLAY_TRIES = 50;
    static ConfigurableApplicationContext cpu;
    static ConfigurableApplicationContext ui;
    static Http api;
    /** A session that runs through the whole test (realtime, an hour of frames). */
    static String live;

    @BeforeAll
    static void start() {
        cpu = Apps.start(FetchExecuteApplication.class, 0, "--invaders.cpu.routes.default=local",
                "--invaders.cpu.max-sessions=4",
                "--invaders.cpu.version-check-interval=0s", "--invaders.cpu.default-stop-after-frames=10",
                "--invaders.cpu.max-stop-after-frames=216000");
        ui = Apps.start(InvadersUiApplication.class, 0, "--invaders.ui.cpu-url=" + Apps.url(cpu));
        api = new Http(Apps.url(ui), null);
        playable();
    }

    /** The live session, started again when the fuzzing deleted it. */
    static String playable() {
        if (live == null || api.get("/api/v1/sessions/" + live).status() != 200) {
            live = api.post("/api/v1/sessions", Map.of("machine", "invaders", "rom", "demo", "mode", "local",
                    "pace", "realtime", "stopAfterFrames", 216000)).json().get("id").asString();
        }
        return live;
    }

    @AfterAll
    static void stop() {
        if (ui != null) {
            ui.close();
        }
        if (cpu != null) {
            cpu.close();
        }
    }

    @Test
    void tomcatsOwnRefusalsAreProblems() throws Exception {
        HttpFuzz.tomcatRefusals(Apps.port(ui), "/api/v1/sessions");
    }

    // Fixed seeds: every run sends the same requests (-Dinvaders.fuzz.seed=... sends others); a failure
    // names its seed, its try and its request.
    @Test
    void noRequestGetsA5xx() {
        Fuzz.check(TRIES, 8090, requests(), request -> request.sendAndCheck(Apps.port(ui)));
    }

    /** The frames stream through the proxy, with fewer tries (a stream of a live session is cut at 15 s). */
    @Test
    void noFramesRequestGetsA5xx() {
        Fuzz.check(FRAMES_TRIES, 8091, frames(), request -> request.sendAndCheck(Apps.port(ui)));
    }

    /**
     * The play WebSocket's first message, the control token ({@code {"controlToken":"..."}}) mutated, then an
     * input: every text message back is a problem below 500 without a stack trace, and the socket is never
     * closed with 1011 (a server error).
     */
    @Test
    void noFirstPlayMessageGetsAServerError() {
        Fuzz.check(PLAY_TRIES, 8092, firstMessages(), FuzzTest::play);
    }

    static void play(String first) throws Exception {
        try (WsClient ws = new WsClient(Apps.url(ui), "/api/v1/sessions/" + playable() + "/play")) {
            ws.send(first);
            ws.send("{\"held\":[\"coin\"]}");
            List<WsClient.Message> texts = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofMillis(200).toNanos();
            while (System.nanoTime() < until && !ws.closed.isDone()) {
                WsClient.Message m = ws.messages.poll(20, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (m != null && m.text() != null) {
                    texts.add(m);
                }
            }
            for (WsClient.Message m : texts) {
                String lower = m.text().toLowerCase(Locale.ROOT);
                if (lower.contains("<html") || m.text().contains("\tat ") || m.text().contains("Exception")) {
                    throw new AssertionError("after " + first + ": " + m.text());
                }
                JsonNode n = Http.JSON.readTree(m.text());
                if (n.path("status").asInt(0) >= 500) {
                    throw new AssertionError("after " + first + ": " + m.text());
                }
            }
            if (ws.closed.isDone() && ws.closed.getNow(0) == 1011) {
                throw new AssertionError("closed 1011 after " + first + ": " + ws.closeReason);
            }
        }
    }

    @AfterEach
    void stillHealthyAndTidy() throws Exception {
        HttpFuzz.healthy(Apps.port(ui), "/actuator/health");
        FuzzTargets.deleteSessionsBut(api, live);
    }

    static Gen<FuzzRequests.Request> requests() {
        String create = "{\"machine\":\"invaders\",\"rom\":\"demo\",\"mode\":\"local\",\"stopAfterFrames\":2}";
        return FuzzRequests.requests(List.of(
                        new Endpoint("POST", "/api/v1/sessions", create),
                        new Endpoint("GET", "/api/v1/sessions", null),
                        new Endpoint("GET", "/api/v1/sessions/{id}", null),
                        new Endpoint("DELETE", "/api/v1/sessions/{id}", null),
                        new Endpoint("POST", "/api/v1/sessions/{id}/pause", null),
                        new Endpoint("POST", "/api/v1/sessions/{id}/resume", null),
                        new Endpoint("POST", "/api/v1/sessions/{id}/input", "{\"held\":[\"coin\"]}"),
                        new Endpoint("GET", "/api/v1/sessions/{id}/input", null),
                        new Endpoint("GET", "/api/v1/sessions/{id}/play", null),
                        new Endpoint("GET", "/api/v1/routes", null),
                        new Endpoint("GET", "/api/v1/sessions/routes", null),
                        new Endpoint("GET", "/{id}", null),
                        new Endpoint("GET", "/js/{id}", null),
                        new Endpoint("GET", "/actuator/health/{id}", null)),
                List.of(live, "index.html", "app.js", "favicon.svg", "readiness"), null);
    }

    static Gen<FuzzRequests.Request> frames() {
        // a finished or unknown session: the stream ends (or is refused) at once
        return FuzzRequests.requests(List.of(new Endpoint("GET", "/api/v1/sessions/{id}/frames", null)),
                List.of("00000000-0000-0000-0000-000000000000", "no-such-session"), null);
    }

    /** The live session's control token mutated, a random one, or random text. */
    static Gen<String> firstMessages() {
        return Gen.oneOf(
                r -> FuzzRequests.mutations("{\"controlToken\":\"" + Http.CONTROL.getOrDefault(playable(), "x")
                        + "\"}").next(r),
                Gen.strings(300).map(s -> "{\"controlToken\":\"" + s + "\"}"),
                Gen.strings(100));
    }
}
