package dev.invaders.loadtest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {
    private static Options parse(String... args) throws Options.UsageException {
        return Options.parse(List.of(args), Path.of("/repo"), null, "20260101-000000");
    }

    @Test
    void defaults() throws Exception {
        Options o = parse();
        assertEquals(null, o.target());
        assertEquals(4, o.sessions());
        assertEquals(30, o.durationSeconds());
        assertEquals("cached", o.mode());
        assertEquals("demo", o.workload());
        assertFalse(o.chaos());
        assertEquals(Path.of("/repo/load-test-results/20260101-000000"), o.out());
        assertEquals(Path.of("/shared/roms/cpu-tests"), o.cpuTests());
    }

    @Test
    void everyOptionBothSpellings() throws Exception {
        Options o = parse("--target", "http://127.0.0.1:8080/", "--sessions=8", "--ramp", "5", "--duration=60",
                "--mode", "strict", "--workload=mixed", "--chaos", "--out", "/tmp/x", "--cpu-tests=/c", "--chaos-every", "10");
        assertEquals("http://127.0.0.1:8080", o.target().toString());
        assertEquals(8, o.sessions());
        assertEquals(5, o.rampSeconds());
        assertEquals(60, o.durationSeconds());
        assertEquals("strict", o.mode());
        assertEquals("mixed", o.workload());
        assertTrue(o.chaos());
        assertEquals(Path.of("/tmp/x"), o.out());
        assertEquals(Path.of("/c"), o.cpuTests());
        assertEquals(10, o.chaosEverySeconds());
        assertEquals(Options.DEFAULT_STALL, o.stallSeconds());
        assertEquals(300, parse("--stall=300").stallSeconds());
    }

    @Test
    void cpuTestsFromTheEnvironment() throws Exception {
        assertEquals(Path.of("/env/cpu"), Options.parse(List.of(), Path.of("/repo"), "/env/cpu", "x").cpuTests());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        for (String[] bad : new String[][]{
            {"--sessions", "0"}, {"--sessions", "33"}, {"--sessions", "many"}, {"--duration", "0"},
            {"--duration", "1801"}, {"--ramp", "-1"}, {"--mode", "fast"}, {"--workload", "doom"},
            {"--target", "ftp://x"}, {"--target", "not a url"}, {"--target"}, {"--chaos=yes"}, {"--frobnicate"},
            {"--out", ""}, {"--chaos-every", "1"}, {"--stall", "1"}, {"--stall", "3601"}, {"--stall"}}) {
            assertThrows(Options.UsageException.class, () -> parse(bad), String.join(" ", bad));
        }
    }

    @Test
    void badArgumentsExitTwoWithOneLineAndNoStackTrace() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(List.of("--sessions", "100"), new PrintStream(out), new PrintStream(err, true, StandardCharsets.UTF_8),
                new AtomicReference<>());
        assertEquals(2, code);
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals("error: --sessions must be 1 to 32, not 100\n", e);
    }

    @Test
    void helpExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.run(List.of("--help"), new PrintStream(out), System.err, new AtomicReference<>()));
        assertTrue(out.toString().contains("--sessions N"));
    }
}
