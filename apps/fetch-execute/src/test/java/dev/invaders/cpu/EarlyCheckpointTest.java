package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.invaders.memorybus.MemoryBusApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A session survives a CPU that dies before its first periodic checkpoint: it is checkpointed when it is
 * created, and by time as well as by frames (a strict game needs about 50 s for 60 frames).
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class EarlyCheckpointTest {

    /** A cached demo game at 60 frames a second. */
    private static java.util.Map<String, Object> realtime(long frames) {
        java.util.Map<String, Object> body = new java.util.HashMap<>(ServicesTest.invaders("cached", frames));
        body.put("pace", "realtime");
        return body;
    }

    @Test
    void aSessionWhoseCpuDiesBeforeItsFirstPeriodicCheckpointIsResumed() throws Exception {
        int frames = 300; // 5 s at the realtime pace: the first CPU stops long before the end
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0)) {
            // No periodic checkpoint (by frames or time) and none at shutdown: as if killed with -9.
            String[] cpuArgs = {"--invaders.cpu.memory-bus-url=" + Apps.url(bus),
                    "--invaders.cpu.checkpoint-frames=1000000", "--invaders.cpu.checkpoint-interval=0s",
                    "--invaders.cpu.checkpoint-on-shutdown=false", "--invaders.cpu.routes.default=local"};
            String id;
            try (ConfigurableApplicationContext first = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                id = ServicesTest.create(new Http(Apps.url(first), Apps.TOKEN), realtime(frames));
            }
            try (ConfigurableApplicationContext second = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                Http api = new Http(Apps.url(second), Apps.TOKEN);
                assertThat(api.get("/api/v1/sessions/" + id).status()).as("resumed").isEqualTo(200);
                JsonNode s = ServicesTest.await(api, id, Duration.ofMinutes(2));
                assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("finished");
                assertThat(s.get("stateHash").asString()).isEqualTo(Fixtures.directHash(frames));
            }
        }
    }

    @Test
    void aSlowSessionIsCheckpointedByTimeBetweenItsFrameCheckpoints() throws Exception {
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0);
             ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0,
                     "--invaders.cpu.memory-bus-url=" + Apps.url(bus),
                     "--invaders.cpu.checkpoint-frames=1000000", "--invaders.cpu.checkpoint-interval=1s",
                     "--invaders.cpu.routes.default=local")) {
            Http api = new Http(Apps.url(cpu), Apps.TOKEN);
            String id = ServicesTest.create(api, realtime(3600));
            Http busApi = new Http(Apps.url(bus), Apps.TOKEN);
            long frame = await("a checkpoint").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        Http.Response cp = busApi.get("/api/v1/sessions/" + id + "/checkpoint");
                        return cp.status() == 200 ? cp.json().get("frame").asLong() : 0L;
                    }, f -> f != 0);
            assertThat(frame).as("a checkpoint after the first second").isPositive().isLessThan(3600);
            assertThat(api.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
        }
    }
}
