package dev.invaders.memorybus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.testsupport.Http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** With a checkpoint folder, a restarted memory bus still has every session's newest checkpoint. */
class CheckpointPersistenceTest {

    private static final String S = "/api/v1/sessions/";

    @TempDir
    Path dir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MemoryBusApplication.class).run(
                "--server.port=0", "--invaders.memory-bus.checkpoint-dir=" + dir,
                "--logging.structured.format.console=", "--spring.main.banner-mode=off");
    }

    private static Http http(ConfigurableApplicationContext ctx) {
        return new Http(Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port")), Http.FILE_TOKEN);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void checkpointsSurviveARestart() throws Exception {
        byte[] image = MemoryBusApiTest.pattern(11);
        Map<String, Object> batch3 = MemoryBusApiTest.batch(3L, List.of(MemoryBusApiTest.write(0x2000, 0x77)));
        Map<String, Object> batch4 = MemoryBusApiTest.batch(4L, List.of(MemoryBusApiTest.write(0x2001, 0x88)));

        try (ConfigurableApplicationContext first = start()) {
            Http http = http(first);
            assertThat(http.put(S + "keep/checkpoint", MemoryBusApiTest.checkpoint(5, MemoryBusApiTest.cpu(1), image))
                    .status()).isEqualTo(201);
            assertThat(http.post(S + "keep/memory/writes", batch3).status()).isEqualTo(200);
            assertThat(http.put(S + "keep/checkpoint", MemoryBusApiTest.checkpoint(6, MemoryBusApiTest.cpu(2), null))
                    .status()).isEqualTo(200);
            // After the last checkpoint: lost in a restart, by design (memory goes back to the checkpoint's).
            assertThat(http.post(S + "keep/memory/writes", batch4).status()).isEqualTo(200);

            http.put(S + "gone/checkpoint", MemoryBusApiTest.checkpoint(1, MemoryBusApiTest.cpu(0), image));
            assertThat(http.delete(S + "gone").status()).isEqualTo(204);
            http.put(S + "reset/checkpoint", MemoryBusApiTest.checkpoint(1, MemoryBusApiTest.cpu(0), image));
            http.put(S + "reset/memory", Map.of("image", Http.b64(image)));
            http.put(S + "mem-only/memory", Map.of("image", Http.b64(image)));
            assertThat(files()).containsExactly("keep" + CheckpointFiles.SUFFIX);
        }

        Files.writeString(dir.resolve("broken" + CheckpointFiles.SUFFIX), "{\"id\":\"broken\",");
        Files.writeString(dir.resolve("keep.12345.tmp"), "half a write");

        try (ConfigurableApplicationContext second = start()) {
            Http http = http(second);
            JsonNode cp = http.get(S + "keep/checkpoint").json();
            assertThat(cp.get("frame").asLong()).isEqualTo(6);
            assertThat(cp.get("batch").asLong()).isEqualTo(3);
            assertThat(cp.get("cpu").get("a").asInt()).isEqualTo(2);
            assertThat(cp.get("cpu").get("cycles").asLong()).isEqualTo(123456789L);
            assertThat(cp.get("machine").get("shift").get("offset").asInt()).isEqualTo(3);
            byte[] expected = image.clone();
            expected[0x2000] = 0x77;
            assertThat(Http.unb64(cp.get("memory").asString())).isEqualTo(expected);

            Http.Response memory = http.get(S + "keep/memory?address=0&length=65536");
            assertThat(Http.unb64(memory.json().get("data").asString())).isEqualTo(expected);

            // The batch numbering survives too: a retry of batch 3 is still recognised.
            Http.Response retry = http.post(S + "keep/memory/writes", batch3);
            assertThat(retry.json().get("duplicate").asBoolean()).isTrue();
            assertThat(http.post(S + "keep/memory/writes", batch4).json().get("applied").asInt()).isEqualTo(1);

            for (String id : List.of("gone", "reset", "mem-only", "broken")) {
                assertThat(http.get(S + id + "/memory?address=0&length=1").status()).as(id).isEqualTo(404);
            }
            assertThat(http.get("/api/v1/sessions").json().get("count").asInt()).isEqualTo(1);
            assertThat(files()).containsExactly("broken" + CheckpointFiles.SUFFIX, "keep" + CheckpointFiles.SUFFIX);
        }
    }

    /** The fencing epoch is kept with the checkpoint: after a restart the CPU it was taken from is still refused. */
    @Test
    void theEpochSurvivesARestart() {
        byte[] image = MemoryBusApiTest.pattern(12);
        try (ConfigurableApplicationContext first = start()) {
            Http http = http(first);
            assertThat(http.put(S + "fenced/checkpoint", MemoryBusApiTest.withEpoch(
                    MemoryBusApiTest.checkpoint(5, MemoryBusApiTest.cpu(1), image), 1)).status()).isEqualTo(201);
            assertThat(http.post(S + "fenced/claim", Map.of()).json().get("epoch").asLong()).isEqualTo(2);
            assertThat(http.put(S + "fenced/checkpoint", MemoryBusApiTest.withEpoch(
                    MemoryBusApiTest.checkpoint(6, MemoryBusApiTest.cpu(2), null), 2)).status()).isEqualTo(200);
        }
        try (ConfigurableApplicationContext second = start()) {
            Http http = http(second);
            assertThat(http.get(S + "fenced/checkpoint").json().get("epoch").asLong()).isEqualTo(2);
            MemoryBusApiTest.assertProblem(http.put(S + "fenced/checkpoint", MemoryBusApiTest.withEpoch(
                    MemoryBusApiTest.checkpoint(7, MemoryBusApiTest.cpu(3), null), 1)), 409, "taken over");
            assertThat(http.post(S + "fenced/claim", Map.of()).json().get("epoch").asLong()).isEqualTo(3);
        }
    }
}
