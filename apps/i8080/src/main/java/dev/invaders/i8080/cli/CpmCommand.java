package dev.invaders.i8080.cli;

import dev.invaders.i8080.Cpu;
import dev.invaders.i8080.cpm.CpmException;
import dev.invaders.i8080.cpm.CpmMachine;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code cpm FILE.COM [--max-instructions N]}: runs a CP/M program. Standard output carries exactly the
 * bytes it prints; the last line on standard error is the run's summary.
 */
final class CpmCommand {
    static final String USAGE = "usage: java -jar i8080.jar cpm FILE.COM [--max-instructions N]";
    static final String HELP = USAGE + """

            Runs a CP/M program, loaded at 0100h, on the 8080 core: BDOS functions 0 (end), 2 and 9 (print),
            and a jump to 0000h ends the run. Standard output gets exactly the bytes the program prints;
            the last line on standard error is instructions=<n> cycles=<n> seconds=<s> mhz=<MHz>.
              --max-instructions N   stop after N instructions (0, the default: no limit)
            Exit status: 0 the program ended, 1 it halted or reached the limit, 2 bad input.
            """;
    private CpmCommand() {
    }

    static int run(List<String> args) {
        String file = null;
        long maxInstructions = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--max-instructions")) {
                if (i + 1 >= args.size()) {
                    throw new CliException("--max-instructions needs a number");
                }
                maxInstructions = parseCount(args.get(++i));
            } else if (arg.startsWith("-")) {
                throw new CliException("unknown option '" + arg + "' for cpm; " + USAGE);
            } else if (file == null) {
                file = arg;
            } else {
                throw new CliException("cpm takes one program, got '" + file + "' and '" + arg + "'");
            }
        }
        if (file == null) {
            throw new CliException("cpm needs a program; " + USAGE);
        }
        byte[] program = readProgram(Path.of(file));
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        CpmMachine machine;
        try {
            machine = new CpmMachine(program, out);
        } catch (CpmException e) {
            throw new CliException(file + ": " + e.getMessage());
        }
        long start = System.nanoTime();
        CpmMachine.Stop stop;
        try {
            stop = machine.run(maxInstructions);
        } catch (CpmException e) {
            flush(out);
            throw new CliException(e.getMessage());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        flush(out);
        Cpu cpu = machine.cpu();
        int status = 0;
        if (stop == CpmMachine.Stop.HALTED) {
            System.err.printf("program halted at %04Xh (nothing in CP/M raises an interrupt)%n", (cpu.pc() - 1) & 0xFFFF);
            status = 1;
        } else if (stop == CpmMachine.Stop.LIMIT) {
            System.err.printf("stopped after %d instructions (--max-instructions)%n", cpu.instructions());
            status = 1;
        }
        System.err.println(summary(cpu.instructions(), cpu.cycles(), seconds));
        return status;
    }

    static String summary(long instructions, long cycles, double seconds) {
        double mhz = seconds > 0 ? cycles / seconds / 1e6 : 0;
        return String.format(Locale.ROOT, "instructions=%d cycles=%d seconds=%.3f mhz=%.1f",
                instructions, cycles, seconds, mhz);
    }

    private static byte[] readProgram(Path path) {
        if (!Files.exists(path)) {
            throw new CliException("no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new CliException("not a file: " + path);
        }
        try {
            long size = Files.size(path);
            if (size > CpmMachine.MAX_PROGRAM_SIZE) {
                throw new CliException(path + " is " + size + " bytes; a CP/M program fits in "
                        + CpmMachine.MAX_PROGRAM_SIZE + " bytes (0x0100-0xFFFF)");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new CliException("cannot read " + path + ": " + Main.describe(e));
        }
    }

    private static long parseCount(String text) {
        try {
            long n = Long.parseLong(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CliException("--max-instructions takes a whole number of at least 0, not '" + text + "'");
        }
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
