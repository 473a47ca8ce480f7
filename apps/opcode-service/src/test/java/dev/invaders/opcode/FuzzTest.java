package dev.invaders.opcode;

import dev.invaders.testsupport.HttpFuzz;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every endpoint fuzzed (a fixed seed, 300 requests each, with and without the internal token): never a 5xx, an
 * error is a problem, and the service answers its health check after; Tomcat's own refusals are problems too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FuzzTest {
    @LocalServerPort
    int port;

    @Test
    void tomcatsOwnRefusalsAreProblems() throws Exception {
        HttpFuzz.tomcatRefusals(port, "/api/v1/execute");
    }

    @Test
    void noRequestGetsA5xx() throws Exception {
        String execute = "{\"opcode\": 0, \"state\": {" + Requests.state("") + "}}";
        HttpFuzz.fuzz(port, List.of(
                        new HttpFuzz.Endpoint("POST", "/api/v1/execute", execute),
                        new HttpFuzz.Endpoint("GET", "/api/v1/{id}", null),
                        new HttpFuzz.Endpoint("GET", "/actuator/health/{id}", null)),
                List.of("execute", "readiness"), Map.of("Authorization", "Bearer test-internal-token-0123456789"),
                8080L, 300, "/actuator/health");
    }
}
