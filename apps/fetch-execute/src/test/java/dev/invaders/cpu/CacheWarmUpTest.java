package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.cpu.cache.CacheWarmUp;
import dev.invaders.cpu.cache.ResultCache;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The warm-up at start plays the demo's attract mode through the real opcode service into the shared cache:
 * a new cached demo session then misses nothing over those frames, and ends with local mode's hash.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CacheWarmUpTest {
    static final int FRAMES = 120;

    static Map<String, Object> demo(String mode) {
        return Map.of("machine", "invaders", "rom", "demo", "mode", mode, "stopAfterFrames", FRAMES);
    }

    @Test
    void aNewGameFindsTheWarmedUpFramesInTheCache() throws Exception {
        try (ConfigurableApplicationContext opcodes = Apps.opcodeService(0);
             ConfigurableApplicationContext cpu = Apps.fetchExecute(0,
                     "--invaders.cpu.routes.default=" + Apps.url(opcodes), "--invaders.cpu.warm-up-frames=" + FRAMES)) {
            CacheWarmUp warmUp = cpu.getBean(CacheWarmUp.class);
            assertThat(warmUp.awaitDone(2, TimeUnit.MINUTES)).as("the warm-up ends").isTrue();
            ResultCache cache = cpu.getBean(ResultCache.class);
            assertThat(cache.size()).as("results the warm-up stored").isPositive();
            long misses = cache.misses();

            Http api = new Http(Apps.url(cpu));
            String cached = ServicesTest.create(api, demo("cached"));
            JsonNode s = ServicesTest.await(api, cached, Duration.ofMinutes(1));
            assertThat(s.get("status").asString()).as(s.toString()).isEqualTo("finished");
            assertThat(s.get("cacheMisses").asLong()).as("misses of a game the warm-up played ahead").isZero();
            assertThat(s.get("cacheHits").asLong()).isEqualTo(s.get("instructions").asLong());
            assertThat(cache.misses()).isEqualTo(misses);

            String local = ServicesTest.create(api, demo("local"));
            JsonNode l = ServicesTest.await(api, local, Duration.ofMinutes(1));
            assertThat(s.get("stateHash").asString()).as("the same game as in local mode")
                    .isEqualTo(l.get("stateHash").asString());
        }
    }

    @Test
    void offByDefault() throws Exception {
        try (ConfigurableApplicationContext opcodes = Apps.opcodeService(0);
             ConfigurableApplicationContext cpu = Apps.fetchExecute(0, "--invaders.cpu.routes.default=" + Apps.url(opcodes))) {
            assertThat(cpu.getBean(CacheWarmUp.class).awaitDone(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cpu.getBean(ResultCache.class).size()).isZero();
        }
    }
}
