package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.invaders.memorybus.MemoryBusApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;

import java.net.URI;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Only a session's creator can change it: the create answers a control token (once), and input, pause, resume
 * and delete need it in Invaders-Control-Token; without it or with another: 403 problem. Reading stays open.
 * The memory bus keeps only the token's SHA-256, and a CPU that resumes the session still knows its owner.
 */
class ControlTokenTest {
    private static final String HEADER = "Invaders-Control-Token";

    /** A request that changes a session, with this control token (null: none), bypassing the client's own. */
    private static Http.Response change(String base, String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        // An empty header is "no token" for the server, and keeps Http from adding the creator's.
        b.header(HEADER, token == null ? "" : token);
        return new Http(base, Apps.TOKEN).send(b);
    }

    private static void forbidden(Http.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(403);
        assertThat(r.json().get("detail").asString()).contains("control token");
    }

    @Test
    void onlyTheCreatorsTokenChangesASession() throws Exception {
        try (ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0,
                "--invaders.cpu.routes.default=local",
                "--invaders.cpu.version-check-interval=0s")) {
            String base = Apps.url(cpu);
            Http api = new Http(base, Apps.TOKEN);
            Map<String, Object> body = new java.util.HashMap<>(ServicesTest.invaders("local", 100_000));
            body.put("pace", "realtime");
            body.remove("input"); // no input but the test's own
            Http.Response created = api.post("/api/v1/sessions", body);
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.header("Cache-Control")).contains("no-store");
            String id = created.json().get("id").asString();
            String token = created.json().get("controlToken").asString();
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
            String other = ServicesTest.create(api, body);
            String otherToken = Http.CONTROL.get(other);
            assertThat(otherToken).isNotEqualTo(token);

            // Reading is open, and never shows the token.
            Http.Response view = api.get("/api/v1/sessions/" + id);
            assertThat(view.status()).isEqualTo(200);
            assertThat(view.body()).doesNotContain(token);
            assertThat(api.get("/api/v1/sessions").body()).doesNotContain(token).doesNotContain(otherToken);
            assertThat(api.get("/api/v1/sessions/" + id + "/input").status()).isEqualTo(200);

            String input = "{\"held\":[\"coin\"]}";
            for (String wrong : new String[] {null, otherToken, token + "x", "x".repeat(1000)}) {
                forbidden(change(base, "POST", "/api/v1/sessions/" + id + "/input", wrong, input));
                forbidden(change(base, "POST", "/api/v1/sessions/" + id + "/pause", wrong, null));
                forbidden(change(base, "POST", "/api/v1/sessions/" + id + "/resume", wrong, null));
                forbidden(change(base, "DELETE", "/api/v1/sessions/" + id, wrong, null));
            }
            assertThat(api.get("/api/v1/sessions/" + id).json().get("status").asString()).isEqualTo("running");
            assertThat(api.get("/api/v1/sessions/" + id + "/input").body()).doesNotContain("coin");

