package dev.invaders.i8080.cli;

import dev.invaders.i8080.asm.AssemblyException;
import dev.invaders.i8080.asm.Assembler;
import dev.invaders.i8080.asm.Program;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code asm SOURCE -o OUT}: assembles an Intel 8080 source file and writes the binary image (from
 * its lowest to its highest assembled byte) to OUT. The source is read as ISO-8859-1, so every byte
 * in a string reaches the image unchanged.
 */
final class AsmCommand {
    static final String USAGE = "usage: java -jar i8080.jar asm SOURCE -o OUT";
    /** At most this many errors are printed, then how many more there are. */
    static final int MAX_ERRORS_SHOWN = 100;
    static final String HELP = USAGE + """

            Assembles Intel 8080 source (mnemonics, labels, EQU/SET, ORG, DB/DW/DS, strings, expressions)
            and writes the bytes from the lowest to the highest assembled address to OUT.
              -o, --output OUT   the binary to write
            Every error is printed as "error: SOURCE:LINE: what" on standard error (the first 100, then
            how many more), and nothing is written. Exit status: 0 assembled, 2 bad input or errors.
            """;

    private AsmCommand() {
    }

    static int run(List<String> args) {
        String source = null;
        String out = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-o") || arg.equals("--output")) {
                if (i + 1 >= args.size()) {
                    throw new CliException(arg + " needs a file name; " + USAGE);
                }
                out = args.get(++i);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new CliException("unknown option '" + arg + "' for asm; " + USAGE);
            } else if (source == null) {
                source = arg;
            } else {
                throw new CliException("asm takes one SOURCE file, not '" + source + "' and '" + arg + "'; " + USAGE);
            }
        }
        if (source == null) {
            throw new CliException("asm needs a SOURCE file; " + USAGE);
        }
        if (out == null) {
            throw new CliException("asm needs -o OUT for the binary; " + USAGE);
        }
        String text = new String(CliFiles.read(source), StandardCharsets.ISO_8859_1);
        Program program;
        try {
            program = Assembler.assemble(source, text);
        } catch (AssemblyException e) {
            System.out.flush();
            System.err.print(errorLines(e));
            System.err.flush();
            return 2;
        }
        CliFiles.write(out, program.bytes());
        return 0;
    }

    /**
     * One line {@code error: SOURCE:LINE: what} for each error, the first {@link #MAX_ERRORS_SHOWN}; then
     * {@code error: SOURCE: N more errors (M in all)} when there are more.
     */
    static String errorLines(AssemblyException e) {
        StringBuilder s = new StringBuilder();
        List<AssemblyException.Problem> errors = e.errors();
        for (int i = 0; i < errors.size() && i < MAX_ERRORS_SHOWN; i++) {
            AssemblyException.Problem p = errors.get(i);
            s.append("error: ").append(e.sourceName()).append(':').append(p.line()).append(": ").append(p.message())
                    .append(System.lineSeparator());
        }
        int more = errors.size() - MAX_ERRORS_SHOWN;
        if (more > 0) {
            s.append("error: ").append(e.sourceName()).append(": ").append(more).append(" more error")
                    .append(more == 1 ? "" : "s").append(" (").append(errors.size()).append(" in all)")
                    .append(System.lineSeparator());
        }
        return s.toString();
    }
}
