package dev.invaders.cpu;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzRequests;
import dev.invaders.testsupport.FuzzRequests.Endpoint;
import dev.invaders.testsupport.Http;
import dev.invaders.testsupport.HttpFuzz;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every endpoint fuzzed with jqwik (requests from {@link FuzzRequests}: methods, paths and ids, queries, the
 * internal token present, absent or wrong, odd control tokens, Content-Type, bodies mutated from valid ones):
 * never a 5xx, an error is a problem, the service answers its health check after; Tomcat's own refusals are
 * problems too.
 */
class FuzzTest {
    static ConfigurableApplicationContext cpu;
    static Http api;
    /** A finished session: its frames stream ends at once. */
    static String finished;

    @BeforeContainer
    static void start() {
        cpu = Apps.start(FetchExecuteApplication.class, 0, "--invaders.cpu.routes.default=local",
                "--invaders.cpu.max-sessions=4",
                "--invaders.cpu.version-check-interval=0s", "--invaders.cpu.default-stop-after-frames=10",
                "--invaders.cpu.max-stop-after-frames=50");
        api = new Http(Apps.url(cpu), Apps.TOKEN);
        finished = ServicesTest.create(api, ServicesTest.invaders("local", 2));
        ServicesTest.await(api, finished, Duration.ofSeconds(30));
    }

    @AfterContainer
    static void stop() {
        if (cpu != null) {
            cpu.close();
        }
    }

    @Example
    void tomcatsOwnRefusalsAreProblems() throws Exception {
        HttpFuzz.tomcatRefusals(Apps.port(cpu), "/api/v1/sessions");
    }

    // Fixed seeds: every run sends the same requests (and a failure names its request, which replays);
    // jqwik's database (a failed sample is tried first next time) lives under target/ (the parent POM).
    @Property(tries = 1350, seed = "8080")
    void noRequestGetsA5xx(@ForAll("requests") FuzzRequests.Request request) throws Exception {
        request.sendAndCheck(Apps.port(cpu));
    }

    /** The frames stream, with fewer tries (each a full stream, of a finished session or none). */
    @Property(tries = 40, seed = "8082")
    void noFramesRequestGetsA5xx(@ForAll("frames") FuzzRequests.Request request) throws Exception {
        request.sendAndCheck(Apps.port(cpu));
    }

    @AfterProperty
    void stillHealthyAndTidy() throws Exception {
        HttpFuzz.healthy(Apps.port(cpu), "/actuator/health");
        api.get("/api/v1/sessions").json().get("sessions").forEach(s -> {
            String id = s.get("id").asString();
            if (!id.equals(finished)) {
                api.delete("/api/v1/sessions/" + id);
            }
        });
    }

    @Provide
    Arbitrary<FuzzRequests.Request> requests() {
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

    @Provide
    Arbitrary<FuzzRequests.Request> frames() {
        return FuzzRequests.requests(List.of(new Endpoint("GET", "/api/v1/sessions/{id}/frames", null)),
                List.of(finished, "no-such-session"), Apps.TOKEN);
    }
}
