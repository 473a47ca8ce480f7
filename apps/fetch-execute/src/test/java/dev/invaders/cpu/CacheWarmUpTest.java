package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.cpu.cache.CacheWarmUp;
import dev.invaders.cpu.cache.ResultCache;
import dev.invaders.opcode.OpcodeServiceApplication;
import dev.invaders.testsupport.Apps;
import dev.invaders.testsupport.Http;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The warm-up at start plays three demo games into the shared cache, computing ahead the results of a route
 * that runs this build's version and calling a route of another version: a new cached demo session then
 * misses nothing over those frames and ends with local mode's hash, and the service is ready only after it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CacheWarmUpTest {
    static final int FRAMES = 120;

    static Map<String, Object> demo(String mode) {
        return Map.of("machine", "invaders", "rom", "demo", "mode", mode, "stopAfterFrames", FRAMES);
    }

    /** Calls fetch-execute made to the opcode services (every family, every outcome). */
    static long calls(ConfigurableApplicationContext cpu) {
        return cpu.getBean(MeterRegistry.class).find("invaders.opcode.calls").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    /** A new cached game over the warmed-up frames: no miss, and local mode's hash. */
    static void aNewGameHitsOnly(ConfigurableApplicationContext cpu) throws Exception {
        ResultCache cache = cpu.getBean(ResultCache.class);
        long misses = cache.misses();
        Http api = new Http(Apps.url(cpu), Apps.TOKEN);
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

    @Test
    void aRouteOfThisBuildsVersionIsComputedAheadAndANewGameFindsItsFramesCached() throws Exception {
        try (ConfigurableApplicationContext opcodes = Apps.start(OpcodeServiceApplication.class, 0);
             ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0,
                     "--invaders.cpu.routes.default=" + Apps.url(opcodes), "--invaders.cpu.warm-up-frames=" + FRAMES)) {
            CacheWarmUp warmUp = cpu.getBean(CacheWarmUp.class);
            assertThat(warmUp.awaitDone(2, TimeUnit.MINUTES)).as("the warm-up ends").isTrue();
            ResultCache cache = cpu.getBean(ResultCache.class);
            assertThat(cache.size()).as("results the warm-up stored").isGreaterThan(10_000);
            assertThat(calls(cpu)).as("calls: the first tells the route's version, the rest are computed here")
                    .isEqualTo(1);
            assertThat(new Http(Apps.url(cpu), Apps.TOKEN).get("/actuator/health/readiness").status()).isEqualTo(200);
            aNewGameHitsOnly(cpu);
        }
    }

    @Test
    void aRouteOfAnotherVersionIsCalledForEveryResultAndReadinessWaits(@TempDir Path dir) throws Exception {
        Path buildInfo = dir.resolve("build-info.properties");
        Files.writeString(buildInfo, "build.version=9.9.9-another\n");
        try (ConfigurableApplicationContext opcodes = Apps.start(OpcodeServiceApplication.class, 0,
                     "--spring.info.build.location=file:" + buildInfo);
             ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0,
                     "--invaders.cpu.routes.default=" + Apps.url(opcodes), "--invaders.cpu.warm-up-frames=" + FRAMES)) {
            CacheWarmUp warmUp = cpu.getBean(CacheWarmUp.class);
            Http api = new Http(Apps.url(cpu), Apps.TOKEN);
            // Thousands of calls: the warm-up is still playing when the context is up.
            assertThat(warmUp.done()).isFalse();
            int status = api.get("/actuator/health/readiness").status();
            if (!warmUp.done()) {
                assertThat(status).as("readiness during the warm-up").isEqualTo(503);
            }
            assertThat(warmUp.awaitDone(2, TimeUnit.MINUTES)).as("the warm-up ends").isTrue();
            ResultCache cache = cpu.getBean(ResultCache.class);
            assertThat(cache.size()).isGreaterThan(10_000);
            assertThat(calls(cpu)).as("a call for every result stored").isEqualTo(cache.size());
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
            aNewGameHitsOnly(cpu);
        }
    }

    @Test
    void offByDefault() throws Exception {
        try (ConfigurableApplicationContext opcodes = Apps.start(OpcodeServiceApplication.class, 0);
             ConfigurableApplicationContext cpu = Apps.start(FetchExecuteApplication.class, 0, "--invaders.cpu.routes.default=" + Apps.url(opcodes))) {
            assertThat(cpu.getBean(CacheWarmUp.class).awaitDone(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cpu.getBean(ResultCache.class).size()).isZero();
            assertThat(new Http(Apps.url(cpu), Apps.TOKEN).get("/actuator/health/readiness").status()).isEqualTo(200);
        }
    }
}
