package dev.invaders.i8080.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.i8080.asm.Assembler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code cpm FILE.COM [--max-instructions N]}. Instruction and cycle counts are worked out by hand and
 * include the machine's stubs: BDOS at 0005h is OUT 01h (10 cycles) then RET (10); warm boot at 0000h is
 * OUT 00h (10).
 */
class CpmCommandTest {
    private static final Pattern SUMMARY =
            Pattern.compile("instructions=(\\d+) cycles=(\\d+) seconds=[0-9.]+ mhz=[0-9.]+");

    @TempDir
    Path dir;

    private Path com(String source) throws IOException {
        Path p = dir.resolve("prog.com");
        Files.write(p, Assembler.assemble(source).bytes());
        return p;
    }

    /** Exit status 2, nothing on standard output, exactly one "error: ..." line containing message. */
    private static void assertBadInput(CliRun run, String message) {
        assertEquals(2, run.status(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: "), run.err());
        assertTrue(run.err().contains(message), () -> "'" + run.err() + "' should contain '" + message + "'");
    }

    /** Asserts the line is a summary with these counts. */
    private static void assertSummary(String line, long instructions, long cycles) {
        Matcher m = SUMMARY.matcher(line);
        assertTrue(m.matches(), () -> "not a summary line: '" + line + "'");
        assertEquals(instructions, Long.parseLong(m.group(1)), "instructions");
        assertEquals(cycles, Long.parseLong(m.group(2)), "cycles");
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }

    /** The command run in a separate JVM, because it writes the program's output to file descriptor 1. */
    private record Process(int status, byte[] out, String err) {
    }

    private static Process runInNewJvm(String... args) throws IOException, InterruptedException, URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", classes, Main.class.getName()));
        command.addAll(List.of(args));
        java.lang.Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = readAll(p.getInputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command did not finish");
        return new Process(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void printsExactlyTheProgramsBytesThenTheSummaryOnStandardError() throws Exception {
        Path program = com("""
                 ORG 100H
                 MVI C,2
                 MVI E,'H'
                 CALL 5         ; 5 instructions, 7+7+17+10+10 = 51 cycles with the stub
                 MVI C,9
                 LXI D,MSG
                 CALL 5         ; 5 instructions, 7+10+17+10+10 = 54 cycles
                 MVI C,2
                 MVI E,0E9H
                 CALL 5         ; 5 instructions, 51 cycles: a byte that is not ASCII
                 JMP 0          ; JMP 10 + OUT 00h 10
                MSG: DB 'i!',0DH,0AH,'$'
                """);
        Process run = runInNewJvm("cpm", program.toString());

        assertEquals(0, run.status(), run.err());
        assertArrayEquals(new byte[] {'H', 'i', '!', '\r', '\n', (byte) 0xE9}, run.out(),
                "exactly the printed bytes, nothing else");
        assertEquals(1, run.err().lines().count(), run.err());
        assertSummary(lastLine(run.err()), 17, 51 + 54 + 51 + 20);
    }

    @Test
    void summaryCountsAQuietProgram() throws IOException {
        // MVI 7, JMP 10, then the warm-boot OUT 10
        CliRun run = CliRun.of("cpm", com(" ORG 100H\n MVI A,1\n JMP 0\n").toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertSummary(run.err().strip(), 3, 27);
    }

    @Test
    void bdosSystemResetEndsTheRun() throws IOException {
        // MVI C,0 7, CALL 5 17, OUT 01h 10: function 0 ends the run at once
        CliRun run = CliRun.of("cpm", com(" ORG 100H\n MVI C,0\n CALL 5\n HLT\n").toString());
        assertEquals(0, run.status(), run.err());
        assertSummary(lastLine(run.err()), 3, 34);
    }

    @Test
    void haltIsAFailureWithAMessageThenTheSummary() throws IOException {
        CliRun run = CliRun.of("cpm", com(" ORG 100H\n NOP\n HLT\n").toString());
        assertEquals(1, run.status(), run.err());
        assertEquals("", run.out());
        List<String> lines = run.err().lines().toList();
        assertEquals(2, lines.size(), run.err());
        assertTrue(lines.get(0).contains("halted at 0101h"), lines.get(0));
        assertSummary(lines.get(1), 2, 4 + 7);
    }

    @Test
    void instructionLimitIsAFailureWithAMessageThenTheSummary() throws IOException {
        CliRun run = CliRun.of("cpm", com(" ORG 100H\nLOOP: JMP LOOP\n").toString(), "--max-instructions", "5");
        assertEquals(1, run.status(), run.err());
        List<String> lines = run.err().lines().toList();
        assertEquals(2, lines.size(), run.err());
        assertTrue(lines.get(0).contains("stopped after 5 instructions"), lines.get(0));
        assertSummary(lines.get(1), 5, 50);
    }

    @Test
    void optionMayComeBeforeTheProgramAndZeroMeansNoLimit() throws IOException {
        CliRun run = CliRun.of("cpm", "--max-instructions", "0", com(" ORG 100H\n MVI A,1\n JMP 0\n").toString());
        assertEquals(0, run.status(), run.err());
        assertSummary(lastLine(run.err()), 3, 27);
    }

    @Test
    void aProgramOfExactly65280BytesIsAccepted() throws IOException {
        Path p = dir.resolve("full.com");
        Files.write(p, new byte[65_280]);
        // 65,280 NOPs fill 0100h-FFFFh; PC wraps to 0000h, where the warm-boot OUT 00h ends the run.
        CliRun run = CliRun.of("cpm", p.toString());
        assertEquals(0, run.status(), run.err());
        assertSummary(lastLine(run.err()), 65_281, 65_280L * 4 + 10);
    }

    @Test
    void aProgramOver65280BytesIsRejected() throws IOException {
        Path p = dir.resolve("big.com");
        Files.write(p, new byte[65_281]);
        assertBadInput(CliRun.of("cpm", p.toString()), "65281 bytes");
    }

    @Test
    void noSuchFile() {
        assertBadInput(CliRun.of("cpm", dir.resolve("nope.com").toString()), "no such file");
    }

    @Test
    void aDirectoryIsNotAProgram() {
        assertBadInput(CliRun.of("cpm", dir.toString()), "not a file");
    }

    @Test
    void unknownOption() throws IOException {
        assertBadInput(CliRun.of("cpm", com(" ORG 100H\n JMP 0\n").toString(), "--fast"), "unknown option '--fast'");
    }

    @Test
    void missingProgram() {
        assertBadInput(CliRun.of("cpm"), "cpm needs a program");
    }

    @Test
    void twoPrograms() throws IOException {
        String p = com(" ORG 100H\n JMP 0\n").toString();
        assertBadInput(CliRun.of("cpm", p, p), "one program");
    }

    @Test
    void unsupportedBdosFunction() throws IOException {
        CliRun run = CliRun.of("cpm", com(" ORG 100H\n MVI C,0AH\n CALL 5\n JMP 0\n").toString());
        assertBadInput(run, "unsupported BDOS function 10");
        assertTrue(run.err().contains("0102h"), "names the CALL's address: " + run.err());
    }

    @ParameterizedTest(name = "--max-instructions {0}")
    @ValueSource(strings = {"abc", "-1", "1.5", "", "0x10"})
    void badInstructionLimit(String value) throws IOException {
        assertBadInput(CliRun.of("cpm", com(" ORG 100H\n JMP 0\n").toString(), "--max-instructions", value),
                "--max-instructions");
    }

    @Test
    void instructionLimitWithoutANumber() throws IOException {
        assertBadInput(CliRun.of("cpm", com(" ORG 100H\n JMP 0\n").toString(), "--max-instructions"),
                "--max-instructions needs a number");
    }
}
