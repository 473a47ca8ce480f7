package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.cpu.session.SessionManager;
import dev.invaders.opcode.OpcodeServiceApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;

import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Real HTTP between real servers: the opcode service and fetch-execute, each a Spring Boot app in this JVM
 * on its own port. The oracle is the state hash (and the CP/M output): equal in every mode, and equal to the
 * core's own machine.
 */
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class ServicesTest {
    static ConfigurableApplicationContext opcodes;
    static ConfigurableApplicationContext cpu;
    static Http api;
    static int opcodePort;

    @BeforeAll
    static void start() {
        opcodes = Apps.start(OpcodeServiceApplication.class, 0);
        opcodePort = Apps.port(opcodes);
        cpu = Apps.start(FetchExecuteApplication.class, 0,
                "--invaders.cpu.routes.default=http://127.0.0.1:" + opcodePort,
                "--invaders.cpu.max-sessions=6", "--invaders.cpu.call-deadline=30s");
        api = new Http(Apps.url(cpu), Apps.TOKEN);
    }

    @AfterAll
    static void stop() {
        if (cpu != null) {
            cpu.close();
        }
        if (opcodes != null) {
            opcodes.close();
        }
    }

    static String create(Http http, Map<String, Object> body) {
        Http.Response r = http.post("/api/v1/sessions", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().get("id").asString();
        assertThat(r.header("Location")).isEqualTo("/api/v1/sessions/" + id);
        return id;
    }

    /** Polls until the session is no longer running; returns its last view. */
    static JsonNode await(Http http, String id, Duration limit) {
        return Awaitility.await("session " + id + " no longer running or paused").atMost(limit)
                .pollInterval(Duration.ofMillis(50)).until(() -> http.get("/api/v1/sessions/" + id).json(), s -> {
                    String status = s.get("status").asString();
                    return !status.equals("running") && !status.equals("paused");
                });
    }

    static Map<String, Object> invaders(String mode, long frames) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("machine", "invaders");
        body.put("rom", "demo");
        body.put("mode", mode);
        body.put("stopAfterFrames", frames);
        body.put("input", Fixtures.demoInput());
        return body;
    }

    static Map<String, Object> cpm(String mode, byte[] program) {
        return Map.of("machine", "cpm", "mode", mode, "program", Base64.getEncoder().encodeToString(program));
    }

    // --- (a) the CPU test programs through the services ----------------------------------------------

    @Test
    void cpuTestProgramsGiveTheirExactOutputInStrictAndCachedMode() throws Exception {
        for (String name : new String[] {"TST8080", "8080PRE"}) {
            byte[] program = Fixtures.program(name);
            String expected = Fixtures.expected(name);
            for (String mode : new String[] {"strict", "cached"}) {
                String id = create(api, cpm(mode, program));
                JsonNode s = await(api, id, Duration.ofMinutes(2));
                assertThat(s.get("status").asString()).as(name + " " + mode + ": " + s).isEqualTo("finished");
                assertThat(s.get("console").asString()).as(name + " " + mode).isEqualTo(expected);
                assertThat(s.get("opcodeCalls").asLong()).as("calls").isPositive();
                System.out.printf("%s %s: %d instructions, %d calls, %d instructions/s%n", name, mode,
                        s.get("instructions").asLong(), s.get("opcodeCalls").asLong(),
                        s.get("instructionsPerSecond").asLong());
                assertThat(api.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
            }
        }
    }

    // --- (b) the demo game: one hash in every mode ----------------------------------------------------

    @Test
    void demoGameHashIsTheSameInEveryModeAndEqualsTheCoreMachine() throws Exception {
        int frames = 300;
        String direct = Fixtures.directHash(frames);
        for (String mode : new String[] {"local", "cached"}) {
            String id = create(api, invaders(mode, frames));
            JsonNode s = await(api, id, Duration.ofMinutes(2));
            assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("finished");
            assertThat(s.get("frames").asLong()).isEqualTo(frames);
            assertThat(s.get("stateHash").asString()).as(mode).isEqualTo(direct);
            System.out.printf("demo %s: %d frames, %d instructions/s, hits %d, misses %d%n", mode, frames,
                    s.get("instructionsPerSecond").asLong(), s.get("cacheHits").asLong(),
                    s.get("cacheMisses").asLong());
            api.delete("/api/v1/sessions/" + id);
        }
        // Strict: every instruction is a call, so fewer frames (about 4,100 instructions each).
        int strictFrames = 20;
        String id = create(api, invaders("strict", strictFrames));
        JsonNode s = await(api, id, Duration.ofMinutes(2));
        assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("finished");
        assertThat(s.get("stateHash").asString()).isEqualTo(Fixtures.directHash(strictFrames));
        assertThat(s.get("opcodeCalls").asLong()).isEqualTo(s.get("instructions").asLong());
        System.out.printf("demo strict: %d frames, %d instructions/s%n", strictFrames,
                s.get("instructionsPerSecond").asLong());
        api.delete("/api/v1/sessions/" + id);
    }

    @Test
    void sessionsOnVirtualThreadsGiveTheSameHashWhenConfigured() throws Exception {
        ConfigurableApplicationContext virtual = Apps.start(FetchExecuteApplication.class, 0,
                "--invaders.cpu.routes.default=http://127.0.0.1:" + opcodePort, "--invaders.cpu.session-threads=virtual");
        try {
            Http http = new Http(Apps.url(virtual), Apps.TOKEN);
            int frames = 10;
            String id = create(http, invaders("strict", frames));
            JsonNode s = await(http, id, Duration.ofMinutes(2));
            assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("finished");
            assertThat(s.get("stateHash").asString()).isEqualTo(Fixtures.directHash(frames));
            assertThat(virtual.getBean(SessionManager.class).threadOf(id).isVirtual()).isTrue();
            // The default, for contrast: a platform thread.
            String other = create(api, invaders("local", frames));
            await(api, other, Duration.ofMinutes(1));
            assertThat(cpu.getBean(SessionManager.class).threadOf(other).isVirtual()).isFalse();
            api.delete("/api/v1/sessions/" + other);
        } finally {
            virtual.close();
        }
    }

    // --- (c) the opcode service restarts under a strict run -------------------------------------------

    @Test
    void aStrictRunSurvivesAnOpcodeServiceRestart() throws Exception {
        int frames = 12;
        String id = create(api, invaders("strict", frames));
        Awaitility.await("the run started").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.get("/api/v1/sessions/" + id).json().get("instructions").asLong() >= 5_000);
        opcodes.close();
        Thread.sleep(500); // the run goes on for a while without its opcode service
        JsonNode during = api.get("/api/v1/sessions/" + id).json();
        assertThat(during.get("status").asString()).isEqualTo("running");
        opcodes = Apps.start(OpcodeServiceApplication.class, opcodePort);
        JsonNode s = await(api, id, Duration.ofMinutes(2));
        assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("finished");
        assertThat(s.get("stateHash").asString()).isEqualTo(Fixtures.directHash(frames));
        api.delete("/api/v1/sessions/" + id);
    }

    // --- (g) the mesh in the view: which route and which version answered each family ----------------

    @Test
    void theViewsMeshNamesTheOpcodeServiceAndItsVersionPerFamily() throws Exception {
        String opcodeUrl = "http://127.0.0.1:" + opcodePort;
        String version = new Http(opcodeUrl, Apps.TOKEN).get("/actuator/health/readiness").header(
                dev.invaders.service.ServiceVersion.HEADER);
        for (String mode : new String[] {"strict", "cached"}) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("machine", "invaders");
            body.put("mode", mode);
            body.put("pace", "realtime");
            body.put("stopAfterFrames", 1_000_000);
            body.put("romImage", Base64.getEncoder().encodeToString(TestRoms.halting()));
            String id = create(api, body);
            JsonNode v = Awaitility.await("90 frames").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> api.get("/api/v1/sessions/" + id).json(), // 1.5 s of realtime frames
                            view -> view.get("frames").asLong() >= 90);
            JsonNode mesh = v.get("mesh");
            assertThat(mesh.size()).as(v.toString()).isPositive();
            long calls = 0;
            long hits = 0;
            java.util.List<String> families = new java.util.ArrayList<>();
            for (JsonNode e : mesh) {
                families.add(e.get("family").asString());
                assertThat(e.get("route").asString()).isEqualTo(opcodeUrl);
                assertThat(e.get("version").asString()).isEqualTo(version);
                calls += e.get("calls").asLong();
                hits += e.get("cacheHits").asLong();
            }
            assertThat(families).contains("hlt", "rst", "mov", "out");
            // About 59.5 frames of about 12 instructions each in the last second.
            assertThat(calls + hits).as(mode).isBetween(300L, 1500L);
            if (mode.equals("strict")) {
                assertThat(hits).isZero();
            } else {
                assertThat(hits).as("the halting loop repeats: the cache answers").isPositive();
            }
            api.delete("/api/v1/sessions/" + id);
        }
    }
}
