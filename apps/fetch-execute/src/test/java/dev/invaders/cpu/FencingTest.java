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
 * Two CPUs on one memory bus (a rollout that overlaps, a partition): the second resumes a session the
 * first still runs and claims it at the memory bus; the first's next checkpoint is refused, so its copy
 * stops as failed, saying why, and only the new owner's checkpoints land. The stale CPU cannot delete it.
 */
@Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
class FencingTest {

    private static JsonNode view(Http api, String id) {
        return api.get("/api/v1/sessions/" + id).json();
    }

    private static void until(String what, Duration limit, java.util.function.BooleanSupplier condition) {
        await(what).atMost(limit).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }

    @Test
    void aCpuWhoseSessionWasTakenOverStopsAndCannotWriteIt() throws Exception {
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0)) {
            Http busApi = new Http(Apps.url(bus), Apps.TOKEN);
            String[] cpuArgs = {"--invaders.cpu.memory-bus-url=" + Apps.url(bus), "--invaders.cpu.checkpoint-frames=10",
                    "--invaders.cpu.checkpoint-on-shutdown=false", "--invaders.cpu.routes.default=local"};
            try (ConfigurableApplicationContext first = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                Http a = new Http(Apps.url(first), Apps.TOKEN);
                // Realtime pace: the session is still running when the second CPU starts.
                String id = ServicesTest.create(a, LiveTest.session("local", "realtime", 20_000));
                until("a first checkpoint", Duration.ofSeconds(30),
                        () -> busApi.get("/api/v1/sessions/" + id + "/checkpoint").status() == 200);
                assertThat(busApi.get("/api/v1/sessions/" + id + "/checkpoint").json().get("epoch").asLong())
                        .isEqualTo(1);

                try (ConfigurableApplicationContext second = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                    Http b = new Http(Apps.url(second), Apps.TOKEN);
                    assertThat(view(b, id).get("status").asString()).isEqualTo("running");
                    // The first CPU learns at its next checkpoint (10 frames, about 0.17 s).
                    until("the first CPU's copy stops", Duration.ofSeconds(30),
                            () -> !view(a, id).get("status").asString().equals("running"));
                    JsonNode stale = view(a, id);
                    assertThat(stale.get("status").asString()).isEqualTo("failed");
                    assertThat(stale.get("error").asString()).contains("another CPU took session " + id + " over");

                    // Only the owner's checkpoints land from now on, and they move on.
                    long frame = busApi.get("/api/v1/sessions/" + id + "/checkpoint").json().get("frame").asLong();
                    until("the owner's next checkpoint", Duration.ofSeconds(30), () -> {
                        JsonNode cp = busApi.get("/api/v1/sessions/" + id + "/checkpoint").json();
                        return cp.get("frame").asLong() > frame;
                    });
                    assertThat(busApi.get("/api/v1/sessions/" + id + "/checkpoint").json().get("epoch").asLong())
                            .isEqualTo(2);
                    assertThat(view(b, id).get("status").asString()).isEqualTo("running");

                    // Deleting through the stale CPU forgets its copy but leaves the owner's session alone.
                    assertThat(a.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
                    assertThat(busApi.get("/api/v1/sessions/" + id + "/checkpoint").status()).isEqualTo(200);
                    assertThat(b.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
                    assertThat(busApi.get("/api/v1/sessions/" + id + "/checkpoint").status()).isEqualTo(404);
                    assertThat(busApi.get("/api/v1/sessions").json().get("count").asInt()).isZero();
                }
            }
        }
    }

    /** The claim's number is what the bus keeps: a CPU restarted twice holds epoch 3. */
    @Test
    void eachResumeClaimsAgain() throws Exception {
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0)) {
            Http busApi = new Http(Apps.url(bus), Apps.TOKEN);
            String[] cpuArgs = {"--invaders.cpu.memory-bus-url=" + Apps.url(bus), "--invaders.cpu.checkpoint-frames=10",
                    "--invaders.cpu.routes.default=local"};
            String id;
            try (ConfigurableApplicationContext first = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                id = ServicesTest.create(new Http(Apps.url(first), Apps.TOKEN), LiveTest.session("local", "realtime",
                        20_000));
                until("a first checkpoint", Duration.ofSeconds(30),
                        () -> busApi.get("/api/v1/sessions/" + id + "/checkpoint").status() == 200);
            }
            for (int restart = 2; restart <= 3; restart++) {
                try (ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                    assertThat(view(new Http(Apps.url(cpu), Apps.TOKEN),
                            id).get("status").asString()).isEqualTo("running");
                    JsonNode listed = busApi.get("/api/v1/sessions").json().get("sessions").get(0);
                    assertThat(listed.get("epoch").asLong()).isEqualTo(restart);
                }
                // The shutdown checkpoint carries the claim.
                assertThat(busApi.get("/api/v1/sessions/" + id + "/checkpoint").json().get("epoch").asLong())
                        .isEqualTo(restart);
            }
            assertThat(busApi.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
        }
    }
}
