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
    /** One line, for error messages. */
    static final String USAGE = "usage: java -jar invaders.jar run|bench|stream-bench OPTIONS (--help for details)";
    /** What {@code --help} prints (every line under 100 columns). */
    static final String HELP = """
            usage: java -jar invaders.jar COMMAND [OPTIONS]
              run [--demo | --rom PATH] --frames N [--png FILE] [--input FILE] [--dip SPEC] [--overlay]
                  run the game headless for N frames, optionally write the last frame as PNG
              bench [--rom PATH] [--frames 20000] [--warmup 5000] [--repeat 3]
                  frames per second and emulated MHz
              stream-bench [--rom PATH] [--frames 3600] [--input FILE]
                  the size of the frames stream when every frame is sent
            java -jar invaders.jar COMMAND --help prints a command's options. The ROM is yours (MAME's
            invaders.zip, a folder with invaders.h/.g/.f/.e, or one 8 KiB image); without one: the demo
            game. Bad input: one line "error: ..." on standard error and exit status 2.
            """;

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
            if (isHelp(args[0]) || args[0].equals("help")) {
                String help = rest.isEmpty() ? HELP : help(rest.getFirst());
                if (help == null) {
                    throw new CliException("unknown command '" + rest.getFirst() + "'; " + USAGE);
                }
                out.print(help);
                out.flush();
                return 0;
            }
            if (help(args[0]) != null && rest.stream().anyMatch(Main::isHelp)) {
                out.print(help(args[0]));
                out.flush();
                return 0;
            }
            return switch (args[0]) {
                case "run" -> RunCommand.run(rest, out, err);
                case "bench" -> BenchCommand.run(rest, out, err);
                case "stream-bench" -> StreamBenchCommand.run(rest, out, err);
                default -> throw new CliException("unknown command '" + args[0] + "'; " + USAGE);
            };
        } catch (CliException | RomException e) {
            out.flush();
            err.println("error: " + e.getMessage());
            return 2;
        }
    }

    static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    /** A command's usage for {@code --help}, or null when there is no such command. */
    static String help(String command) {
        return switch (command) {
            case "run" -> RunCommand.HELP;
            case "bench" -> BenchCommand.HELP;
            case "stream-bench" -> StreamBenchCommand.HELP;
            default -> null;
        };
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
