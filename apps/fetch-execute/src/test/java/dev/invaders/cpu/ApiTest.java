package dev.invaders.cpu;

import dev.invaders.cpu.route.OpcodeRouter;
import dev.invaders.service.ServiceVersion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** (e) Bad input gets a 4xx problem and the server keeps serving; (f) metrics, health, version header. */
class ApiTest {
    static ConfigurableApplicationContext cpu;
    static Http api;

    @BeforeAll
    static void start() {
        cpu = Apps.start(FetchExecuteApplication.class, 0, "--invaders.cpu.max-sessions=3",
                "--invaders.cpu.routes.default=local",
                "--invaders.cpu.max-stop-after-frames=5000", "--invaders.cpu.version-check-interval=0s");
        api = new Http(Apps.url(cpu), Apps.TOKEN);
    }

    @AfterAll
    static void stop() {
        cpu.close();
    }

    private static void problem(Http.Response r, int status, String detailContains) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        if (detailContains != null) {
            assertThat(p.get("detail").asString()).contains(detailContains);
        }
        assertThat(r.header(ServiceVersion.HEADER)).isNotBlank();
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void theSessionApiAnswersOnlyCallersWithTheInternalToken() {
        String url = Apps.url(cpu);
        for (String auth : new String[] {"Bearer not-the-internal-token", "Bearer " + Apps.TOKEN + "x"}) {
            Http.Response created = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url
                            + "/api/v1/sessions")).header("Content-Type", "application/json")
                    .header("Authorization", auth)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"machine\":\"invaders\"}")));
            problem(created, 401, "internal");
            Http.Response listed = api.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(url + "/api/v1/sessions")).header("Authorization", auth).GET());
            problem(listed, 401, "internal");
        }
        assertThat(api.get("/api/v1/sessions").status()).isEqualTo(200);
        assertThat(api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url
                + "/actuator/health/readiness")).header("Authorization", "Bearer wrong-but-ignored-here").GET())
                .status()).isEqualTo(200);
    }

    @Test
    void badInputIsA4xxProblemAndTheServerKeepsServing() throws Exception {
        String s = "/api/v1/sessions";
        problem(api.post(s, "{\"machine\":"), 400, "malformed JSON");
        problem(api.post(s, "[1,2]"), 400, null);
        problem(api.post(s, "{\"machine\":\"cpm\",\"mode\":\"local\",\"program\":\"%%%\"}"), 400, "base64");
        problem(api.post(s, "{\"machine\":\"c64\"}"), 400, "unknown machine");
        problem(api.post(s, "{\"machine\":\"invaders\",\"mode\":\"fast\"}"), 400, "unknown mode");
        problem(api.post(s, "{\"machine\":\"invaders\",\"rom\":\"pacman\"}"), 400, "unknown rom");
        problem(api.post(s, "{\"machine\":\"invaders\",\"colour\":true}"), 400, "unknown member colour");
        problem(api.post(s, "{\"machine\":\"invaders\",\"stopAfterFrames\":\"12\"}"), 400, null);
        problem(api.post(s, "{\"machine\":\"invaders\",\"stopAfterFrames\":0}"), 400, "stopAfterFrames");
        problem(api.post(s, "{\"machine\":\"invaders\",\"stopAfterFrames\":5001}"), 400, "stopAfterFrames");
        problem(api.post(s, "{\"machine\":\"invaders\",\"input\":\"10 jump press\"}"), 400, "input");
        problem(api.post(s, "{\"machine\":\"invaders\",\"input\":\"" + "#".repeat(140_000) + "\"}"), 413, "input");
        problem(api.post(s, Map.of("machine", "cpm", "program", b64(new byte[65_281]))), 413, "65280");
        problem(api.post(s, Map.of("machine", "cpm", "program", "")), 400, "empty");
        problem(api.post(s, "{\"machine\":\"cpm\",\"program\":\"" + "A".repeat(300_000) + "\"}"), 413, null);
        problem(api.get(s + "/no-such-session"), 404, "no session");
        problem(api.delete(s + "/no-such-session"), 404, null);
        problem(api.post(s + "/no-such-session/pause", "{}"), 404, null);
        problem(api.get("/api/v1/nothing-here"), 404, null);

        // Programs that end at once (JMP 0000h: warm boot) fill the three places; the fourth is refused.
        byte[] warmBoot = {(byte) 0xC3, 0, 0};
        String[] ids = new String[3];
        for (int i = 0; i < 3; i++) {
            ids[i] = ServicesTest.create(api, Map.of("machine", "cpm", "mode", "local", "program", b64(warmBoot)));
        }
        Http.Response full = api.post(s, Map.of("machine", "cpm", "mode", "local", "program", b64(warmBoot)));
        problem(full, 429, "too many");
        assertThat(full.header("Retry-After")).isEqualTo("2");
        JsonNode done = ServicesTest.await(api, ids[0], Duration.ofSeconds(10));
        assertThat(done.get("status").asString()).isEqualTo("finished");
        assertThat(done.get("instructions").asLong()).isEqualTo(2); // JMP 0000h, OUT 00h
        problem(api.post(s + "/" + ids[0] + "/pause", "{}"), 409, "finished");
        JsonNode list = api.get(s).json();
        assertThat(list.get("count").asInt()).isEqualTo(3);
        for (String id : ids) {
            assertThat(api.delete(s + "/" + id).status()).isEqualTo(204);
        }
        assertThat(api.get(s).json().get("count").asInt()).isZero();
    }

    @Test
    void aRomZipWithAnAbsoluteOrClimbingEntryNameIsA400Problem() throws Exception {
        for (String bad : new String[] {"/invaders.h", "../invaders.h", "roms/../../invaders.h", "C:\\invaders.h"}) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
                for (String name : new String[] {bad, "invaders.g", "invaders.f", "invaders.e"}) {
                    zip.putNextEntry(new java.util.zip.ZipEntry(name));
                    zip.write(new byte[2048]);
                    zip.closeEntry();
                }
            }
            Http.Response r = api.post("/api/v1/sessions", Map.of("machine", "invaders", "mode", "local",
                    "romImage", b64(bytes.toByteArray())));
            problem(r, 400, "absolute name or one with '..'");
        }
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void anUnsupportedBdosCallFailsTheSessionWithItsReason() throws Exception {
        // MVI C,7 ; CALL 0005h: BDOS function 7 is not one of the stubs'.
        byte[] program = {0x0E, 0x07, (byte) 0xCD, 0x05, 0x00};
        String id = ServicesTest.create(api, Map.of("machine", "cpm", "mode", "local", "program", b64(program)));
        JsonNode s = ServicesTest.await(api, id, Duration.ofSeconds(10));
        assertThat(s.get("status").asString()).isEqualTo("failed");
        assertThat(s.get("error").asString()).contains("unsupported BDOS function 7");
        api.delete("/api/v1/sessions/" + id);
    }

    @Test
    void pauseAndResume() throws Exception {
        String id = ServicesTest.create(api, ServicesTest.invaders("local", 5000));
        assertThat(api.post("/api/v1/sessions/" + id + "/pause", "{}").status()).isEqualTo(200);
        await("paused").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> api.get("/api/v1/sessions/" + id).json().get("status").asString().equals("paused"));
        long frames = api.get("/api/v1/sessions/" + id).json().get("frames").asLong();
        Thread.sleep(300); // time passes while paused: no frame may run in it
        assertThat(api.get("/api/v1/sessions/" + id).json().get("frames").asLong()).isEqualTo(frames);
        assertThat(api.post("/api/v1/sessions/" + id + "/resume", "{}").json().get("status").asString())
                .isIn("running", "paused");
        assertThat(api.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
    }

    @Test
    void metricsHealthAndVersion() throws Exception {
        String id = ServicesTest.create(api, ServicesTest.invaders("cached", 30));
        ServicesTest.await(api, id, Duration.ofSeconds(60));
        String metrics = api.get("/actuator/prometheus").body();
        assertThat(metrics).contains("invaders_instructions_total", "invaders_frames_total",
                "invaders_sessions_active", "invaders_opcode_cache_hits_total", "invaders_opcode_cache_misses_total",
                "invaders_instructions_per_second", "invaders_opcode_calls_seconds_bucket{", "family=\"mov\"");
        assertThat(metricValue(metrics, "invaders_frames_total")).isGreaterThanOrEqualTo(30);
        // The call histogram: the fixed buckets and +Inf for each family and outcome, not Micrometer's 69.
        long movOk = metrics.lines()
                .filter(l -> l.startsWith("invaders_opcode_calls_seconds_bucket{") && l.contains("family=\"mov\"")
                        && l.contains("outcome=\"ok\""))
                .count();
        assertThat(movOk).isEqualTo(OpcodeRouter.CALL_BUCKETS.length + 1);
        // invaders-service.properties leaves out Tomcat's metrics binder (it would start JMX for these).
        assertThat(metrics).doesNotContain("tomcat_sessions");
        assertThat(metricValue(metrics, "invaders_opcode_cache_hits_total")).isPositive();
        for (String probe : new String[] {"/actuator/health/liveness", "/actuator/health/readiness"}) {
            Http.Response r = api.get(probe);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asString()).isEqualTo("UP");
            assertThat(r.header(ServiceVersion.HEADER)).isNotBlank();
        }
        assertThat(api.get("/api/v1/routes").json().get("routes").get("mov").asString()).isEqualTo("local");
        api.delete("/api/v1/sessions/" + id);
    }

    private static double metricValue(String metrics, String name) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no " + name);
    }
}
