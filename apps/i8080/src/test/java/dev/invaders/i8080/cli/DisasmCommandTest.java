package dev.invaders.i8080.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisasmCommandTest {
    @TempDir
    Path dir;

    private static final byte[] CODE = {0x3E, 0x05, (byte) 0xC3, 0x00, 0x01, (byte) 0xCB};

    private Path file(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, CODE);
        return p;
    }

    private static void assertBadInput(CliRun run, String message) {
        assertEquals(2, run.status(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("error: "), run.err());
        assertTrue(run.err().contains(message), () -> "'" + run.err() + "' should contain '" + message + "'");
    }

    @Test
    void comFileStartsAt100h() throws IOException {
        CliRun run = CliRun.of("disasm", file("GAME.Com").toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("""
                0100  3E 05     MVI A,05H
                0102  C3 00 01  JMP 0100H
                0105  CB        DB 0CBH
                """, run.out());
        assertEquals("", run.err());
    }

    @Test
    void otherFilesStartAtZero() throws IOException {
        CliRun run = CliRun.of("disasm", file("rom.bin").toString());
        assertEquals(0, run.status());
        assertTrue(run.out().startsWith("0000  3E 05     MVI A,05H\n0002  C3 00 01  JMP 0100H\n"), run.out());
    }

    @Test
    void orgOptionInAnyNumberStyle() throws IOException {
        String f = file("x.com").toString();
        assertTrue(CliRun.of("disasm", f, "--org", "0x2000").out().startsWith("2000  3E 05"));
        assertTrue(CliRun.of("disasm", "--org", "1800h", f).out().startsWith("1800  3E 05"));
        assertTrue(CliRun.of("disasm", f, "--org=16").out().startsWith("0010  3E 05"));
    }

    @Test
    void emptyFilePrintsNothing() throws IOException {
        Path p = dir.resolve("empty.bin");
        Files.write(p, new byte[0]);
        CliRun run = CliRun.of("disasm", p.toString());
        assertEquals(0, run.status());
        assertEquals("", run.out());
    }

    @Test
    void badOrg() throws IOException {
        String f = file("x.bin").toString();
        assertBadInput(CliRun.of("disasm", f, "--org", "zz"), "--org takes a number");
        assertBadInput(CliRun.of("disasm", f, "--org", "0x10000"), "--org must be an address");
        assertBadInput(CliRun.of("disasm", f, "--org"), "--org needs an address");
        assertBadInput(CliRun.of("disasm", f, "--org", "0xFFFE"), "too many to fit");
    }

    @Test
    void missingFile() {
        assertBadInput(CliRun.of("disasm", dir.resolve("gone.com").toString()), "no such file");
    }

    @Test
    void noFileUnknownOptionOrTwoFiles() throws IOException {
        assertBadInput(CliRun.of("disasm"), "needs a FILE");
        assertBadInput(CliRun.of("disasm", file("a.bin").toString(), "-v"), "unknown option '-v'");
        assertBadInput(CliRun.of("disasm", "a.bin", "b.bin"), "one FILE");
    }

    @Test
    void directoryIsNotAFile() {
        CliRun run = CliRun.of("disasm", dir.toString());
        assertEquals(2, run.status());
        assertTrue(run.err().startsWith("error: cannot read"), run.err());
    }
}
