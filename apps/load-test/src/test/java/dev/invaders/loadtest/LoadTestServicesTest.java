package dev.invaders.loadtest;

import dev.invaders.cpu.FetchExecuteApplication;
import dev.invaders.opcode.OpcodeServiceApplication;
import dev.invaders.testsupport.Apps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tool end to end against the real services, started in this JVM (fetch-execute and one opcode service
 * for every family): a short cached demo run and a CP/M run (skipped with a message when the CP/M test
 * programs are absent). About 20-40 s on a loaded 2-core machine.
 */
class LoadTestServicesTest {
    /** Quiet services: they log warnings and errors only. */
    private static final String QUIET = "--logging.level.root=WARN";
    private static ConfigurableApplicationContext opcodes;
    private static ConfigurableApplicationContext cpu;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(dev.invaders.machine.Programs.demo().isPresent(), "the demo ROM is not built");
        opcodes = Apps.startOpen(OpcodeServiceApplication.class, QUIET);
        cpu = Apps.startOpen(FetchExecuteApplication.class, QUIET,
                "--invaders.cpu.routes.default=" + Apps.url(opcodes), "--invaders.cpu.max-sessions=8",
                "--invaders.cpu.warm-up-frames=0");
    }

    @AfterAll
    static void stop() {
        if (cpu != null) cpu.close();
        if (opcodes != null) opcodes.close();
    }

    private static int run(Path out, ByteArrayOutputStream stdout, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--target", Apps.url(cpu), "--metrics", Apps.url(cpu),
                "--out", out.toString()));
        args.addAll(List.of(extra));
        return Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err, new AtomicReference<>());
    }

    @Test
    void cachedDemoGamesFinishWithLocalModesHash(@TempDir Path out) throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code = run(out, stdout, "--sessions", "2", "--duration", "3", "--mode", "cached");
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, printed);
        assertTrue(printed.contains("sessions") && printed.contains("fps median"), printed);
        Map<String, Object> report = Json.object(Files.readString(out.resolve("report.json")));
        assertEquals(2.0, report.get("sessions"));
        assertEquals(2.0, report.get("finished"));
        assertEquals(0.0, report.get("hashMismatches"));
        assertEquals(0.0, report.get("lostSessions"));
        assertTrue(((Map<?, ?>) report.get("latency")).containsKey("families"), "the opcode histogram was read");
        assertTrue(Files.size(out.resolve("fps.png")) > 1000);
        assertTrue(Files.readString(out.resolve("report.html")).contains("data:image/png;base64,"));
    }

    @Test
    void cpmProgramsMatchLocalMode(@TempDir Path out) throws Exception {
        Path cpuTests = Path.of(System.getProperty("invaders.cpuTests", "../../../shared/roms/cpu-tests"));
        Assumptions.assumeTrue(Files.isRegularFile(cpuTests.resolve("TST8080.COM")),
                "CP/M test programs absent (" + cpuTests + "; set INVADERS_CPU_TESTS)");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int code = run(out, stdout, "--sessions", "1", "--duration", "2", "--mode", "cached", "--workload", "cpm",
                "--cpu-tests", cpuTests.toString());
        assertEquals(0, code, stdout.toString(StandardCharsets.UTF_8));
        Map<String, Object> report = Json.object(Files.readString(out.resolve("report.json")));
        assertTrue(((Number) report.get("finished")).intValue() >= 1);
        assertEquals(0.0, report.get("hashMismatches"));
    }
}
