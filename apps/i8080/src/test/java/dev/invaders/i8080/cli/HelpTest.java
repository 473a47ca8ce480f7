package dev.invaders.i8080.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} and {@code -h}: the usage on standard output, exit 0, every line under 100 columns. */
class HelpTest {
    private static void assertHelp(CliRun run, String firstLine) {
        assertEquals(0, run.status(), run.err());
        assertEquals("", run.err());
        assertEquals(firstLine, run.out().lines().findFirst().orElse(""));
        assertTrue(run.out().lines().count() >= 4, run.out());
        run.out().lines().forEach(line -> assertTrue(line.length() < 100, "under 100 columns: '" + line + "'"));
        assertTrue(run.out().endsWith(System.lineSeparator()) || run.out().endsWith("\n"), run.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void theCommandsUsage(String help) {
        CliRun run = CliRun.of(help);
        assertHelp(run, "usage: java -jar i8080.jar COMMAND [ARGS]");
        assertEquals(Main.HELP, run.out());
        for (String command : new String[] {"cpm FILE.COM", "asm SOURCE -o OUT", "disasm FILE"}) {
            assertTrue(run.out().contains(command), command + " in " + run.out());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "cpm, --help, usage: java -jar i8080.jar cpm FILE.COM [--max-instructions N]",
        "cpm, -h, usage: java -jar i8080.jar cpm FILE.COM [--max-instructions N]",
        "asm, --help, usage: java -jar i8080.jar asm SOURCE -o OUT",
        "asm, -h, usage: java -jar i8080.jar asm SOURCE -o OUT",
        "disasm, --help, usage: java -jar i8080.jar disasm FILE [--org ADDR]",
        "disasm, -h, usage: java -jar i8080.jar disasm FILE [--org ADDR]",
    })
    void eachSubcommandsUsage(String command, String help, String usage) {
        assertHelp(CliRun.of(command, help), usage);
        assertHelp(CliRun.of(command, "X.COM", help), usage);
        assertHelp(CliRun.of("help", command), usage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpm", "asm", "disasm"})
    void usageInAnErrorIsOneLine(String command) {
        CliRun run = CliRun.of(command, "--bogus");
        assertEquals(2, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("usage: java -jar i8080.jar " + command), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fly"})
    void noOrAnUnknownCommandIsOneLine(String command) {
        CliRun run = command.isEmpty() ? CliRun.of() : CliRun.of(command, "--help");
        assertEquals(2, run.status());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: "), run.err());
        assertTrue(run.err().contains(Main.USAGE), run.err());
        assertEquals(2, CliRun.of("help", "fly").status());
    }
}
