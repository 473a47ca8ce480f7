package dev.invaders.machine.cli;

import dev.invaders.machine.Programs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @TempDir
    Path dir;

    record Result(int status, String out, String err) {
        String lastErrLine() {
            String[] lines = err.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path busyRom() throws Exception {
        return Files.write(dir.resolve("busy.rom"), Programs.busyLoop());
    }

    private static void assertBadInput(Result r, String expected) {
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertTrue(r.err().contains(expected), "'" + expected + "' not in: " + r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void runWritesPngAndTheSummaryLine() throws Exception {
        Path png = dir.resolve("last.png");
        Path log = Files.writeString(dir.resolve("input.log"), "# test\n3 coin press\n");
        Result r = run("run", "--rom", busyRom().toString(), "--frames", "30", "--png", png.toString(),
                "--input", log.toString(), "--dip", "lives=5,bonus=1000", "--overlay");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().startsWith("warning: unknown ROM"), r.err());
        assertTrue(r.lastErrLine().matches(
                "frames=30 cycles=\\d+ seconds=\\d+\\.\\d{3} fps=\\d+\\.\\d mhz=\\d+\\.\\d\\d hash=[0-9a-f]{64}"),
                r.lastErrLine());
        long cycles = Long.parseLong(r.lastErrLine().replaceAll(".*cycles=(\\d+).*", "$1"));
        assertTrue(cycles >= 30L * 33_536 && cycles < 30L * 33_536 + 100, "cycles " + cycles);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(224, img.getWidth());
        assertEquals(256, img.getHeight());

        String hash = r.lastErrLine().replaceAll(".*hash=", "");
        Result again = run("run", "--rom", busyRom().toString(), "--frames", "30",
                "--input", log.toString(), "--dip", "lives=5,bonus=1000");
        assertEquals(hash, again.lastErrLine().replaceAll(".*hash=", ""), "deterministic");
    }

    @Test
    void benchPrintsFpsAndMhz() {
        Result r = run("bench", "--frames", "200", "--warmup", "10", "--repeat", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("fps=") && r.out().contains("mhz=") && r.out().contains("best: "), r.out());
    }

    @Test
    void theDemoIsTheDefaultProgram() {
        assertEquals(run("run", "--demo", "--frames", "30").lastErrLine().replaceAll(".*hash=", ""),
                run("run", "--frames", "30").lastErrLine().replaceAll(".*hash=", ""));
    }

    @Test
    void demoRunsWithoutAnUnknownRomWarning() {
        Result r = run("run", "--demo", "--frames", "120");
        assertEquals(0, r.status(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "only the summary line: " + r.err());
        assertTrue(r.lastErrLine().startsWith("frames=120 cycles="), r.lastErrLine());
        assertEquals(run("run", "--demo", "--frames", "120").lastErrLine().replaceAll(".*hash=", ""),
                r.lastErrLine().replaceAll(".*hash=", ""), "deterministic");
    }

    @Test
    void badInputIsOneLineAndStatus2() throws Exception {
        String rom = busyRom().toString();
        assertBadInput(run(), "usage:");
        assertBadInput(run("fly"), "unknown command 'fly'");
        assertBadInput(run("run", "--demo", "--rom", rom, "--frames", "10"), "--demo or --rom PATH, not both");
        assertBadInput(run("run", "--rom", rom), "run needs --frames N");
        assertBadInput(run("run", "--rom", rom, "--frames", "many"), "--frames takes a whole number, not 'many'");
        assertBadInput(run("run", "--rom", rom, "--frames", "0"), "--frames must be between 1 and");
        assertBadInput(run("run", "--rom", rom, "--frames"), "--frames needs a value");
        assertBadInput(run("run", "--rom", rom, "--frames", "5", "--speed", "2"), "unknown option '--speed'");
        assertBadInput(run("run", "--rom", dir.resolve("missing.zip").toString(), "--frames", "5"),
                "no such file or directory");
        assertBadInput(run("run", "--rom", Files.write(dir.resolve("odd.rom"), new byte[100]).toString(), "--frames", "5"),
                "100 bytes");
        assertBadInput(run("run", "--rom", Files.write(dir.resolve("bad.zip"), new byte[] {'P', 'K', 3, 4, 9}).toString(),
                "--frames", "5"), "bad.zip");
        assertBadInput(run("run", "--rom", rom, "--frames", "5", "--dip", "lives=9"), "--dip: lives must be 3, 4, 5 or 6");
        Path log = Files.writeString(dir.resolve("bad.log"), "1 coin down\n2 coin jump\n");
        assertBadInput(run("run", "--rom", rom, "--frames", "5", "--input", log.toString()), "bad.log: line 2:");
        assertBadInput(run("run", "--rom", rom, "--frames", "5", "--input", dir.resolve("none.log").toString()),
                "--input: no such file");
        assertBadInput(run("run", "--rom", rom, "--frames", "5", "--png", dir.resolve("no/such/dir/x.png").toString()),
                "--png: no such directory");
        assertBadInput(run("bench", "--repeat", "0"), "--repeat must be between 1 and 1000");
    }
    @Test
    void streamBenchPrintsTheStreamsSize() {
        Result r = run("stream-bench", "--frames", "300", "--input", "examples/demo-game.input");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("stream-bench rom=demo input=examples/demo-game.input frames=300"), r.out());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "FRAME messages: (\\d+) bytes in all.*\\n.*mean ([0-9.]+) bytes, max (\\d+) bytes.*\\n"
                        + ".*every frame sent: (\\d+) bytes/s").matcher(r.out());
        assertTrue(m.find(), r.out());
        long total = Long.parseLong(m.group(1));
        assertTrue(total >= 300 * 21, "at least a header, the fields and an empty delta a frame: " + total);
        assertEquals(total / 300.0, Double.parseDouble(m.group(2)), 0.05);
        assertTrue(Long.parseLong(m.group(3)) * 300 >= total, "max >= mean");
        assertEquals(total / 300.0 * 1_996_800 / 33_536, Double.parseDouble(m.group(4)), 1.0);
        assertBadInput(run("stream-bench", "--frames", "0"), "--frames");
        assertBadInput(run("stream-bench", "--input", "no-such.input"), "no such file");
    }
}
