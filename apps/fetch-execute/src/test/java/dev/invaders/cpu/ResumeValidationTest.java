package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.memorybus.MemoryBusApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A checkpoint is validated like a new request before a restarted CPU resumes it. */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class ResumeValidationTest {

    @Test
    void aCheckpointPastTheApisLimitsIsNotResumed() throws Exception {
        try (ConfigurableApplicationContext bus = Apps.start(MemoryBusApplication.class, 0)) {
            String[] cpuArgs = {"--invaders.cpu.memory-bus-url=" + Apps.url(bus),
                    "--invaders.cpu.max-stop-after-frames=100000", "--invaders.cpu.routes.default=local"};
            String good;
            String bad;
            try (ConfigurableApplicationContext first = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                Http api = new Http(Apps.url(first), Apps.TOKEN);
                java.util.Map<String, Object> body = new java.util.HashMap<>(ServicesTest.invaders("cached", 36000));
                body.put("pace", "realtime");
                good = ServicesTest.create(api, body);
                bad = ServicesTest.create(api, body);
            }
            // Rewrite one checkpoint as a caller with the token could: a run far past max-stop-after-frames.
            Http busApi = new Http(Apps.url(bus), Apps.TOKEN);
            JsonNode cp = busApi.get("/api/v1/sessions/" + bad + "/checkpoint").json();
            ObjectNode machine = ((ObjectNode) cp.get("machine")).put("stopAfterFrames", 999_999_999_999L);
            ObjectNode put = Http.JSON.createObjectNode().put("epoch", cp.get("epoch").asLong() + 1)
                    .put("frame", cp.get("frame").asLong());
            put.set("cpu", cp.get("cpu"));
            put.set("machine", machine);
            put.set("memory", cp.get("memory"));
            Http.Response r = busApi.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(Apps.url(bus)
                            + "/api/v1/sessions/" + bad + "/checkpoint")).header("Content-Type", "application/json")
                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(put.toString())));
            assertThat(r.status()).as(r.body()).isIn(200, 201);

            try (ConfigurableApplicationContext second = Apps.start(FetchExecuteApplication.class, 0, cpuArgs)) {
                Http api = new Http(Apps.url(second), Apps.TOKEN);
                assertThat(api.get("/api/v1/sessions/" + good).status()).isEqualTo(200);
                assertThat(api.get("/api/v1/sessions/" + bad).status()).isEqualTo(404);
                assertThat(api.delete("/api/v1/sessions/" + good).status()).isEqualTo(204);
            }
        }
    }
}
