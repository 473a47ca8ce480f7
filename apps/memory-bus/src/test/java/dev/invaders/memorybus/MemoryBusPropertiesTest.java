package dev.invaders.memorybus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/** {@code invaders.memory-bus.*}: the defaults, and a bad value stops the start with the property named. */
class MemoryBusPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(MemoryBusProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaults() {
        runner.run(ctx -> {
            MemoryBusProperties p = ctx.getBean(MemoryBusProperties.class);
            assertThat(p.maxSessions()).isEqualTo(64);
            assertThat(p.maxBatch()).isEqualTo(4096);
            assertThat(p.maxRequestSize()).isEqualTo(DataSize.ofKilobytes(256));
            assertThat(p.checkpointPath()).isNull();
            assertThat(p.fsync()).isFalse();
        });
    }

    @Test
    void badValuesStopTheStart() {
        for (String bad : new String[] {"invaders.memory-bus.max-sessions=0", "invaders.memory-bus.max-batch=-1",
                "invaders.memory-bus.max-batch=70000", "invaders.memory-bus.max-request-size=64KB",
                "invaders.memory-bus.max-sessions=lots"}) {
            runner.withPropertyValues(bad).run(ctx -> {
                assertThat(ctx).as(bad).hasFailed();
                assertThat(ctx.getStartupFailure()).as(bad).hasStackTraceContaining("invaders.memory-bus");
            });
        }
    }

    @Test
    void aCheckpointFolderIsAPath() {
        runner.withPropertyValues("invaders.memory-bus.checkpoint-dir= /var/lib/memory-bus ").run(ctx ->
                assertThat(ctx.getBean(MemoryBusProperties.class).checkpointPath()).hasToString("/var/lib/memory-bus"));
    }
}
