package dev.invaders.cpu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.invaders.machine.InputLog;
import dev.invaders.machine.InvadersMachine;
import dev.invaders.machine.Programs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The demo game, its scripted input, and the CP/M test programs (skipped, saying where, when absent). */
final class Fixtures {
    private Fixtures() {
    }

    static byte[] demoRom() {
        return Programs.demo().orElseThrow();
    }

    static String demoInput() {
        Path p = Path.of("../machine/examples/demo-game.input");
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The state hash of {@link InvadersMachine} with its own CPU after this many frames of the demo game. */
    static String directHash(long frames) {
        InvadersMachine m = InvadersMachine.create(demoRom(), dev.invaders.machine.DipSwitches.DEFAULT);
        m.setInputLog(InputLog.parse(demoInput()));
        m.runFrames(frames);
        return m.stateHash();
    }

    static Path cpuTests() {
        String dir = System.getProperty("invaders.cpuTests");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("INVADERS_CPU_TESTS");
        }
        if (dir == null || dir.isBlank()) {
            dir = "../../../shared/roms/cpu-tests";
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    static byte[] program(String name) {
        return read(cpuTests().resolve(name + ".COM"));
    }

    static String expected(String name) {
        return new String(read(cpuTests().resolve("expected").resolve(name + ".txt")),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] read(Path file) {
        assumeTrue(Files.isRegularFile(file), () -> "skipped: " + file + " not found. Put TST8080.COM and 8080PRE.COM"
                + " with expected/*.txt there, or name their folder with -Dinvaders.cpuTests=DIR or INVADERS_CPU_TESTS=DIR");
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
