package dev.invaders.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The public session API through the UI: fetch-execute's (here a fake's) statuses, problem bodies and headers
 * pass through as they are; the UI's own refusals and an unreachable CPU service are problems too.
 */
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class ProxyTest {
    static FakeCpu cpu;
    static ConfigurableApplicationContext ui;
    static ConfigurableApplicationContext orphan;
    static Http api;

    @BeforeAll
    static void start() throws Exception {
        cpu = new FakeCpu();
        ui = Apps.start(InvadersUiApplication.class, 0, "--invaders.ui.cpu-url=" + cpu.url(),
                "--invaders.ui.max-request-size=64KB");
        api = new Http(Apps.url(ui), null);
    }

    @AfterAll
    static void stop() {
        if (ui != null) {
            ui.close();
        }
        if (orphan != null) {
            orphan.close();
        }
        if (cpu != null) {
            cpu.close();
        }
    }

    @Test
    void createGetListAndDeletePassThroughWithStatusLocationAndTheCpuServiceVersion() {
        Http.Response created = api.post("/api/v1/sessions",
                Map.of("machine", "invaders", "rom", "demo", "pace", "realtime", "stopAfterFrames", 216000));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/api/v1/sessions/" + id);
        assertThat(created.header("Invaders-Service-Version")).isEqualTo(FakeCpu.VERSION);

        Http.Response one = api.get("/api/v1/sessions/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("id").asString()).isEqualTo(id);
        assertThat(one.header("Content-Type")).startsWith("application/json");

        JsonNode list = api.get("/api/v1/sessions").json();
        assertThat(list.get("sessions").findValuesAsString("id")).contains(id);

        assertThat(created.json().get("controlToken").asString()).isNotBlank();
        // A change without the session's control token: the CPU service's 403 problem passes through.
        Http.Response refused = api.send(HttpRequest.newBuilder(URI.create(Apps.url(ui) + "/api/v1/sessions/" + id
                + "/pause")).header("Invaders-Control-Token", "someone-elses").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        // With it (the client sends the token its create answered): passed on.
        assertThat(api.post("/api/v1/sessions/" + id + "/pause", "").json().get("status").asString())
                .isEqualTo("paused");
        assertThat(api.post("/api/v1/sessions/" + id + "/resume", "").json().get("status").asString())
                .isEqualTo("running");

        Http.Response deleted = api.delete("/api/v1/sessions/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        Http.Response gone = api.get("/api/v1/sessions/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(gone.json().get("detail").asString()).isEqualTo("no session " + id);
    }

    @Test
    void theCpuServicesProblemForABadRomReachesTheCallerAsItIs() {
        String junk = Base64.getEncoder().encodeToString("not a ROM at all".getBytes());
        Http.Response r = api.post("/api/v1/sessions", Map.of("machine", "invaders", "romImage", junk));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.header("Invaders-Service-Version")).isEqualTo(FakeCpu.VERSION);
        assertThat(r.json().get("detail").asString()).isEqualTo(
                "the ROM image is 16 bytes: a Space Invaders ROM is 8,192 bytes");
    }

    @Test
    void aBodyOverTheLimitIs413BeforeTheCpuServiceSeesIt() {
        int before = cpu.sessions.size();
        String big = "{\"machine\":\"invaders\",\"romImage\":\"" + "A".repeat(70_000) + "\"}";
        Http.Response r = api.post("/api/v1/sessions", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.json().get("detail").asString()).contains("larger than 65536 bytes");
        assertThat(cpu.sessions).hasSize(before);
    }

    @Test
    void pathsOutsideTheSessionApiNeverReachTheCpuService() {
        for (String path : new String[] {"/api/v1/sessions/a%2F..%2Froutes", "/api/v1/sessions/x/y/z/w",
                "/api/v1/sessions/.hidden", "/api/v1/sessionsX"}) {
            Http.Response r = api.get(path);
            assertThat(r.status()).as(path).isBetween(400, 404);
            assertThat(r.header("Content-Type")).as(path).isEqualTo("application/problem+json");
            assertThat(r.header("Invaders-Service-Version")).as(path).isNotEqualTo(FakeCpu.VERSION);
        }
    }

    @Test
    void thePlayPathWithoutAWebSocketUpgradeIs426() {
        Http.Response r = api.get("/api/v1/sessions/abc/play");
        assertThat(r.status()).isEqualTo(426);
        assertThat(r.json().get("detail").asString()).contains("WebSocket");
    }

    @Test
    void anUnreachableCpuServiceIs503WithRetryAfterAndTheUisVersion() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        orphan = Apps.start(InvadersUiApplication.class, 0, "--invaders.ui.cpu-url=" + "http://127.0.0.1:" + free);
        Http lonely = new Http(Apps.url(orphan), null);
        Http.Response r = lonely.get("/api/v1/sessions");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(r.header("Retry-After")).isEqualTo("2");
        assertThat(r.header("Invaders-Service-Version")).isNotBlank().isNotEqualTo(FakeCpu.VERSION);
        assertThat(r.json().get("detail").asString()).isEqualTo("the CPU service is unreachable");
        Http.Response post = lonely.post("/api/v1/sessions", Map.of("machine", "invaders"));
        assertThat(post.status()).isEqualTo(503);
        // The page itself is served all the same.
        assertThat(lonely.get("/").status()).isEqualTo(200);
    }

    @Test
    void thePageAndItsModulesAreServedWithAContentSecurityPolicy() {
        Http.Response page = api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<canvas id=\"screen\"", "js/app.js");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        for (String file : new String[] {"/app.css", "/js/app.js", "/js/protocol.js", "/js/screen.js",
                "/js/connection.js", "/js/sound.js", "/js/input.js", "/js/api.js", "/js/rom.js", "/js/mesh.js"}) {
            Http.Response r = api.get(file);
            assertThat(r.status()).as(file).isEqualTo(200);
            assertThat(r.header("Content-Type")).as(file).matches(file.endsWith(".css") ? "text/css.*"
                    : "(text|application)/javascript.*");
        }
        Http.Response missing = api.get("/js/nothing.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void healthAndMetricsAnswer() {
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus").body()).contains("invaders_ui_stream_bytes_total",
                "invaders_ui_streams_active");
    }

    @Test
    void anUnsupportedMethodIsAProblem() {
        Http.Response r = api.send(HttpRequest.newBuilder(URI.create(Apps.url(ui) + "/api/v1/sessions"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    }
}
