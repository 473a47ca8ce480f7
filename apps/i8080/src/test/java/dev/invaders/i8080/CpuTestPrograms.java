package dev.invaders.i8080;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the third-party CP/M test programs (never copied into this repository). The folder is the
 * system property {@code invaders.cpuTests}, else the environment variable {@code INVADERS_CPU_TESTS},
 * else {@code ../shared/roms/cpu-tests} beside the checkout (under Maven the environment variable, when
 * set, becomes the property, and {@code -Dinvaders.cpuTests} wins over both). Tests skip, saying where to
 * put the files, when it is absent.
 */
public final class CpuTestPrograms {
    private CpuTestPrograms() {
    }

    public static Path directory() {
        String dir = System.getProperty("invaders.cpuTests");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("INVADERS_CPU_TESTS");
        }
        if (dir == null || dir.isBlank()) {
            dir = "../../../shared/roms/cpu-tests";
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** The program's bytes; skips the calling test when the folder or file is missing. */
    public static byte[] program(String name) {
        return read(directory().resolve(name + ".COM"));
    }

    /** The exact bytes a passing run prints. */
    public static byte[] expectedOutput(String name) {
        return read(directory().resolve("expected").resolve(name + ".txt"));
    }

    private static byte[] read(Path file) {
        Path dir = directory();
        assumeTrue(Files.isDirectory(dir), () -> "no CPU test programs: " + dir + " does not exist. Put TST8080.COM,"
                + " 8080PRE.COM and 8080EXM.COM with expected/*.txt there, or name their folder with"
                + " INVADERS_CPU_TESTS=/absolute/dir or -Dinvaders.cpuTests=/absolute/dir");
        assumeTrue(Files.isRegularFile(file), () -> "no " + dir.relativize(file) + " in " + dir + ": put it there"
                + " (TST8080.COM, 8080PRE.COM and 8080EXM.COM with expected/*.txt), or name another folder with"
                + " INVADERS_CPU_TESTS=/absolute/dir or -Dinvaders.cpuTests=/absolute/dir");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
