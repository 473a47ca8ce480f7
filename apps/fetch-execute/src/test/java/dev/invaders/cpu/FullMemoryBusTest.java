package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.memorybus.MemoryBusApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A memory bus that is full: a session whose checkpoint it refuses (429) says so in its view, and a CPU that
 * starts with more sessions on the bus than its table holds says how many it left there (the session
 * list's notResumed, the metric invaders_sessions_not_resumed) instead of ignoring them.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class FullMemoryBusTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aFullBusIsReportedToTheSessionAndTheSessionsLeftOnItAreCounted() throws Exception {
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0,
                "--invaders.memory-bus.max-sessions=3")) {
            String busUrl = "--invaders.cpu.memory-bus-url=" + Apps.url(bus);
            List<String> ids = new ArrayList<>();
            try (ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0, busUrl,
                    "--invaders.cpu.routes.default=local")) {
                Http api = new Http(Apps.url(cpu), Apps.TOKEN);
                for (int i = 0; i < 3; i++) {
                    ids.add(ServicesTest.create(api, LiveTest.session("local", "realtime", 1_000_000)));
                }
                // The bus holds 3: the fourth session's checkpoints are refused with 429.
                String fourth = ServicesTest.create(api, LiveTest.session("local", "realtime", 1_000_000));
                JsonNode view = JSON.readTree(api.get("/api/v1/sessions/" + fourth).body());
                assertThat(view.path("checkpointError").asString("")).as(view.toString())
                        .contains("memory bus is full").contains("429");
                assertThat(view.path("status").asString()).isEqualTo("running");
                assertThat(api.delete("/api/v1/sessions/" + fourth).status()).isEqualTo(204);
                assertThat(JSON.readTree(api.get("/api/v1/sessions").body()).path("notResumed").asInt(-1)).isZero();
            }
            // A CPU whose table holds one: it resumes one and reports the two it left on the bus.
            try (ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0, busUrl,
                    "--invaders.cpu.routes.default=local",
                    "--invaders.cpu.max-sessions=1")) {
                Http api = new Http(Apps.url(cpu), Apps.TOKEN);
                JsonNode list = JSON.readTree(api.get("/api/v1/sessions").body());
                assertThat(list.path("count").asInt()).as(list.toString()).isEqualTo(1);
                assertThat(list.path("notResumed").asInt()).as(list.toString()).isEqualTo(2);
                assertThat(SessionMetricsTest.value(api, "invaders_sessions_not_resumed{application=\"fetch-execute\"}"))
                        .isEqualTo(2);
                for (String id : ids) {
                    api.delete("/api/v1/sessions/" + id);
                }
            }
        }
    }
}
