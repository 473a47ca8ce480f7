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
 * (d) The CPU process restarts mid-game: the memory bus holds the session's checkpoints, the new process
 * finds the session there, resumes it from its last checkpoint (not from frame 0: the shutdown checkpoint
 * is switched off, so the frames run after the last periodic one are run again) and reaches the same hash.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ResumeTest {

    @Test
    void aRestartedCpuResumesTheGameFromTheMemoryBus() throws Exception {
        int frames = 240;
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0)) {
            String[] cpuArgs = {"--invaders.cpu.memory-bus-url=" + Apps.url(bus), "--invaders.cpu.checkpoint-frames=25",
                    "--invaders.cpu.checkpoint-on-shutdown=false", "--invaders.cpu.routes.default=local",
                "--invaders.cpu.checkpoint-interval=0s"}; // by frames only: the test counts them
            String id;
            long framesAtStop;
            try (ConfigurableApplicationContext first = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                Http api = new Http(Apps.url(first), Apps.TOKEN);
                id = ServicesTest.create(api, ServicesTest.invaders("cached", frames));
                String session = id;
                await("60 frames run").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                        .until(() -> api.get("/api/v1/sessions/" + session).json().get("frames").asLong() >= 60);
                framesAtStop = api.get("/api/v1/sessions/" + id).json().get("frames").asLong();
            }
            assertThat(framesAtStop).isLessThan(frames);
            Http busApi = new Http(Apps.url(bus), Apps.TOKEN);
            long checkpointFrame = busApi.get("/api/v1/sessions/" + id + "/checkpoint").json().get("frame").asLong();
            // The session runs on while the first process shuts down, so the last checkpoint may be later
            // than the frame count read before the stop; it is still a periodic one, before the end.
            assertThat(checkpointFrame).isPositive().isLessThan(frames).isEqualTo(checkpointFrame / 25 * 25);

            try (ConfigurableApplicationContext second = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                Http api = new Http(Apps.url(second), Apps.TOKEN);
                JsonNode first = api.get("/api/v1/sessions/" + id).json();
                assertThat(first.get("mode").asString()).isEqualTo("cached");
                assertThat(first.get("frames").asLong()).as("resumed, not restarted").isGreaterThanOrEqualTo(
                        checkpointFrame);
                JsonNode s = ServicesTest.await(api, id, Duration.ofMinutes(2));
                assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("finished");
                assertThat(s.get("frames").asLong()).isEqualTo(frames);
                assertThat(s.get("stateHash").asString()).isEqualTo(Fixtures.directHash(frames));
                // The final checkpoint says finished; deleting the session removes it from the memory bus.
                assertThat(api.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
                assertThat(busApi.get("/api/v1/sessions/" + id + "/checkpoint").status()).isEqualTo(404);
            }
        }
    }
}
