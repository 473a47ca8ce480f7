package dev.invaders.cpu;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Fuzz;
import dev.invaders.testsupport.FuzzRequests;
import dev.invaders.testsupport.FuzzRequests.Endpoint;
import dev.invaders.testsupport.FuzzTargets;
import dev.invaders.testsupport.Gen;
import dev.invaders.testsupport.Http;
import dev.invaders.testsupport.HttpFuzz;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every endpoint fuzzed (requests from {@link FuzzRequests}, tries run by {@link Fuzz}: methods, paths and ids,
 * queries, the internal token present, absent or wrong, odd control tokens, Content-Type, bodies mutated from valid
 * ones): never a 5xx, an error is a problem, the service answers its health check after; Tomcat's own refusals are
 * problems too.
 */
class FuzzTest {
    static final int TRIES = 1350;
    static final int FRAMES_TRIES = 40;
    static ConfigurableApplicationContext cpu;
    static Http api;
    /** A finished session: its frames stream ends at once. */
    static String finished;

    @BeforeAll
    static void start() {
        cpu = Apps.start(FetchExecuteApplication.class, 0, "--invaders.cpu.routes.default=local",
                "--invaders.cpu.max-sessions=4",
                "--invaders.cpu.version-check-interval=0s", "--invaders.cpu.default-stop-after-frames=10",
                "--invaders.cpu.max-stop-after-frames=50");
        api = new Http(Apps.url(cpu), Apps.TOKEN);
        finished = ServicesTest.create(api, ServicesTest.invaders("local", 2));
        ServicesTest.await(api, finished, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (cpu != null) {
            cpu.close();
        }
    }

    @Test
    void tomcatsOwnRefusalsAreProblems() throws Exception {
        HttpFuzz.tomcatRefusals(Apps.port(cpu), "/api/v1/sessions");
    }

    // Fixed seeds: every run sends the same requests (-Dinvaders.fuzz.seed=... sends others); a failure
    // names its seed, its try and its request.
    @Test
    void noRequestGetsA5xx() {
        Fuzz.check(TRIES, 8080, requests(), request -> request.sendAndCheck(Apps.port(cpu)));
    }

    /** The frames stream, with fewer tries (each a full stream, of a finished session or none). */
    @Test
    void noFramesRequestGetsA5xx() {
        Fuzz.check(FRAMES_TRIES, 8082, frames(), request -> request.sendAndCheck(Apps.port(cpu)));
    }

    @AfterEach
    void stillHealthyAndTidy() throws Exception {
        HttpFuzz.healthy(Apps.port(cpu), "/actuator/health");
        FuzzTargets.deleteSessionsBut(api, finished);
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
                        new Endpoint("GET", "/api/v1/routes", null),
                        new Endpoint("GET", "/actuator/health/{id}", null),
                        new Endpoint("GET", "/actuator/{id}", null)),
                List.of(finished, "00000000-0000-0000-0000-000000000000", "readiness", "prometheus"), Apps.TOKEN);
    }

    static Gen<FuzzRequests.Request> frames() {
        return FuzzRequests.requests(List.of(new Endpoint("GET", "/api/v1/sessions/{id}/frames", null)),
                List.of(finished, "no-such-session"), Apps.TOKEN);
    }
}
