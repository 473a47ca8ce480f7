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
    static final String USAGE = "usage: java -jar i8080.jar (cpm FILE.COM [--max-instructions N]"
            + " | asm SOURCE -o OUT | disasm FILE [--org ADDR])";

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
            return switch (args[0]) {
                case "cpm" -> CpmCommand.run(rest);
                case "asm" -> AsmCommand.run(rest);
                case "disasm" -> DisasmCommand.run(rest);
                case "-h", "--help", "help" -> {
                    System.out.println(USAGE);
                    yield 0;
                }
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
