package dev.invaders.i8080.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code i8080.jar} command line: {@code cpm FILE.COM}, {@code asm SOURCE -o OUT},
 * {@code disasm FILE [--org ADDR]}. Bad input prints one line on standard error and exits with 2.
 */
public final class Main {
    /** One line, for error messages. */
    static final String USAGE = "usage: java -jar i8080.jar cpm|asm|disasm ARGS (--help for details)";
    /** What {@code --help} prints (every line under 100 columns). */
    static final String HELP = """
            usage: java -jar i8080.jar COMMAND [ARGS]
              cpm FILE.COM [--max-instructions N]   run a CP/M program (TST8080, 8080EXM, ...)
              asm SOURCE -o OUT                     assemble Intel 8080 source into a binary
              disasm FILE [--org ADDR]              list a binary (origin 0100h for .COM, else 0)
            java -jar i8080.jar COMMAND --help prints a command's usage. Bad input: one line
            "error: ..." on standard error and exit status 2.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit status (0 ok, 1 the program failed, 2 bad input). */
    public static int run(String[] args) {
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
                System.out.print(help);
                System.out.flush();
                return 0;
            }
            if (help(args[0]) != null && rest.stream().anyMatch(Main::isHelp)) {
                System.out.print(help(args[0]));
                System.out.flush();
                return 0;
            }
            return switch (args[0]) {
                case "cpm" -> CpmCommand.run(rest);
                case "asm" -> AsmCommand.run(rest);
                case "disasm" -> DisasmCommand.run(rest);
                default -> throw new CliException("unknown command '" + args[0] + "'; " + USAGE);
            };
        } catch (CliException e) {
            System.out.flush();
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (UncheckedIOException e) {
            System.out.flush();
            System.err.println("error: " + describe(e.getCause()));
            return 2;
        }
    }

    static boolean isHelp(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    /** A command's usage for {@code --help}, or null when there is no such command. */
    static String help(String command) {
        return switch (command) {
            case "cpm" -> CpmCommand.HELP;
            case "asm" -> AsmCommand.HELP;
            case "disasm" -> DisasmCommand.HELP;
            default -> null;
        };
    }

    /** One line for an I/O failure, naming the file where the JDK says which. */
    static String describe(IOException e) {
        String name = e.getClass().getSimpleName();
        return switch (name) {
            case "NoSuchFileException" -> "no such file: " + e.getMessage();
            case "AccessDeniedException" -> "permission denied: " + e.getMessage();
            case "DirectoryNotEmptyException", "FileAlreadyExistsException" -> name + ": " + e.getMessage();
            default -> e.getMessage() == null ? name : e.getMessage();
        };
    }

    /** Parses a number written as decimal, 0x1234, 1234h or $1234. */
    static int parseNumber(String option, String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        int radix = 10;
        if (t.startsWith("0x")) {
            t = t.substring(2);
            radix = 16;
        } else if (t.startsWith("$")) {
            t = t.substring(1);
            radix = 16;
        } else if (t.endsWith("h")) {
            t = t.substring(0, t.length() - 1);
            radix = 16;
        }
        try {
            return Integer.parseInt(t, radix);
        } catch (NumberFormatException e) {
            throw new CliException(option + " takes a number (decimal, 0x1234 or 1234h), not '" + text + "'");
        }
    }
}
