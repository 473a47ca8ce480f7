package dev.invaders.opcode;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.FuzzRequests;
import dev.invaders.testsupport.FuzzRequests.Endpoint;
import dev.invaders.testsupport.HttpFuzz;
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
 * Every endpoint fuzzed with jqwik (requests from {@link FuzzRequests}): the execute call, its OpenAPI document
 * and the actuator's health groups, metrics and info, with methods, paths, queries, the internal token present,
 * absent or wrong, Content-Type and bodies mutated from a valid one: never a 5xx, an error is a problem, and the
 * service answers its health check after; Tomcat's own refusals are problems too.
 */
class FuzzTest {
    static ConfigurableApplicationContext opcode;

    @BeforeContainer
    static void start() {
        opcode = Apps.start(OpcodeServiceApplication.class, 0);
    }

    @AfterContainer
    static void stop() {
        opcode.close();
    }

    @Example
    void tomcatsOwnRefusalsAreProblems() throws Exception {
        HttpFuzz.tomcatRefusals(Apps.port(opcode), "/api/v1/execute");
    }

    // A fixed seed: every run sends the same requests (and a failure names its request, which replays);
    // jqwik's database (a failed sample is tried first next time) lives under target/ (the parent POM).
    @Property(tries = 1000, seed = "8080")
    void noRequestGetsA5xx(@ForAll("requests") FuzzRequests.Request request) throws Exception {
        request.sendAndCheck(Apps.port(opcode));
    }

    @AfterProperty
    void stillHealthy() throws Exception {
        HttpFuzz.healthy(Apps.port(opcode), "/actuator/health");
    }

    @Provide
    Arbitrary<FuzzRequests.Request> requests() {
        String execute = "{\"opcode\": 0, \"state\": {" + Requests.state("") + "}}";
        String call = Requests.execute(0xCD, "0, 32", "", "", "null");
        return FuzzRequests.requests(List.of(
                        new Endpoint("POST", "/api/v1/execute", execute),
                        new Endpoint("POST", "/api/v1/execute", call),
                        new Endpoint("GET", "/openapi.yaml", null),
                        new Endpoint("GET", "/actuator/health/{id}", null),
                        new Endpoint("GET", "/actuator/{id}", null),
                        new Endpoint("GET", "/api/v1/{id}", null)),
                List.of("execute", "readiness", "liveness", "prometheus", "info", "health"), Apps.TOKEN);
    }
}
