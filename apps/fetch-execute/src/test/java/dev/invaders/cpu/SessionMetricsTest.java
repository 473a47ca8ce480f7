package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.invaders.memorybus.MemoryBusApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The per-session series the dashboards and alerts read (infrastructure/configs/base/monitoring):
 * {@code invaders_session_frames_per_second}, {@code invaders_session_checkpoint_age_seconds} (both tagged
 * with the session and its mode) and {@code invaders_sessions_running}, through the real Prometheus endpoint.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class SessionMetricsTest {

    @Test
    void perSessionFpsAndCheckpointAgeFollowTheSessionAndTheMemoryBus() throws Exception {
        ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0);
        try (ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0,
                "--invaders.cpu.memory-bus-url=" + Apps.url(bus), "--invaders.cpu.checkpoint-frames=10",
                "--invaders.cpu.checkpoint-on-shutdown=false", "--invaders.cpu.routes.default=local",
                "--invaders.cpu.call-deadline=2s")) {
            Http api = new Http(Apps.url(cpu), Apps.TOKEN);
            // Realtime pace: 59.54 frames a second, a checkpoint every 10 frames (about 0.17 s).
            String id = ServicesTest.create(api, LiveTest.session("local", "realtime", 1_000_000));
            String tags = "{application=\"fetch-execute\",mode=\"local\",session=\"" + id + "\"}";
            until("the session's fps above 0", Duration.ofSeconds(30),
                    () -> value(api, "invaders_session_frames_per_second" + tags) > 0);
            assertThat(value(api, "invaders_sessions_running{application=\"fetch-execute\"}")).isEqualTo(1);
            // A session that checkpoints every 0.17 s has a young checkpoint.
            until("a checkpoint younger than 2 s", Duration.ofSeconds(30),
                    () -> value(api, "invaders_session_checkpoint_age_seconds" + tags) < 2);

            // The memory bus goes away: the session runs on, its checkpoint ages.
            bus.close();
            bus = null;
            until("a checkpoint older than 3 s", Duration.ofSeconds(60),
                    () -> value(api, "invaders_session_checkpoint_age_seconds" + tags) > 3);
            // It still plays, between the retries of its failing checkpoints (each failure holds the runner for
            // the 100/400/1600 ms backoffs, so one second's fps can read 0 while a retry waits).
            until("frames still played", Duration.ofSeconds(30),
                    () -> value(api, "invaders_session_frames_per_second" + tags) > 0);

            // Paused: not running, no frames, no checkpoint due.
            assertThat(api.post("/api/v1/sessions/" + id + "/pause", "{}").status()).isEqualTo(200);
            // The pause takes effect after the current slice, which may still be retrying a checkpoint.
            until("paused", Duration.ofSeconds(30),
                    () -> "paused".equals(api.get("/api/v1/sessions/" + id).json().get("status").asString()));
            until("paused: fps 0", Duration.ofSeconds(30),
                    () -> value(api, "invaders_session_frames_per_second" + tags) == 0);
            // A checkpoint still being retried (the bus is gone: 100/400/1600 ms backoffs) ends first.
            until("paused: no checkpoint due", Duration.ofSeconds(30),
                    () -> value(api, "invaders_session_checkpoint_age_seconds" + tags) == 0);
            assertThat(value(api, "invaders_sessions_running{application=\"fetch-execute\"}")).isZero();
            assertThat(value(api, "invaders_sessions_active{application=\"fetch-execute\"}")).isEqualTo(1);

            // Deleted: its series are gone.
            api.delete("/api/v1/sessions/" + id);
            String metrics = api.get("/actuator/prometheus").body();
            assertThat(metrics).doesNotContain("session=\"" + id + "\"");
        } finally {
            if (bus != null) {
                bus.close();
            }
        }
    }

    /** The value of one series, exactly as named with its labels; NaN when it is not there. */
    static double value(Http api, String series) {
        String metrics = api.get("/actuator/prometheus").body();
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static void until(String what, Duration limit, BooleanSupplier condition) {
        await(what).atMost(limit).pollInterval(Duration.ofMillis(50)).until(condition::getAsBoolean);
    }
}
