package dev.invaders.opcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.i8080.Family;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

class OpcodePropertiesTest {

    @Configuration
    @EnableConfigurationProperties(OpcodeProperties.class)
    static class Config {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Config.class);

    @Test
    void defaultsToAllFamiliesAnd16KiB() {
        runner.run(context -> {
            OpcodeProperties p = context.getBean(OpcodeProperties.class);
            assertEquals(EnumSet.allOf(Family.class), p.servedFamilies());
            assertEquals(DataSize.ofKilobytes(16), p.maxRequestSize());
        });
    }

    @Test
    void aListOfFamiliesFromTheEnvironmentStyleValue() {
        runner.withPropertyValues("invaders.opcode.families=mov, MVI,lxi").run(context ->
                assertEquals(Set.of(Family.MOV, Family.MVI, Family.LXI),
                        context.getBean(OpcodeProperties.class).servedFamilies()));
    }

    @Test
    void anUnknownFamilyStopsTheStart() {
        runner.withPropertyValues("invaders.opcode.families=mov,jump").run(context -> {
            assertTrue(context.getStartupFailure() != null, "the context must not start");
            Throwable root = context.getStartupFailure();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root.getMessage().contains("unknown opcode families [jump]"), root.getMessage());
            assertTrue(root.getMessage().contains("known: all, nop, mov"), root.getMessage());
        });
    }

    @Test
    void emptyAndTinyLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OpcodeProperties(List.of(" "), DataSize.ofKilobytes(16)));
        assertThrows(IllegalArgumentException.class, () -> new OpcodeProperties(List.of("all"), DataSize.ofBytes(10)));
    }
}
