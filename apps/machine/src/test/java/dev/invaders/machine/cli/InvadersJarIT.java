package dev.invaders.machine.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code java -jar invaders.jar} commands on the built, shaded {@code target/invaders.jar}: under
 * Java 17 (the launcher runs them on a JDK 25 it finds; skipped when there is no Java 17 at {@link #JAVA_17})
 * and under this JDK. The headless command must write exactly {@code docs/demo.png}.
 */
class InvadersJarIT {
    static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    static final Path JAR = Path.of("target/invaders.jar").toAbsolutePath();
    static final Path THIS_JDK = Path.of(System.getProperty("java.home"));
    static final Path MODULE = Path.of("").toAbsolutePath();

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    /** Runs java -jar invaders.jar args in the module folder with env changes (null removes); at most 300 s. */
    Run run(Path java, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(MODULE.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("INVADERS_ROM");
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        try {
            assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished within 300 s: " + command);
        } finally {
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    static void assumeJava17() {
        assumeTrue(Files.isExecutable(JAVA_17), "no Java 17 at " + JAVA_17 + ": the jar is not tried under an old"
                + " default java; install one (Debian: apt-get install openjdk-17-jre-headless) to run these tests");
    }

    /** A new user's environment: no JAVA_HOME; the search finds this build's JDK. */
    static Map<String, String> noJavaHome() {
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", null);
        env.put("INVADERS_JDK_DIRS", "/nonexistent/* " + THIS_JDK);
        return env;
    }

    @Test
    void theReadmeHeadlessCommandUnderJava17WritesTheReadmePicture() throws Exception {
        assumeJava17();
        assertTrue(Files.isRegularFile(JAR), JAR + " is built before the integration tests");
        Path png = dir.resolve("frame.png");
        Run r = run(JAVA_17, noJavaHome(), "run", "--demo", "--frames", "650", "--input", "examples/demo-game.input",
                "--overlay", "--png", png.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().startsWith("frames=650 cycles="), r.err());
        assertArrayEquals(Files.readAllBytes(MODULE.resolve("../../docs/demo.png")), Files.readAllBytes(png),
                "docs/demo.png is what the README's command writes");
    }

    @Test
    void benchAndHelpUnderJava17() throws Exception {
        assumeJava17();
        Run bench = run(JAVA_17, noJavaHome(), "bench", "--frames", "100", "--warmup", "0", "--repeat", "1");
        assertEquals(0, bench.status(), bench.err());
        assertTrue(bench.out().contains("bench rom=demo frames=100 ") && bench.out().contains("best: "), bench.out());
        Run help = run(JAVA_17, noJavaHome(), "run", "--help");
        assertEquals(0, help.status(), help.err());
        assertTrue(help.out().startsWith("usage: java -jar invaders.jar run "), help.out());
    }

    @Test
    void noJdk25FoundUnderJava17IsOneLineAndExit2() throws Exception {
        assumeJava17();
        Run r = run(JAVA_17, Map.of("JAVA_HOME", "/nonexistent", "INVADERS_JDK_DIRS", "/nonexistent"), "run",
                "--frames", "1");
        assertEquals(2, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: invaders.jar needs Java 25 or newer; this is Java 17 ("), r.err());
        assertTrue(r.err().strip().endsWith("; install one or set JAVA_HOME to it"), r.err());
    }

    @Test
    void theReadmeHeadlessCommandUnderThisJdk() throws Exception {
        Path png = dir.resolve("frame.png");
        Run r = run(THIS_JDK.resolve("bin/java"), Map.of("JAVA_HOME", "/nonexistent", "INVADERS_JDK_DIRS", "/nonexistent"),
                "run", "--demo", "--frames", "650", "--input", "examples/demo-game.input", "--overlay", "--png",
                png.toString());
        assertEquals(0, r.status(), r.err());
        assertArrayEquals(Files.readAllBytes(MODULE.resolve("../../docs/demo.png")), Files.readAllBytes(png));
    }
}
