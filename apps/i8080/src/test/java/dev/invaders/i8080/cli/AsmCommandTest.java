package dev.invaders.i8080.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsmCommandTest {
    @TempDir
    Path dir;

    private Path source(String text) throws IOException {
        Path p = dir.resolve("prog.asm");
        Files.writeString(p, text, StandardCharsets.ISO_8859_1);
        return p;
    }

    /** Exit status 2 and exactly one "error: ..." line on standard error, containing message. */
    private static void assertBadInput(CliRun run, String message) {
        assertEquals(2, run.status(), run.err());
        assertTrue(run.err().startsWith("error: "), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains(message), () -> "'" + run.err() + "' should contain '" + message + "'");
    }

    @Test
    void writesTheImage() throws IOException {
        Path src = source("ORG 100H\nSTART: MVI C,9\n LXI D,MSG\n CALL 5\n RET\nMSG: DB 'Hi$'\n");
        Path out = dir.resolve("prog.com");
        CliRun run = CliRun.of("asm", src.toString(), "-o", out.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        byte[] expected = {0x0E, 9, 0x11, 0x09, 0x01, (byte) 0xCD, 5, 0, (byte) 0xC9, 'H', 'i', '$'};
        assertArrayEquals(expected, Files.readAllBytes(out));
    }

    @Test
    void optionMayComeFirst() throws IOException {
        Path src = source("NOP\nHLT");
        Path out = dir.resolve("o.bin");
        assertEquals(0, CliRun.of("asm", "-o", out.toString(), src.toString()).status());
        assertArrayEquals(new byte[] {0, 0x76}, Files.readAllBytes(out));
    }

    @Test
    void everyAssemblyErrorNamesFileAndLine() throws IOException {
        Path src = source("NOP\nNOP\nMVI A,300\nFOO\nNOP\nJMP NOWHERE\n");
        Path out = dir.resolve("o.bin");
        CliRun run = CliRun.of("asm", src.toString(), "-o", out.toString());
        assertEquals(2, run.status(), run.err());
        assertEquals("", run.out());
        List<String> lines = run.err().lines().toList();
        assertEquals(3, lines.size(), run.err());
        assertEquals("error: " + src + ":3: value 300 does not fit in a byte (-128..255)", lines.get(0));
        assertTrue(lines.get(1).startsWith("error: " + src + ":4: "), lines.get(1));
        assertTrue(lines.get(1).contains("FOO"), lines.get(1));
        assertTrue(lines.get(2).startsWith("error: " + src + ":6: "), lines.get(2));
        assertTrue(lines.get(2).contains("NOWHERE"), lines.get(2));
        assertFalse(Files.exists(out));
    }

    @Test
    void atMostAHundredErrorsThenHowManyMore() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 150; i++) {
            text.append("MVI A,").append(255 + i).append('\n');
        }
        Path src = source(text.toString());
        CliRun run = CliRun.of("asm", src.toString(), "-o", dir.resolve("o.bin").toString());
        assertEquals(2, run.status());
        List<String> lines = run.err().lines().toList();
        assertEquals(AsmCommand.MAX_ERRORS_SHOWN + 1, lines.size());
        for (int i = 1; i <= AsmCommand.MAX_ERRORS_SHOWN; i++) {
            assertEquals("error: " + src + ":" + i + ": value " + (255 + i) + " does not fit in a byte (-128..255)", lines.get(i - 1));
        }
        assertEquals("error: " + src + ": 50 more errors (150 in all)", lines.getLast());
        CliRun one = CliRun.of("asm", source(text.substring(0, text.indexOf("MVI A,357"))).toString(),
                "-o", dir.resolve("o.bin").toString());
        assertEquals("error: " + src + ": 1 more error (101 in all)", one.err().lines().toList().getLast());
    }

    @Test
    void missingSourceFile() {
        assertBadInput(CliRun.of("asm", dir.resolve("nope.asm").toString(), "-o", dir.resolve("o").toString()),
                "no such file");
    }

    @Test
    void missingOutputOption() throws IOException {
        assertBadInput(CliRun.of("asm", source("NOP").toString()), "-o OUT");
    }

    @Test
    void outputOptionWithoutAFileName() throws IOException {
        assertBadInput(CliRun.of("asm", source("NOP").toString(), "-o"), "-o needs a file name");
    }

    @Test
    void unknownOption() throws IOException {
        assertBadInput(CliRun.of("asm", source("NOP").toString(), "-o", "x", "--fast"), "unknown option '--fast'");
    }

    @Test
    void noSource() {
        assertBadInput(CliRun.of("asm"), "SOURCE");
    }

    @Test
    void twoSources() throws IOException {
        assertBadInput(CliRun.of("asm", source("NOP").toString(), "other.asm", "-o", "x"), "one SOURCE");
    }

    @Test
    void unwritableOutput() throws IOException {
        Path out = dir.resolve("no/such/dir/o.bin");
        assertBadInput(CliRun.of("asm", source("NOP").toString(), "-o", out.toString()), "no such file");
    }
}
