package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.memorybus.MemoryBusApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deleted session does not come back: after its DELETE the memory bus has no checkpoint of it, a caller
 * without the internal token cannot put its old checkpoint back (401), and a restarted fetch-execute does not
 * resume it (404).
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class DeletedSessionTest {

    @Test
    void aDeletedSessionStaysDeletedAcrossARestart() throws Exception {
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0)) {
            String[] cpuArgs = {"--invaders.cpu.memory-bus-url=" + Apps.url(bus),
                    "--invaders.cpu.routes.default=local"};
            Http busApi = new Http(Apps.url(bus), Apps.TOKEN);
            String id;
            String kept;
            JsonNode old;
            try (ConfigurableApplicationContext first = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                Http api = new Http(Apps.url(first), Apps.TOKEN);
                Map<String, Object> body = new HashMap<>(ServicesTest.invaders("cached", 36000));
                body.put("pace", "realtime");
                id = ServicesTest.create(api, body);
                kept = ServicesTest.create(api, body); // one that is not deleted: the restart does resume it
                old = busApi.get("/api/v1/sessions/" + id + "/checkpoint").json();
                assertThat(old.path("frame").isNumber()).as(old.toString()).isTrue();

                assertThat(api.delete("/api/v1/sessions/" + id).status()).isEqualTo(204);
                assertThat(busApi.get("/api/v1/sessions/" + id + "/checkpoint").status()).isEqualTo(404);

                // Its old checkpoint put back by a caller without the token, with a higher epoch.
                ObjectNode put = Http.JSON.createObjectNode().put("epoch", old.get("epoch").asLong() + 1)
                        .put("frame", old.get("frame").asLong());
                put.set("cpu", old.get("cpu"));
                put.set("machine", old.get("machine"));
                put.set("memory", old.get("memory"));
                Http.Response r = busApi.sendAnonymous(HttpRequest.newBuilder(URI.create(Apps.url(bus)
                                + "/api/v1/sessions/" + id + "/checkpoint")).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(put.toString())));
                assertThat(r.status()).as(r.body()).isEqualTo(401);
                assertThat(busApi.get("/api/v1/sessions/" + id + "/checkpoint").status()).isEqualTo(404);
            }
            try (ConfigurableApplicationContext second = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                Http api = new Http(Apps.url(second), Apps.TOKEN);
                assertThat(api.get("/api/v1/sessions/" + kept).status()).as("the other one resumed").isEqualTo(200);
                assertThat(api.get("/api/v1/sessions/" + id).status()).isEqualTo(404);
                assertThat(api.get("/api/v1/sessions").body()).doesNotContain(id);
                assertThat(busApi.get("/api/v1/sessions").body()).doesNotContain(id);
                assertThat(api.delete("/api/v1/sessions/" + kept).status()).isEqualTo(204);
            }
        }
    }
}
