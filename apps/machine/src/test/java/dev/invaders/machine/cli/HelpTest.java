package dev.invaders.machine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} and {@code -h}: the usage on standard output, exit 0, every line under 100 columns. */
class HelpTest {
    private static void assertHelp(MainTest.Result r, String firstLine) {
        assertEquals(0, r.status(), r.err());
        assertEquals("", r.err());
        assertEquals(firstLine, r.out().lines().findFirst().orElse(""));
        assertTrue(r.out().lines().count() >= 5, r.out());
        r.out().lines().forEach(line -> assertTrue(line.length() < 100, "under 100 columns: '" + line + "'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h", "help"})
    void theCommandsUsage(String help) {
        MainTest.Result r = MainTest.run(help);
        assertHelp(r, "usage: java -jar invaders.jar COMMAND [OPTIONS]");
        for (String command : new String[] {"  run [--demo", "  bench [--rom", "  stream-bench [--rom"}) {
            assertTrue(r.out().contains(command), command + " in " + r.out());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "run, --help, usage: java -jar invaders.jar run [--demo | --rom PATH] --frames N [--png FILE]",
        "run, -h, usage: java -jar invaders.jar run [--demo | --rom PATH] --frames N [--png FILE]",
        "bench, --help, usage: java -jar invaders.jar bench [--rom PATH] [--frames 20000] [--warmup 5000] [--repeat 3]",
        "bench, -h, usage: java -jar invaders.jar bench [--rom PATH] [--frames 20000] [--warmup 5000] [--repeat 3]",
        "stream-bench, --help, usage: java -jar invaders.jar stream-bench [--rom PATH] [--frames 3600] [--input FILE]",
        "stream-bench, -h, usage: java -jar invaders.jar stream-bench [--rom PATH] [--frames 3600] [--input FILE]",
    })
    void eachSubcommandsUsage(String command, String help, String usage) {
        assertHelp(MainTest.run(command, help), usage);
        assertHelp(MainTest.run(command, "--frames", "5", help), usage);
        assertHelp(MainTest.run("help", command), usage);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "bench", "stream-bench"})
    void anUnknownOptionIsOneLineNamingTheHelp(String command) {
        MainTest.Result r = MainTest.run(command, "--bogus");
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("see java -jar invaders.jar " + command + " --help"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fly", "help"})
    void anUnknownCommandIsOneLine(String first) {
        MainTest.Result r = first.equals("help") ? MainTest.run("help", "fly") : MainTest.run("fly", "--help");
        assertEquals(2, r.status());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: unknown command 'fly'; " + Main.USAGE), r.err());
    }
}
