package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.invaders.machine.DipSwitches;
import dev.invaders.machine.InputLog;
import dev.invaders.machine.InvadersMachine;
import dev.invaders.memorybus.MemoryBusApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * A live session survives a CPU restart: an uploaded ROM (taken back from the checkpoint's memory), the
 * realtime pace and the recorded live input come back from the memory bus, and the session ends where
 * the machine run in process with that ROM and log ends.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class LiveResumeTest {

    @Test
    void anUploadedRomRealtimeSessionWithLiveInputResumesAfterARestart() throws Exception {
        int frames = 240;
        byte[] rom = TestRoms.halting();
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0)) {
            String[] cpuArgs = {"--invaders.cpu.memory-bus-url=" + Apps.url(bus), "--invaders.cpu.checkpoint-frames=25",
                    "--invaders.cpu.routes.default=local"};
            String id;
            String recordedBefore;
            try (ConfigurableApplicationContext first = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                Http api = new Http(Apps.url(first), Apps.TOKEN);
                Map<String, Object> body = LiveTest.session("local", "realtime", frames);
                body.put("romImage", LiveTest.b64(TestRoms.zip(rom)));
                id = ServicesTest.create(api, body);
                for (String[] held : new String[][] {{"coin"}, {}, {"p1-right", "p1-fire"}, {"p1-fire"}}) {
                    assertThat(api.post("/api/v1/sessions/" + id + "/input", Map.of("held", held)).status())
                            .isEqualTo(202);
                }
                String session = id;
                await("60 frames run").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> api.get("/api/v1/sessions/" + session).json().get("frames").asLong() >= 60);
                recordedBefore = api.get("/api/v1/sessions/" + id + "/input").body();
                assertThat(recordedBefore.lines()).hasSize(5);
            }
            try (ConfigurableApplicationContext second = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                Http api = new Http(Apps.url(second), Apps.TOKEN);
                JsonNode v = api.get("/api/v1/sessions/" + id).json();
                assertThat(v.get("status").asString()).as(v.toString()).isIn("running", "finished");
                assertThat(v.get("pace").asString()).isEqualTo("realtime");
                assertThat(v.get("rom").asString()).isEqualTo("upload");
                assertThat(v.get("warnings").get(0).asString()).contains("unknown ROM");
                assertThat(v.get("frames").asLong()).as("resumed, not restarted").isGreaterThanOrEqualTo(50);
                assertThat(api.get("/api/v1/sessions/" + id + "/input").body()).isEqualTo(recordedBefore);
                JsonNode done = ServicesTest.await(api, id, Duration.ofMinutes(1));
                assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("finished");
                InvadersMachine m = InvadersMachine.create(rom, DipSwitches.DEFAULT);
                m.setInputLog(InputLog.parse(recordedBefore));
                m.runFrames(frames);
                assertThat(done.get("stateHash").asString()).isEqualTo(m.stateHash());
                assertThat(api.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
            }
        }
    }
}
