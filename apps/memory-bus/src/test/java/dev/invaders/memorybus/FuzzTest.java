package dev.invaders.memorybus;

import dev.invaders.testsupport.Http;
import dev.invaders.testsupport.HttpFuzz;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Every endpoint fuzzed (a fixed seed, 200 requests each, with and without the internal token): never a 5xx, an
 * error is a problem, and the service answers its health check after; Tomcat's own refusals are problems too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.structured.format.console="})
class FuzzTest {
    @Value("${local.server.port}")
    int port;

    @Test
    void tomcatsOwnRefusalsAreProblems() throws Exception {
        HttpFuzz.tomcatRefusals(port, "/api/v1/sessions");
    }

    @Test
    void noRequestGetsA5xx() throws Exception {
        String id = "fuzz-1";
        Http http = new Http(port, Http.FILE_TOKEN);
        String memory = java.util.Base64.getEncoder().encodeToString(new byte[65536]);
        http.put("/api/v1/sessions/" + id + "/memory", java.util.Map.of("image", memory));
        String checkpoint = "{\"epoch\":1,\"frame\":1,\"cpu\":{\"a\":0,\"b\":0,\"c\":0,\"d\":0,\"e\":0,\"h\":0,\"l\":0,"
                + "\"stackPointer\":0,\"programCounter\":0,\"cycles\":0,\"interruptsEnabled\":false,\"halted\":false,"
                + "\"flags\":{\"sign\":false,\"zero\":false,\"auxCarry\":false,\"parity\":false,\"carry\":false}},"
                + "\"machine\":{\"kind\":\"x\"},\"memory\":\"" + memory + "\"}";
        HttpFuzz.fuzz(port, List.of(
                        new HttpFuzz.Endpoint("GET", "/api/v1/sessions", null),
                        new HttpFuzz.Endpoint("GET", "/api/v1/sessions/{id}/memory", null),
                        new HttpFuzz.Endpoint("PUT", "/api/v1/sessions/{id}/memory", "{\"image\":\"AAAA\",\"epoch\":1}"),
                        new HttpFuzz.Endpoint("POST", "/api/v1/sessions/{id}/memory/writes",
                                "{\"writes\":[{\"address\":16384,\"value\":1}]}"),
                        new HttpFuzz.Endpoint("PUT", "/api/v1/sessions/{id}/checkpoint", checkpoint),
                        new HttpFuzz.Endpoint("GET", "/api/v1/sessions/{id}/checkpoint", null),
                        new HttpFuzz.Endpoint("POST", "/api/v1/sessions/{id}/claim", ""),
                        new HttpFuzz.Endpoint("DELETE", "/api/v1/sessions/{id}", null)),
                List.of(id, "fuzz-2", "00000000-0000-0000-0000-000000000001"),
                Map.of("Authorization", "Bearer " + Http.FILE_TOKEN), 8081L, 200, "/actuator/health");
    }
}
