package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.cpu.machine.CpmDriver;
import dev.invaders.cpu.machine.InvadersDriver;
import dev.invaders.cpu.route.InstructionExecutor;
import dev.invaders.cpu.route.MeshCounter;
import dev.invaders.cpu.route.Mode;
import dev.invaders.i8080.cpm.CpmMachine;
import dev.invaders.machine.InputLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** In process (no services): the routed CPU is the core CPU, hash for hash and byte for byte. */
class RoutedProcessorTest {

    @Test
    void demoGameMatchesTheCoreCpuFrameByFrame() {
        MeshCounter local = new MeshCounter(InstructionExecutor.of(Mode.LOCAL, null, null));
        String text = Fixtures.demoInput();
        InvadersDriver routed = new InvadersDriver(new InvadersDriver.Rom("demo", Fixtures.demoRom(), "", java.util.List.of()),
                300, InputLog.parse(text), local, 60, 64, 1 << 20);
        dev.invaders.machine.InvadersMachine direct = dev.invaders.machine.InvadersMachine.create(Fixtures.demoRom(),
                dev.invaders.machine.DipSwitches.DEFAULT);
        direct.setInputLog(InputLog.parse(text));
        for (int f = 0; f < 300; f++) {
            routed.runSlice();
            direct.runFrame();
            assertThat(routed.stateHash()).as("frame %d", f).isEqualTo(direct.stateHash());
        }
        assertThat(routed.instructions()).isEqualTo(direct.processor().instructions());
        assertThat(java.util.Arrays.stream(local.executed).sum()).as("every instruction counted by family")
                .isEqualTo(routed.instructions());
        System.out.printf("demo: %d instructions in 300 frames%n", routed.instructions());
    }

    @Test
    void tst8080ThroughTheLocalExecutor() {
        byte[] program = Fixtures.program("TST8080");
        CpmDriver d = CpmDriver.create(program, InstructionExecutor.of(Mode.LOCAL, null, null), 1_000_000, 1 << 16);
        while (d.runSlice()) {
            // run to warm boot
        }
        assertThat(d.console()).isEqualTo(Fixtures.expected("TST8080"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CpmMachine core = new CpmMachine(program, out);
        core.run(0);
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(d.console());
        assertThat(d.instructions()).isEqualTo(core.cpu().instructions());
        assertThat(d.cycles()).isEqualTo(core.cpu().cycles());
    }
}
