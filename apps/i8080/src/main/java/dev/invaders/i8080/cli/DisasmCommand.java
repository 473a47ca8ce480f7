package dev.invaders.i8080.cli;

import dev.invaders.i8080.asm.Disassembler;
import java.util.List;
import java.util.Locale;

/**
 * {@code disasm FILE [--org ADDR]}: prints a listing of a binary file. The origin defaults to 0100H
 * for a {@code .COM} file (any case) and to 0 otherwise.
 */
final class DisasmCommand {
    static final String USAGE = "usage: java -jar i8080.jar disasm FILE [--org ADDR]";
    static final String HELP = USAGE + """

            Prints a listing of a binary: address, bytes and instruction, one line each, derived from
            the opcode table (the undocumented opcodes too).
              --org ADDR   the address of the first byte (decimal, 0x1234, 1234h or $1234);
                           default 0100h for a .COM file (CP/M loads programs there), else 0
            Exit status: 0 listed, 2 bad input.
            """;

    private DisasmCommand() {
    }

    static int run(List<String> args) {
        String file = null;
        String org = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--org")) {
                if (i + 1 >= args.size()) {
                    throw new CliException("--org needs an address; " + USAGE);
                }
                org = args.get(++i);
            } else if (arg.startsWith("--org=")) {
                org = arg.substring("--org=".length());
            } else if (arg.startsWith("-") && arg.length() > 1) {
                throw new CliException("unknown option '" + arg + "' for disasm; " + USAGE);
            } else if (file == null) {
                file = arg;
            } else {
                throw new CliException("disasm takes one FILE, not '" + file + "' and '" + arg + "'; " + USAGE);
            }
        }
        if (file == null) {
            throw new CliException("disasm needs a FILE; " + USAGE);
        }
        int origin = org != null ? Main.parseNumber("--org", org) : defaultOrigin(file);
        if (origin < 0 || origin > 0xFFFF) {
            throw new CliException("--org must be an address from 0 to 0xFFFF, not '" + org + "'");
        }
        byte[] code = CliFiles.read(file);
        if (origin + code.length > 0x10000) {
            throw new CliException(file + " has " + code.length + " bytes: too many to fit in memory from 0x"
                    + Integer.toHexString(origin).toUpperCase(Locale.ROOT));
        }
        System.out.print(Disassembler.listing(code, origin));
        System.out.flush();
        return 0;
    }

    /** 0100H, where CP/M loads programs, for a .COM file; 0 for anything else. */
    static int defaultOrigin(String file) {
        return file.toLowerCase(Locale.ROOT).endsWith(".com") ? 0x100 : 0;
    }
}
