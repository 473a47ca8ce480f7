package dev.invaders.machine.cli;

import dev.invaders.machine.InputLog;
import dev.invaders.machine.RomException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code invaders.jar} command line.
 * <pre>
 * run [--demo | --rom PATH [--rom PATH ...]] --frames N [--png FILE] [--input FILE] [--dip SPEC] [--overlay]
 * bench [--rom PATH ...] [--frames N] [--warmup N] [--repeat N]
 * stream-bench [--rom PATH ...] [--frames N] [--input FILE]
 * </pre>
 * Bad input prints one line {@code error: ...} on standard error and exits with status 2.
 */
public final class Main {
    static final String USAGE = "usage: java -jar invaders.jar run [--demo | --rom PATH] --frames N [--png FILE]"
            + " [--input FILE] [--dip lives=3,bonus=1500,coinInfo=on] [--overlay]"
            + " | bench [--rom PATH] [--frames N] [--warmup N] [--repeat N]"
            + " | stream-bench [--rom PATH] [--frames 3600] [--input FILE]";

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.exit(status);
    }

    /** Runs a command and returns its exit status (0 ok, 2 bad input). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw new CliException(USAGE);
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            return switch (args[0]) {
                case "run" -> RunCommand.run(rest, out, err);
                case "bench" -> BenchCommand.run(rest, out, err);
                case "stream-bench" -> StreamBenchCommand.run(rest, out, err);
                case "-h", "--help", "help" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new CliException("unknown command '" + args[0] + "'; " + USAGE);
            };
        } catch (CliException | RomException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    /** A whole number in [min, max] given to an option. */
    static long parseCount(String option, String text, long min, long max) {
        long v;
        try {
            v = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new CliException(option + " takes a whole number, not '" + text + "'");
        }
        if (v < min || v > max) {
            throw new CliException(option + " must be between " + min + " and " + max + ", not " + v);
        }
        return v;
    }

    /** The value after an option, or a clear error when it is missing. */
    static String value(List<String> args, int i) {
        if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
            throw new CliException(args.get(i) + " needs a value");
        }
        return args.get(i + 1);
    }

    /** The input log of {@code --input} (empty without one), or a clear error naming the file. */
    static InputLog inputLog(Path input) {
        if (input == null) {
            return InputLog.empty();
        }
        try {
            return InputLog.read(input);
        } catch (NoSuchFileException e) {
            throw new CliException("--input: no such file: " + input);
        } catch (IOException e) {
            throw new CliException("--input: cannot read " + input + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(input + ": " + e.getMessage());
        }
    }
}
