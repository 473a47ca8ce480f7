package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** A session whose checkpoints cannot reach the memory bus says so in its view, and keeps running. */
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class CheckpointFailureTest {

    @Test
    void aSessionWhoseCheckpointsFailSaysSo() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        try (ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0,
                "--invaders.cpu.memory-bus-url=http://127.0.0.1:" + closedPort, "--invaders.cpu.routes.default=local",
                "--invaders.cpu.memory-bus-timeout=1s")) {
            Http api = new Http(Apps.url(cpu), Apps.TOKEN);
            String id = ServicesTest.create(api, ServicesTest.invaders("cached", 120));
            JsonNode s = ServicesTest.await(api, id, java.time.Duration.ofMinutes(1));
            assertThat(s.get("status").asString()).isEqualTo("finished");
            assertThat(s.path("checkpointError").asString("")).as(s.toString()).contains("failed");
            assertThat(api.delete("/api/v1/sessions/" + id).status()).isIn(204, 404);
        }
    }
}
