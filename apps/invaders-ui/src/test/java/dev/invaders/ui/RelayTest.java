package dev.invaders.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.invaders.machine.FrameDelta;
import dev.invaders.machine.FrameStream;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The play WebSocket against a fake CPU service: the frame stream relayed message by message (and counted),
 * inputs forwarded, every way a stream ends (session over, browser gone, CPU refusing, breaking off, falling
 * silent, misbehaving) with the close code the page acts on, and the bound on streams.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class RelayTest {
    static final Duration WAIT = Duration.ofSeconds(10);
    static FakeCpu cpu;
    static ConfigurableApplicationContext ui;
    static Http api;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        cpu = new FakeCpu();
        ui = Apps.start(InvadersUiApplication.class, 0, "--invaders.ui.cpu-url=" + cpu.url(),
                "--invaders.ui.max-streams=3", "--invaders.ui.stream-idle-timeout=1500ms");
        base = Apps.url(ui);
        api = new Http(base, null);
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

    @AfterEach
    void reset() throws InterruptedException {
        cpu.framesStatus = 200;
        cpu.breakAfter = -1;
        cpu.silent = false;
        cpu.oversize = false;
        cpu.endWith = null;
        awaitNoRelays();
    }

    static void awaitNoRelays() throws InterruptedException {
        PlayHandler handler = ui.getBean(PlayHandler.class);
        await("no relays open").atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> handler.relays() <= 0);
        assertThat(handler.relays()).as("relays still open").isZero();
    }

    static String session(long frames) {
        Http.Response r = api.post("/api/v1/sessions",
                Map.of("machine", "invaders", "rom", "demo", "pace", "realtime", "stopAfterFrames", frames));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asString();
    }

    static String play(String id) {
        return "/api/v1/sessions/" + id + "/play";
    }

    @Test
    void eachStreamMessageArrivesWholeAsOneBinaryMessageAndTheFramesDecodeThenEndCloses1000() throws Exception {
        String id = session(90);
        MeterRegistry registry = ui.getBean(MeterRegistry.class);
        double before = registry.get("invaders.ui.stream.bytes").counter().count();
        long bytes = 0;
        try (WsClient ws = new WsClient(base, play(id))) {
            WsClient.Message first = ws.next(WAIT);
            assertThat(first.type()).isEqualTo(2);
            JsonNode stats = Http.JSON.readTree(first.payload());
            assertThat(stats.get("id").asString()).isEqualTo(id);
            bytes += first.bytes().length;
            byte[] vram = new byte[FrameDelta.VIDEO_SIZE];
            long lastFrame = -1;
            int frames = 0;
            boolean keyframeFirst = false;
            while (true) {
                WsClient.Message m = ws.next(WAIT);
                assertThat(m.bytes()).as("binary").isNotNull();
                assertThat(m.length()).isEqualTo(m.bytes().length - 5);
                bytes += m.bytes().length;
                if (m.type() == 1) {
                    if (frames == 0) {
                        keyframeFirst = (m.payload()[8] & 1) == 1;
                    }
                    long f = FrameStream.readFrame(m.payload(), vram).frame();
                    assertThat(f).isGreaterThan(lastFrame);
                    lastFrame = f;
                    frames++;
                } else if (m.type() == 4) {
                    assertThat(Http.JSON.readTree(m.payload()).get("status").asString()).isEqualTo("finished");
                    break;
                }
            }
            assertThat(keyframeFirst).as("the first frame is a keyframe").isTrue();
            assertThat(frames).isGreaterThan(30);
            assertThat(lastFrame).isEqualTo(89);
            // The demo's attract screen has lit pixels.
            int lit = 0;
            for (byte b : vram) {
                lit += Integer.bitCount(b & 0xFF);
            }
            assertThat(lit).isGreaterThan(500);
            // What the deltas added up to is the frame the emulator rendered (read from its video RAM).
            FakeCpu.Frame rendered = cpu.sessions.get(id).latest;
            assertThat(rendered.frame()).isEqualTo(lastFrame);
            assertThat(vram).as("the last frame decoded").isEqualTo(rendered.vram());
            assertThat(ws.awaitClose(WAIT)).isEqualTo(1000);
        }
        double counted = registry.get("invaders.ui.stream.bytes").counter().count() - before;
        assertThat(counted).isEqualTo((double) bytes);
        assertThat(registry.get("invaders.ui.stream.messages").tag("type", "end").counter().count()).isPositive();
    }

    @Test
    void withoutTheSessionsControlTokenAnInputIsRefusedAndTheStreamGoesOn() throws Exception {
        String id = session(216000);
        cpu.inputs.clear();
        try (WsClient ws = new WsClient(base, play(id))) {
            assertThat(ws.next(WAIT).type()).isEqualTo(2);
            ws.send("{\"held\":[\"coin\"]}");
            JsonNode refused = Http.JSON.readTree(nextText(ws).text());
            assertThat(refused.get("status").asInt()).isEqualTo(403);
            assertThat(refused.get("detail").asString()).contains("control token");
            ws.send("{\"controlToken\":\"not-the-sessions-token\"}");
            ws.send("{\"held\":[\"coin\"]}");
            assertThat(Http.JSON.readTree(nextText(ws).text()).get("status").asInt()).isEqualTo(403);
            ws.send("{\"controlToken\":\"no spaces/or slashes\"}");
            assertThat(Http.JSON.readTree(nextText(ws).text()).get("status").asInt()).isEqualTo(400);
            assertThat(cpu.inputs).isEmpty();
            ws.send("{\"controlToken\":\"" + Http.CONTROL.get(id) + "\"}");
            ws.send("{\"held\":[\"coin\"]}");
            await("the input posted").atMost(WAIT).pollInterval(Duration.ofMillis(10))
                    .until(() -> !cpu.inputs.isEmpty());
            assertThat(cpu.inputs).containsExactly("{\"held\":[\"coin\"]}");
            WsClient.Message more = ws.next(WAIT);
            while (more.bytes() == null) {
                more = ws.next(WAIT);
            }
            assertThat(more.type()).as("still streaming").isIn(1, 2);
        }
        api.delete("/api/v1/sessions/" + id);
    }

    @Test
    void textMessagesBecomeInputPostsAndABadOneIsAProblemWhileTheStreamGoesOn() throws Exception {
        String id = session(216000);
        cpu.inputs.clear();
        try (WsClient ws = new WsClient(base, play(id))) {
            assertThat(ws.next(WAIT).type()).isEqualTo(2);
            ws.send("{\"controlToken\":\"" + Http.CONTROL.get(id) + "\"}");
            ws.send("{\"held\":[\"coin\",\"p1-left\"]}");
            ws.send("{\"held\":[]}");
            await("two inputs posted").atMost(WAIT).pollInterval(Duration.ofMillis(10))
                    .until(() -> cpu.inputs.size() >= 2);
            assertThat(cpu.inputs).containsExactly("{\"held\":[\"coin\",\"p1-left\"]}", "{\"held\":[]}");

            ws.send("{\"held\":\"coin\"}");
            WsClient.Message problem = nextText(ws);
            JsonNode p = Http.JSON.readTree(problem.text());
            assertThat(p.get("type").asString()).isEqualTo("problem");
            assertThat(p.get("status").asInt()).isEqualTo(400);
            assertThat(p.get("detail").asString()).contains("held");

            ws.send("{\"held\":[\"p9-jump\"]}"); // a name the CPU service refuses: its problem reaches the page
            JsonNode refused = Http.JSON.readTree(nextText(ws).text());
            assertThat(refused.get("status").asInt()).isEqualTo(400);
            assertThat(refused.get("detail").asString()).isEqualTo("unknown control 'p9-jump'");

            ws.send("not json");
            assertThat(Http.JSON.readTree(nextText(ws).text()).get("status").asInt()).isEqualTo(400);
            // Still streaming.
            WsClient.Message more = ws.next(WAIT);
            while (more.bytes() == null) {
                more = ws.next(WAIT);
            }
            assertThat(more.type()).isIn(1, 2);
            assertThat(ws.closed).isNotDone();
        }
        api.delete("/api/v1/sessions/" + id);
    }

    private static WsClient.Message nextText(WsClient ws) throws InterruptedException {
        while (true) {
            WsClient.Message m = ws.next(WAIT);
            if (m.text() != null) {
                return m;
            }
        }
    }

    @Test
    void whenTheBrowserGoesAwayTheUpstreamStreamIsClosedToo() throws Exception {
        String id = session(216000);
        WsClient ws = new WsClient(base, play(id));
        ws.next(WAIT);
        ws.next(WAIT);
        assertThat(cpu.openStreams.get()).isEqualTo(1);
        ws.close();
        awaitNoRelays();
        await("the CPU service's stream closed").atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> cpu.openStreams.get() <= 0);
        assertThat(cpu.openStreams.get()).as("the CPU service's stream is closed").isZero();
        api.delete("/api/v1/sessions/" + id);
    }

    @Test
    void anUnknownSessionIsAProblemThenClose4404() throws Exception {
        try (WsClient ws = new WsClient(base, play("no-such-session"))) {
            WsClient.Message m = ws.next(WAIT);
            JsonNode p = Http.JSON.readTree(m.text());
            assertThat(p.get("status").asInt()).isEqualTo(404);
            assertThat(p.get("detail").asString()).isEqualTo("no session no-such-session");
            assertThat(ws.awaitClose(WAIT)).isEqualTo(4404);
        }
    }

    @Test
    void aStreamThatBreaksOffClosesWith4503SoThePageReconnects() throws Exception {
        String id = session(216000);
        cpu.breakAfter = 5;
        try (WsClient ws = new WsClient(base, play(id))) {
            assertThat(ws.awaitClose(WAIT)).isEqualTo(4503);
            assertThat(ws.closeReason).contains("stream ended");
        }
        api.delete("/api/v1/sessions/" + id);
    }

    @Test
    void anEndForTheCpuServicesShutdownIsRelayedThenClosedWith4503SoThePageReconnects() throws Exception {
        String id = session(216000);
        cpu.endWith = "shutdown";
        try (WsClient ws = new WsClient(base, play(id))) {
            WsClient.Message m = ws.next(WAIT);
            while (m.bytes() == null || m.type() != 4) {
                m = ws.next(WAIT);
            }
            assertThat(Http.JSON.readTree(m.payload()).get("status").asString()).isEqualTo("shutdown");
            assertThat(ws.awaitClose(WAIT)).isEqualTo(4503);
            assertThat(ws.closeReason).contains("restarting");
        }
        cpu.endWith = "deleted";
        try (WsClient ws = new WsClient(base, play(id))) {
            assertThat(ws.awaitClose(WAIT)).isEqualTo(1000);
        }
        api.delete("/api/v1/sessions/" + id);
    }

    @Test
    void aSilentStreamIsClosedAfterTheIdleTimeout() throws Exception {
        String id = session(216000);
        cpu.silent = true;
        try (WsClient ws = new WsClient(base, play(id))) {
            assertThat(ws.next(WAIT).type()).isEqualTo(2);
            long t0 = System.nanoTime();
            assertThat(ws.awaitClose(WAIT)).isEqualTo(4503);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(1000));
            assertThat(ws.closeReason).contains("no data");
        }
        api.delete("/api/v1/sessions/" + id);
    }

    @Test
    void anOversizedStreamMessageIsNotBufferedButCloses4502() throws Exception {
        String id = session(216000);
        cpu.oversize = true;
        try (WsClient ws = new WsClient(base, play(id))) {
            assertThat(ws.next(WAIT).type()).isEqualTo(2);
            JsonNode p = Http.JSON.readTree(ws.next(WAIT).text());
            assertThat(p.get("detail").asString()).contains("over the relay's limit");
            assertThat(ws.awaitClose(WAIT)).isEqualTo(4502);
        }
        api.delete("/api/v1/sessions/" + id);
    }

    @Test
    void aCpuServiceAnsweringAnErrorPassesItsStatusInTheCloseCode() throws Exception {
        String id = session(216000);
        cpu.framesStatus = 409;
        try (WsClient ws = new WsClient(base, play(id))) {
            assertThat(Http.JSON.readTree(ws.next(WAIT).text()).get("status").asInt()).isEqualTo(409);
            assertThat(ws.awaitClose(WAIT)).isEqualTo(4409);
        }
        api.delete("/api/v1/sessions/" + id);
    }

    @Test
    void streamsAreBoundedAndTheOneOverTheLimitGets1013() throws Exception {
        String id = session(216000);
        WsClient a = new WsClient(base, play(id));
        WsClient b = new WsClient(base, play(id));
        WsClient c = new WsClient(base, play(id));
        try {
            for (WsClient w : new WsClient[] {a, b, c}) {
                w.next(WAIT);
            }
            try (WsClient d = new WsClient(base, play(id))) {
                JsonNode p = Http.JSON.readTree(d.next(WAIT).text());
                assertThat(p.get("status").asInt()).isEqualTo(503);
                assertThat(d.awaitClose(WAIT)).isEqualTo(1013);
            }
            assertThat(ui.getBean(StreamMetrics.class).activeStreams()).isEqualTo(3);
        } finally {
            a.close();
            b.close();
            c.close();
        }
        awaitNoRelays();
        // A slot is free again.
        try (WsClient e = new WsClient(base, play(id))) {
            assertThat(e.next(WAIT).type()).isEqualTo(2);
        }
        api.delete("/api/v1/sessions/" + id);
    }

    @Test
    void aPageOfAnotherOriginCannotOpenTheStream() {
        URI uri = URI.create(base.replaceFirst("^http", "ws") + play("x"));
        assertThatThrownBy(() -> Http.CLIENT.newWebSocketBuilder().header("Origin", "http://evil.example")
                .buildAsync(uri, new WebSocket.Listener() { }).join())
                .isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(403));
    }

    @Test
    void shutdownClosesStreamsWith1001SoPagesMoveToAnotherReplica() throws Exception {
        ConfigurableApplicationContext other = Apps.start(InvadersUiApplication.class, 0,
                "--invaders.ui.cpu-url=" + cpu.url());
        String id = session(216000);
        try (WsClient ws = new WsClient(Apps.url(other), play(id))) {
            ws.next(WAIT);
            other.close();
            assertThat(ws.awaitClose(WAIT)).isEqualTo(1001);
        } finally {
            other.close();
        }
        api.delete("/api/v1/sessions/" + id);
    }
}
