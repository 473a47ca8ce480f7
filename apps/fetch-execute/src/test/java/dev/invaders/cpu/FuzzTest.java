package dev.invaders.cpu;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;
import dev.invaders.testsupport.HttpFuzz;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every endpoint fuzzed (a fixed seed, 150 requests each, with and without the internal token and with odd
 * control tokens): never a 5xx, an error is a problem, the service answers its health check after; Tomcat's
 * own refusals are problems too.
 */
class FuzzTest {
    static ConfigurableApplicationContext cpu;

    @BeforeAll
    static void start() {
        cpu = Apps.start(FetchExecuteApplication.class, 0, "--invaders.cpu.routes.default=local",
                "--invaders.cpu.max-sessions=4",
                "--invaders.cpu.version-check-interval=0s", "--invaders.cpu.default-stop-after-frames=10",
                "--invaders.cpu.max-stop-after-frames=50");
    }

    @AfterAll
    static void stop() {
        cpu.close();
    }

    @Test
    void tomcatsOwnRefusalsAreProblems() throws Exception {
        HttpFuzz.tomcatRefusals(Apps.port(cpu), "/api/v1/sessions");
    }

    @Test
    void noRequestGetsA5xx() throws Exception {
        Http api = new Http(Apps.url(cpu), Apps.TOKEN);
        // A finished session (its frames stream ends at once) and a paused one.
        String finished = ServicesTest.create(api, ServicesTest.invaders("local", 2));
        ServicesTest.await(api, finished, Duration.ofSeconds(30));
        String create = "{\"machine\":\"invaders\",\"rom\":\"demo\",\"mode\":\"local\",\"stopAfterFrames\":2}";
        HttpFuzz.fuzz(Apps.port(cpu), List.of(
                        new HttpFuzz.Endpoint("POST", "/api/v1/sessions", create),
                        new HttpFuzz.Endpoint("GET", "/api/v1/sessions", null),
                        new HttpFuzz.Endpoint("GET", "/api/v1/sessions/{id}", null),
                        new HttpFuzz.Endpoint("DELETE", "/api/v1/sessions/{id}", null),
                        new HttpFuzz.Endpoint("POST", "/api/v1/sessions/{id}/pause", null),
                        new HttpFuzz.Endpoint("POST", "/api/v1/sessions/{id}/resume", null),
                        new HttpFuzz.Endpoint("POST", "/api/v1/sessions/{id}/input", "{\"held\":[\"coin\"]}"),
                        new HttpFuzz.Endpoint("GET", "/api/v1/sessions/{id}/input", null),
                        new HttpFuzz.Endpoint("GET", "/api/v1/routes", null)),
                List.of(finished, "00000000-0000-0000-0000-000000000000"),
                Map.of("Authorization", "Bearer " + Apps.TOKEN), 8080L, 150, "/actuator/health");
        // The frames stream of a finished session ends: fuzzed with fewer tries (each a full stream).
        HttpFuzz.fuzz(Apps.port(cpu), List.of(new HttpFuzz.Endpoint("GET", "/api/v1/sessions/{id}/frames", null)),
                List.of(finished, "no-such-session"), Map.of("Authorization", "Bearer " + Apps.TOKEN), 8082L, 40,
                "/actuator/health");
        api.get("/api/v1/sessions").json().get("sessions").forEach(s -> api.delete("/api/v1/sessions/"
                + s.get("id").asString()));
    }
}
