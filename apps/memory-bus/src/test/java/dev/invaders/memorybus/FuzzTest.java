package dev.invaders.memorybus;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Fuzz;
import dev.invaders.testsupport.FuzzRequests;
import dev.invaders.testsupport.FuzzRequests.Endpoint;
import dev.invaders.testsupport.Gen;
import dev.invaders.testsupport.Http;
import dev.invaders.testsupport.HttpFuzz;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every endpoint fuzzed (requests from {@link FuzzRequests}, tries run by {@link Fuzz}: methods, paths and ids,
 * queries, the internal token present, absent or wrong, Content-Type, bodies mutated from valid ones): never a 5xx, an
 * error is a problem, and the service answers its health check after; Tomcat's own refusals are problems too.
 */
class FuzzTest {
    static ConfigurableApplicationContext bus;
    static final String ID = "fuzz-1";
    static final int TRIES = 1600;

    @BeforeAll
    static void start() {
        bus = Apps.start(MemoryBusApplication.class, 0);
        Http http = new Http(Apps.url(bus), Apps.TOKEN);
        http.put("/api/v1/sessions/" + ID + "/memory", Map.of("image", Base64.getEncoder().encodeToString(
                new byte[65536])));
    }

    @AfterAll
    static void stop() {
        bus.close();
    }

    @Test
    void tomcatsOwnRefusalsAreProblems() throws Exception {
        HttpFuzz.tomcatRefusals(Apps.port(bus), "/api/v1/sessions");
    }

    // A fixed seed: every run sends the same requests (-Dinvaders.fuzz.seed=... sends others); a failure
    // names its seed, its try and its request.
    @Test
    void noRequestGetsA5xx() {
        Fuzz.check(TRIES, 8081, requests(), request -> request.sendAndCheck(Apps.port(bus)));
    }

    @AfterEach
    void stillHealthy() throws Exception {
        HttpFuzz.healthy(Apps.port(bus), "/actuator/health");
    }

    static Gen<FuzzRequests.Request> requests() {
        String memory = Base64.getEncoder().encodeToString(new byte[65536]);
        String checkpoint = "{\"epoch\":1,\"frame\":1,\"cpu\":{\"a\":0,\"b\":0,\"c\":0,\"d\":0,\"e\":0,\"h\":0,\"l\":0,"
                + "\"stackPointer\":0,\"programCounter\":0,\"cycles\":0,\"interruptsEnabled\":false,\"halted\":false,"
                + "\"flags\":{\"sign\":false,\"zero\":false,\"auxCarry\":false,\"parity\":false,\"carry\":false}},"
                + "\"machine\":{\"kind\":\"x\"},\"memory\":\"" + memory + "\"}";
        return FuzzRequests.requests(List.of(
                        new Endpoint("GET", "/api/v1/sessions", null),
                        new Endpoint("GET", "/api/v1/sessions/{id}/memory", null),
                        new Endpoint("GET", "/api/v1/sessions/{id}/memory?address=16384&length=16", null),
                        new Endpoint("PUT", "/api/v1/sessions/{id}/memory", "{\"image\":\"AAAA\",\"epoch\":1}"),
                        new Endpoint("POST", "/api/v1/sessions/{id}/memory/writes",
                                "{\"writes\":[{\"address\":16384,\"value\":1}],\"batch\":1,\"epoch\":1}"),
                        new Endpoint("PUT", "/api/v1/sessions/{id}/checkpoint", checkpoint),
                        new Endpoint("GET", "/api/v1/sessions/{id}/checkpoint", null),
                        new Endpoint("POST", "/api/v1/sessions/{id}/claim", ""),
                        new Endpoint("DELETE", "/api/v1/sessions/{id}", null),
                        new Endpoint("GET", "/actuator/health/{id}", null),
                        new Endpoint("GET", "/actuator/{id}", null)),
                List.of(ID, "fuzz-2", "00000000-0000-0000-0000-000000000001", "readiness", "liveness",
                        "prometheus", "info"), Apps.TOKEN);
    }
}
