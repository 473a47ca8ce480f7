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
    static final String USAGE = "usage: asm SOURCE -o OUT";

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
            int more = e.errors().size() - 1;
            throw new CliException(e.getMessage() + (more == 0 ? "" : " (and " + more + " more error"
                    + (more == 1 ? "" : "s") + ")"));
        }
        CliFiles.write(out, program.bytes());
        return 0;
    }
}
