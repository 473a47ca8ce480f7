package dev.invaders.opcode;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Fuzz;
import dev.invaders.testsupport.FuzzRequests;
import dev.invaders.testsupport.FuzzRequests.Endpoint;
import dev.invaders.testsupport.Gen;
import dev.invaders.testsupport.HttpFuzz;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every endpoint fuzzed (requests from {@link FuzzRequests}, tries run by {@link Fuzz}): the execute call, its OpenAPI
 * document and the actuator's health groups, metrics and info, with methods, paths, queries, the internal token
 * present, absent or wrong, Content-Type and bodies mutated from a valid one: never a 5xx, an error is a problem, and
 * the service answers its health check after; Tomcat's own refusals are problems too.
 */
class FuzzTest {
    static ConfigurableApplicationContext opcode;
    static final int TRIES = 1000;

    @BeforeAll
    static void start() {
        opcode = Apps.start(OpcodeServiceApplication.class, 0);
    }

    @AfterAll
    static void stop() {
        opcode.close();
    }

    @Test
    void tomcatsOwnRefusalsAreProblems() throws Exception {
        HttpFuzz.tomcatRefusals(Apps.port(opcode), "/api/v1/execute");
    }

    // A fixed seed: every run sends the same requests (-Dinvaders.fuzz.seed=... sends others); a failure
    // names its seed, its try and its request.
    @Test
    void noRequestGetsA5xx() {
        Fuzz.check(TRIES, 8080, requests(), request -> request.sendAndCheck(Apps.port(opcode)));
    }

    @AfterEach
    void stillHealthy() throws Exception {
        HttpFuzz.healthy(Apps.port(opcode), "/actuator/health");
    }

    static Gen<FuzzRequests.Request> requests() {
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
