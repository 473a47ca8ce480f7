package dev.invaders.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built {@code target/i8080.jar} as the README does, {@code java -jar i8080.jar ...}: under Java 17
 * (the launcher finds this build's JDK and runs the command there), under this JDK (no second JVM), and
 * under Java 17 with no JDK 25 to be found (one line, exit 2). The Java 17 tests are skipped when there
 * is no Java 17 at {@link #JAVA_17}.
 */
class LauncherIT {
    static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
    static final Path JAR = Path.of("target/i8080.jar").toAbsolutePath();
    static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    @TempDir
    Path dir;

    record Run(int status, String out, String err) {
    }

    /** Runs command with env changes (a null value removes the variable); at most 120 seconds. */
    static Run run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        try {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished within 120 s: " + List.of(command));
        } finally {
            p.destroyForcibly();
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    static String[] javaJar(Path java, String... args) {
        List<String> c = new ArrayList<>(List.of(java.toString()));
        c.addAll(List.of(args));
        return c.toArray(String[]::new);
    }

    static void assumeJava17() {
        assumeTrue(Files.isExecutable(JAVA_17), "no Java 17 at " + JAVA_17 + ": the jar is not tried under an old"
                + " default java; install one (Debian: apt-get install openjdk-17-jre-headless) to run these tests");
    }

    /** The environment of a new user: no JAVA_HOME; the JDK search finds this build's JDK. */
    static Map<String, String> noJavaHome() {
        return new java.util.HashMap<>(Map.of("INVADERS_JDK_DIRS", "/nonexistent/* " + THIS_JDK));
    }

    private Path helloSource() throws IOException {
        return Files.writeString(dir.resolve("hello.asm"), """
                        ORG 100H
                        MVI C,9
                        LXI D,MSG
                        CALL 5
                        JMP 0
                MSG:    DB 'HELLO, 8080$'
                """);
    }

    @Test
    void asmThenCpmUnderJava17() throws Exception {
        assumeJava17();
        assertTrue(Files.isRegularFile(JAR), JAR + " is built before the integration tests");
        Map<String, String> env = noJavaHome();
        env.put("JAVA_HOME", null);
        Run asm = run(dir, env, javaJar(JAVA_17, "-jar", JAR.toString(), "asm", helloSource().toString(), "-o",
                "hello.com"));
        assertEquals(0, asm.status(), asm.err());
        assertEquals("", asm.err());
        Run cpm = run(dir, env, javaJar(JAVA_17, "-jar", JAR.toString(), "cpm", "hello.com"));
        assertEquals(0, cpm.status(), cpm.err());
        assertEquals("HELLO, 8080", cpm.out());
        assertTrue(cpm.err().startsWith("instructions=7 cycles="), cpm.err());
    }

    @Test
    void disasmUnderJava17WithJavaHomeSet() throws Exception {
        assumeJava17();
        Files.write(dir.resolve("prog.com"), new byte[] {0x3E, 0x42, 0x76});
        Run r = run(dir, Map.of("JAVA_HOME", THIS_JDK.toString(), "INVADERS_JDK_DIRS", "/nonexistent"),
                javaJar(JAVA_17, "-jar", JAR.toString(), "disasm", "prog.com"));
        assertEquals(0, r.status(), r.err());
        assertEquals("0100  3E 42     MVI A,42H\n0102  76        HLT\n", r.out());
    }

    @Test
    void badInputUnderJava17StillGivesOneLineAndExit2() throws Exception {
        assumeJava17();
        Run r = run(dir, noJavaHome(), javaJar(JAVA_17, "-jar", JAR.toString(), "cpm", "missing.com"));
        assertEquals(2, r.status(), r.err());
        assertEquals("error: no such file: missing.com\n", r.err());
    }

    @Test
    void jvmOptionsReachTheJavaThatRunsTheCommand() throws Exception {
        assumeJava17();
        Run r = run(dir, noJavaHome(), javaJar(JAVA_17, "-verbose:class", "-jar", JAR.toString(), "--help"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("dev.invaders.i8080.cli.Main ")),
                "the second JVM got -verbose:class and loaded the real main");
        assertTrue(r.out().lines().anyMatch(l -> l.contains("java.lang.ProcessImpl ")), "Java 17 started a process");
    }

    @Test
    void noJdk25FoundIsOneLineAndExit2() throws Exception {
        assumeJava17();
        Run r = run(dir, Map.of("JAVA_HOME", "/nonexistent", "INVADERS_JDK_DIRS", "/nonexistent/*"),
                javaJar(JAVA_17, "-jar", JAR.toString(), "cpm", "X.COM"));
        assertEquals(2, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: i8080.jar needs Java 25 or newer; this is Java 17 ("), r.err());
        assertTrue(r.err().contains("JAVA_HOME=/nonexistent is not a JDK; none in /nonexistent/*"), r.err());
        assertTrue(r.err().strip().endsWith("install one or set JAVA_HOME to it"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void onJava25TheRealMainRunsInTheSameJvm() throws Exception {
        Path java = THIS_JDK.resolve("bin/java");
        Run r = run(dir, Map.of("JAVA_HOME", "/nonexistent", "INVADERS_JDK_DIRS", "/nonexistent"),
                javaJar(java, "-verbose:class", "-jar", JAR.toString(), "--help"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("usage: java -jar i8080.jar"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.contains("dev.invaders.i8080.cli.Main ")), "ran the real main");
        assertFalse(r.out().lines().anyMatch(l -> l.contains("java.lang.ProcessImpl ")), "started no process");
    }
}
