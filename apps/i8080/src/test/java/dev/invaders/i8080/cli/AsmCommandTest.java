package dev.invaders.i8080.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void assemblyErrorNamesFileAndLine() throws IOException {
        Path src = source("NOP\nNOP\nMVI A,300\nFOO\n");
        Path out = dir.resolve("o.bin");
        CliRun run = CliRun.of("asm", src.toString(), "-o", out.toString());
        assertBadInput(run, src + ":3: value 300 does not fit in a byte");
        assertTrue(run.err().contains("(and 1 more error)"), run.err());
        assertFalse(Files.exists(out));
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
