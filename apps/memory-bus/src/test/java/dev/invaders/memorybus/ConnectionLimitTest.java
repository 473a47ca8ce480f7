package dev.invaders.memorybus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.HttpFuzz;
import dev.invaders.testsupport.SlowClients;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * More slow clients than the service has connections for: each sends the start of a request head and stalls.
 * The connection timeout (the shared default, 10 s) ends them, so the health check and a real call, waiting in
 * the accept queue behind them, are answered within 10 s plus a margin; without the timeout (Tomcat's 60 s)
 * they would not be. The cap is lowered for the test (the shared default, 512, is checked in the file).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConnectionLimitTest {
    static final int CAP = 16;

    @Test
    void slowClientsBeyondTheCapLeaveHealthAndARealCallAnswering() throws Exception {
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0,
                "--server.tomcat.max-connections=" + CAP)) {
            Connector connector = ((TomcatWebServer) ((WebServerApplicationContext) bus).getWebServer())
                    .getTomcat().getConnector();
            assertThat(connector.getProperty("connectionTimeout")).isEqualTo(10_000);
            assertThat(connector.getProperty("acceptCount")).isEqualTo(128);
            assertThat(connector.getProperty("maxConnections")).isEqualTo(CAP);
            java.util.Properties shared = new java.util.Properties();
            try (var in = ConnectionLimitTest.class.getResourceAsStream("/invaders-service.properties")) {
                shared.load(in);
            }
            assertThat(shared.getProperty("server.tomcat.max-connections"))
                    .isEqualTo("${invaders.tomcat.max-connections:512}");
            int port = Apps.port(bus);
            // CAP + 4: the first CAP are accepted and stall, the rest wait in the accept queue before the checks.
            try (SlowClients slow = SlowClients.open(port, CAP + 4, SlowClients.stalledHead("/api/v1/sessions"))) {
                Thread.sleep(300);
                long start = System.nanoTime();
                // Each on a new connection (raw), so each waits its turn to be accepted.
                HttpFuzz.Answer health = HttpFuzz.send(port, HttpFuzz.request("GET", "/actuator/health", Map.of(),
                        null));
                long healthMillis = (System.nanoTime() - start) / 1_000_000;
                HttpFuzz.Answer sessions = HttpFuzz.send(port, HttpFuzz.request("GET", "/api/v1/sessions",
                        Map.of("Authorization", "Bearer " + Apps.TOKEN), null));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(health.status()).as(health.head()).isEqualTo(200);
                assertThat(sessions.status()).as(sessions.head()).isEqualTo(200);
                // The stalled connections end after 10 s; a generous margin for a loaded machine.
                assertThat(healthMillis).as("health answered in ms").isLessThan(20_000);
                assertThat(millis).as("health and a call answered in ms").isLessThan(22_000);
            }
        }
    }
}
