package dev.invaders.i8080.asm;

import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Turns 8080 machine code back into Intel-syntax text, using {@link OpcodeTable}'s mnemonics.
 * Values are written in hex with an {@code H} suffix and a leading 0 before a letter
 * ({@code MVI A,0FFH}, {@code JMP 0100H}). An undocumented opcode shows as the instruction it behaves
 * like, followed by {@code ; undocumented}. Bytes left over at the end, too few for their
 * instruction, come out as a {@code DB}.
 */
public final class Disassembler {

    /** The comment that marks an undocumented opcode. */
    public static final String UNDOCUMENTED = "; undocumented";

    /**
     * One disassembled instruction.
     *
     * @param address where it starts
     * @param bytes   its bytes (a copy is returned)
     * @param text    Intel syntax, e.g. {@code "MVI B,05H"}
     */
    public record Line(int address, byte[] bytes, String text) {
        public Line {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** The listing line: {@code "0100  3E 05     MVI A,05H"}. */
        public String listing() {
            StringBuilder hex = new StringBuilder();
            for (byte b : bytes) {
                if (!hex.isEmpty()) {
                    hex.append(' ');
                }
                hex.append(String.format("%02X", b & 0xFF));
            }
            return String.format("%04X  %-8s  %s", address, hex, text);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Line l && address == l.address && Arrays.equals(bytes, l.bytes)
                    && text.equals(l.text);
        }

        @Override
        public int hashCode() {
            return (31 * address + Arrays.hashCode(bytes)) * 31 + text.hashCode();
        }

        @Override
        public String toString() {
            return listing();
        }
    }

    private Disassembler() {
    }

    /** Disassembles all of code, whose first byte sits at origin (0-0FFFFH). */
    public static List<Line> disassemble(byte[] code, int origin) {
        if (origin < 0 || origin > 0xFFFF) {
            throw new IllegalArgumentException("origin " + origin + " is outside 0..0FFFFH");
        }
        List<Line> lines = new ArrayList<>();
        int i = 0;
        while (i < code.length) {
            Opcode op = OpcodeTable.get(code[i]);
            int address = (origin + i) & 0xFFFF;
            if (i + op.length() > code.length) {
                byte[] rest = Arrays.copyOfRange(code, i, code.length);
                lines.add(new Line(address, rest, db(rest)));
                break;
            }
            byte[] bytes = Arrays.copyOfRange(code, i, i + op.length());
            lines.add(new Line(address, bytes, text(op, bytes)));
            i += op.length();
        }
        return lines;
    }

    /** The listing of code at origin: one {@link Line#listing()} a line, each ending in a newline. */
    public static String listing(byte[] code, int origin) {
        return listing(disassemble(code, origin));
    }

    /** The listing of some lines, each ending in a newline. */
    public static String listing(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        for (Line line : lines) {
            sb.append(line.listing()).append('\n');
        }
        return sb.toString();
    }

    /** The text of one whole instruction: the table's mnemonic with its placeholder filled in. */
    static String text(Opcode op, byte[] bytes) {
        String m = op.mnemonic();
        if (m.endsWith("d8")) {
            m = m.substring(0, m.length() - 2) + hex(bytes[1] & 0xFF, 2);
        } else if (m.endsWith("d16") || m.endsWith("a16")) {
            m = m.substring(0, m.length() - 3) + hex((bytes[2] & 0xFF) << 8 | (bytes[1] & 0xFF), 4);
        }
        return op.documented() ? m : m + " " + UNDOCUMENTED;
    }

    private static String db(byte[] bytes) {
        StringBuilder sb = new StringBuilder("DB ");
        for (int i = 0; i < bytes.length; i++) {
            sb.append(i == 0 ? "" : ",").append(hex(bytes[i] & 0xFF, 2));
        }
        return sb.toString();
    }

    /** Intel hex: digits, zero-padded to width, with an H suffix and a leading 0 before a letter. */
    static String hex(int value, int digits) {
        String h = String.format("%0" + digits + "X", value).toUpperCase(Locale.ROOT);
        return (Character.isLetter(h.charAt(0)) ? "0" : "") + h + "H";
    }
}
