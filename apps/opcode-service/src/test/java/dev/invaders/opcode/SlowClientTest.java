package dev.invaders.opcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.testsupport.Http;
import dev.invaders.testsupport.SlowClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * Slow clients cannot starve the service's 32 threads: 40 connections that send a request head and then
 * the first body byte (even with the token) leave the service answering the real caller (the connection
 * limits of every service: memory-bus's ConnectionLimitTest).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class SlowClientTest {
    @LocalServerPort
    int port;
    @Autowired
    Environment env;

    @Test
    void fortySlowBodiesDoNotStarveTheRealCaller() throws Exception {
        // This service's 2 s, through the shared defaults (which would otherwise give 10 s).
        assertEquals("2s", env.getProperty("server.tomcat.connection-timeout"));
        // With the token: a caller inside the mesh (one without is refused before its body is read).
        try (SlowClients slow = SlowClients.open(port, 40,
                SlowClients.stalledBody("/api/v1/execute", Http.FILE_TOKEN))) {
            Thread.sleep(500); // every slow request is in a thread now, waiting for its body
            Http http = new Http(port, Http.FILE_TOKEN);
            long start = System.nanoTime();
            Http.Response a = http.post("/api/v1/execute", Requests.execute(0, "", "", "", "null"));
            assertEquals(200, a.status(), a.body());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 10_000, "answered in " + millis + " ms");
        }
    }
}
