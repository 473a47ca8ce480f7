package dev.invaders.memorybus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The memory bus stores bytes and CPU states as the wire has them: the emulator core (i8080) is not on
 * its class path, not even through the wire module (where it is optional). A dependency that brings it
 * back fails here.
 */
class NoEmulatorCoreTest {

    @Test
    void theCoreIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("dev.invaders.i8080.CpuState"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThat(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("i8080"))).isEmpty();
    }

    @Test
    void theWireShapeIsThere() throws ClassNotFoundException {
        assertThat(Class.forName("dev.invaders.wire.CpuStateJson")).isNotNull();
    }
}