            // The creator's token does it all.
            assertThat(change(base, "POST", "/api/v1/sessions/" + id + "/input", token, input).status())
                    .isEqualTo(202);
            assertThat(change(base, "POST", "/api/v1/sessions/" + id + "/pause", token, null).status())
                    .isEqualTo(200);
            assertThat(change(base, "POST", "/api/v1/sessions/" + id + "/resume", token, null).status())
                    .isEqualTo(200);
            // An unknown session is 404 whatever the token.
            assertThat(change(base, "DELETE", "/api/v1/sessions/" + java.util.UUID.randomUUID(), token, null)
                    .status()).isEqualTo(404);
            assertThat(change(base, "DELETE", "/api/v1/sessions/" + id, token, null).status()).isEqualTo(204);
            assertThat(change(base, "DELETE", "/api/v1/sessions/" + other, otherToken, null).status())
                    .isEqualTo(204);
        }
    }

    @Test
    void theTokenSurvivesACheckpointAndAResumeAsItsHashOnly() throws Exception {
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0)) {
            String[] cpuArgs = {"--invaders.cpu.memory-bus-url=" + Apps.url(bus),
                    "--invaders.cpu.routes.default=local", "--invaders.cpu.version-check-interval=0s"};
            String id;
            String token;
            try (ConfigurableApplicationContext first = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                Map<String, Object> body = new java.util.HashMap<>(ServicesTest.invaders("local", 100_000));
                body.put("pace", "realtime");
                id = ServicesTest.create(new Http(Apps.url(first), Apps.TOKEN), body);
                token = Http.CONTROL.get(id);
            }
            JsonNode cp = new Http(Apps.url(bus), Apps.TOKEN).get("/api/v1/sessions/" + id + "/checkpoint").json();
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(cp.get("machine").get("controlTokenSha256").asString()).isEqualTo(sha);
            assertThat(cp.toString()).doesNotContain(token);

            try (ConfigurableApplicationContext second = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                String base = Apps.url(second);
                assertThat(new Http(base, Apps.TOKEN).get("/api/v1/sessions/" + id).status()).isEqualTo(200);
                forbidden(change(base, "POST", "/api/v1/sessions/" + id + "/pause", null, null));
                forbidden(change(base, "DELETE", "/api/v1/sessions/" + id, sha, null));
                assertThat(change(base, "POST", "/api/v1/sessions/" + id + "/pause", token, null).status())
                        .isEqualTo(200);
                assertThat(change(base, "DELETE", "/api/v1/sessions/" + id, token, null).status()).isEqualTo(204);
            }
        }
    }

    @Test
    void finishedSessionsExpireAfterTheirTtl() throws Exception {
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0);
             ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0,
                     "--invaders.cpu.routes.default=local",
                     "--invaders.cpu.memory-bus-url=" + Apps.url(bus), "--invaders.cpu.max-sessions=2",
                     "--invaders.cpu.finished-session-ttl=1s", "--invaders.cpu.version-check-interval=0s")) {
            Http api = new Http(Apps.url(cpu), Apps.TOKEN);
            Http busApi = new Http(Apps.url(bus), Apps.TOKEN);
            String a = ServicesTest.create(api, ServicesTest.invaders("local", 2));
            String b = ServicesTest.create(api, ServicesTest.invaders("local", 2));
            for (String id : List.of(a, b)) {
                assertThat(ServicesTest.await(api, id, Duration.ofSeconds(30)).get("status").asString())
                        .isEqualTo("finished");
            }
            // Both places held by finished sessions: full, until they expire.
            assertThat(api.post("/api/v1/sessions", ServicesTest.invaders("local", 2)).status()).isEqualTo(429);
            await("finished sessions expired").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> api.get("/api/v1/sessions/" + a).status() == 404
                            && api.get("/api/v1/sessions/" + b).status() == 404);
            assertThat(busApi.get("/api/v1/sessions/" + a + "/checkpoint").status()).isEqualTo(404);
            assertThat(busApi.get("/api/v1/sessions/" + b + "/checkpoint").status()).isEqualTo(404);
            assertThat(api.post("/api/v1/sessions", ServicesTest.invaders("local", 2)).status()).isEqualTo(201);
        }
    }

    @Test
    void aRunningSessionDoesNotExpire() throws Exception {
        try (ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0,
                "--invaders.cpu.routes.default=local",
                "--invaders.cpu.finished-session-ttl=200ms", "--invaders.cpu.version-check-interval=0s")) {
            Http api = new Http(Apps.url(cpu), Apps.TOKEN);
            Map<String, Object> body = new java.util.HashMap<>(ServicesTest.invaders("local", 100_000));
            body.put("pace", "realtime");
            String id = ServicesTest.create(api, body);
            assertThat(api.post("/api/v1/sessions/" + id + "/pause", "").status()).isEqualTo(200);
            Thread.sleep(1000); // five times the time-to-live passes: the paused session must still be there
            assertThat(api.get("/api/v1/sessions/" + id).json().get("status").asString()).isEqualTo("paused");
            assertThat(api.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
        }
    }
}
