package dev.invaders.i8080.asm;

import static dev.invaders.i8080.asm.InstructionEncoder.count;
import static dev.invaders.i8080.asm.InstructionEncoder.fitByte;
import static dev.invaders.i8080.asm.InstructionEncoder.word;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A two-pass assembler for Intel 8080 source. The mnemonics and their operand forms come from the
 * documented rows of {@link dev.invaders.i8080.OpcodeTable}.
 *
 * <p>Syntax, one statement a line: {@code [label:] [mnemonic|directive [operand, ...]] [; comment]}.
 * <ul>
 *   <li>Labels end with a colon and may start anywhere on the line. The name before
 *       {@code EQU}, {@code SET}, {@code DB}, {@code DW} or {@code DS} may also be written without one
 *       ({@code COUNT EQU 5}, {@code MSG DB 'hi'}). Names start with a letter, {@code _ ? @ .} and go on
 *       with those or digits. <b>Symbols are case-sensitive</b>; mnemonics, registers, directives and
 *       word operators are not, and cannot be used as symbols.</li>
 *   <li>Directives: {@code ORG expr}, {@code name EQU expr}, {@code name SET expr} (may be redefined by
 *       later SETs), {@code DB} (bytes and strings, mixed), {@code DW} (little-endian words),
 *       {@code DS n} (reserves n bytes), {@code END [expr]} (nothing after it is read).</li>
 *   <li>Numbers: {@code 255}, {@code 255D}, {@code 0FFH}, {@code 0xFF}, {@code $FF}, {@code 11111111B},
 *       {@code 377Q} or {@code 377O}; characters {@code 'A'} (one or two characters in an expression);
 *       {@code $} alone is the address of the current statement. Strings take single or double quotes;
 *       a doubled quote inside stands for one.</li>
 *   <li>Operators, see {@link Expression}: {@code + - * / MOD SHL SHR NOT AND OR XOR HIGH LOW ( )}
 *       and {@code % << >> ~ & | ^}.</li>
 *   <li>Byte operands take -128..255, word operands -32768..65535. ORG, DS and EQU may use only
 *       symbols defined above them, except that EQU may also refer forward to labels and EQUs.</li>
 * </ul>
 *
 * <p>The image runs from the lowest to the highest byte emitted; gaps and DS areas inside it are
 * zero. Every error is collected (at most one a line) and thrown together, sorted by line, as an
 * {@link AssemblyException}.
 */
public final class Assembler {

    private static final Pattern LEADING_LABEL = Pattern.compile("^\\s*([A-Za-z_?@.][A-Za-z0-9_?@.]*)\\s*:");

    private enum Kind { LABEL, EQU, SET }

    /** A symbol; value is null for an EQU waiting on a forward reference. */
    private static final class Symbol {
        final Kind kind;
        final int line;
        Integer value;

        Symbol(Kind kind, int line, Integer value) {
            this.kind = kind;
            this.line = line;
            this.value = value;
        }
    }

    private final String sourceName;
    private final Map<String, Symbol> symbols = new LinkedHashMap<>();
    private final Map<Integer, String> errors = new TreeMap<>();
    private final List<Statement> statements = new ArrayList<>();
    private final List<Statement> pendingEqus = new ArrayList<>();
    private final byte[] memory = new byte[0x10000];
    private final boolean[] written = new boolean[0x10000];
    private int low = 0x10000;
    private int high = -1;

    private Assembler(String sourceName) {
        this.sourceName = sourceName;
    }

    /** Assembles source; errors name it {@code <source>}. */
    public static Program assemble(String source) {
        return assemble("<source>", source);
    }

    /** Assembles source, naming it sourceName (a file name, say) in error messages. */
    public static Program assemble(String sourceName, String source) {
        return new Assembler(sourceName).run(source);
    }

    private Program run(String source) {
        String[] lines = source.split("\r\n|\r|\n", -1);
        passOne(lines);
        resolvePendingEqus();
        passTwo();
        if (!errors.isEmpty()) {
            List<AssemblyException.Problem> list = new ArrayList<>();
            errors.forEach((line, message) -> list.add(new AssemblyException.Problem(line, message)));
            throw new AssemblyException(sourceName, list);
        }
        Map<String, Integer> values = new LinkedHashMap<>();
        symbols.forEach((name, s) -> values.put(name, s.value));
        if (high < 0) {
            return new Program(0, new byte[0], values);
        }
        byte[] image = new byte[high - low + 1];
        System.arraycopy(memory, low, image, 0, image.length);
        return new Program(low, image, values);
    }

    private void error(int line, String message) {
        errors.putIfAbsent(line, message);
    }

    // --- pass one: parse, define symbols, find every statement's address -----------------------

    private void passOne(String[] lines) {
        int pc = 0;
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            Statement s;
            try {
                s = StatementParser.parse(line, pc, Lexer.tokens(lines[i]));
            } catch (SourceError e) {
                error(line, e.getMessage());
                defineLeadingLabel(line, pc, lines[i]);
                continue;
            }
            try {
                pc = define(s, pc);
                statements.add(s);
            } catch (SourceError e) {
                error(line, e.getMessage());
            }
            if ("END".equals(s.op())) {
                break;
            }
        }
    }

    /** After a line fails to parse, still defines its label so that uses elsewhere do not also fail. */
    private void defineLeadingLabel(int line, int pc, String text) {
        Matcher m = LEADING_LABEL.matcher(text);
        if (m.find() && !symbols.containsKey(m.group(1)) && !StatementParser.isReserved(m.group(1))) {
            symbols.put(m.group(1), new Symbol(Kind.LABEL, line, pc));
        }
    }

    /** Defines the statement's symbol and returns the address after it. */
    private int define(Statement s, int pc) {
        String op = s.op() == null ? "" : s.op();
        if (op.equals("EQU") || op.equals("SET")) {
            if (s.label() == null) {
                throw new SourceError(op + " needs a name: NAME " + op + " value");
            }
            Kind kind = op.equals("EQU") ? Kind.EQU : Kind.SET;
            expectOperands(s, 1);
            Integer value;
            try {
                value = evaluate(s.operands(), 0, s.address(), op);
            } catch (Expression.Undefined e) {
                if (kind == Kind.SET) {
                    throw e;
                }
                value = null;
                pendingEqus.add(s);
            }
            defineSymbol(s.label(), kind, s.line(), value);
            return pc;
        }
        if (s.label() != null) {
            defineSymbol(s.label(), Kind.LABEL, s.line(), pc);
        }
        int next = switch (op) {
            case "" -> pc;
            case "ORG" -> {
                expectOperands(s, 1);
                int address = evaluate(s.operands(), 0, pc, "ORG");
                if (address < 0 || address > 0xFFFF) {
                    throw new SourceError("ORG address " + address + " is outside 0..0FFFFH");
                }
                yield address;
            }
            case "DS" -> {
                expectOperands(s, 1);
                int size = evaluate(s.operands(), 0, pc, "DS");
                if (size < 0) {
                    throw new SourceError("DS size " + size + " is negative");
                }
                yield pc + size;
            }
            case "DB" -> {
                expectSomeOperands(s);
                int size = 0;
                for (List<Token> item : s.operands()) {
                    size += isString(item) ? item.getFirst().text().length() : 1;
                }
                yield pc + size;
            }
            case "DW" -> {
                expectSomeOperands(s);
                yield pc + 2 * s.operands().size();
            }
            case "END" -> {
                if (s.operands().size() > 1) {
                    throw new SourceError("END takes at most one operand");
                }
                yield pc;
            }
            default -> pc + InstructionSet.length(op);
        };
        if (next > 0x10000) {
            throw new SourceError("code runs past the end of memory (0FFFFH)");
        }
        return next;
    }

    private void defineSymbol(String name, Kind kind, int line, Integer value) {
        Symbol old = symbols.get(name);
        if (old != null && !(kind == Kind.SET && old.kind == Kind.SET)) {
            String what = old.kind == Kind.LABEL ? "label" : "symbol";
            throw new SourceError("duplicate " + what + " '" + name + "' (first defined on line " + old.line + ")");
        }
        if (old != null) {
            old.value = value;
        } else {
            symbols.put(name, new Symbol(kind, line, value));
        }
    }

    /** Gives forward-referring EQUs their values, as many rounds as it takes. */
    private void resolvePendingEqus() {
        boolean progress = true;
        while (progress && !pendingEqus.isEmpty()) {
            progress = false;
            for (var it = pendingEqus.iterator(); it.hasNext(); ) {
                Statement s = it.next();
                try {
                    symbols.get(s.label()).value = evaluate(s.operands(), 0, s.address(), "EQU");
                    it.remove();
                    progress = true;
                } catch (Expression.Undefined e) {
                    // try again next round
                } catch (SourceError e) {
                    error(s.line(), e.getMessage());
                    it.remove();
                }
            }
        }
        for (Statement s : pendingEqus) {
            try {
                evaluate(s.operands(), 0, s.address(), "EQU");
            } catch (SourceError e) {
                error(s.line(), e.getMessage());
            }
        }
    }

    // --- pass two: emit bytes ------------------------------------------------------------------

    private void passTwo() {
        for (Statement s : statements) {
            try {
                emit(s);
            } catch (SourceError e) {
                error(s.line(), e.getMessage());
            }
        }
    }

    private void emit(Statement s) {
        if (s.op() == null) {
            return;
        }
        int pc = s.address();
        switch (s.op()) {
            case "SET" -> symbols.get(s.label()).value = evaluate(s.operands(), 0, pc, "SET");
            case "EQU", "ORG", "DS" -> {
            }
            case "END" -> {
                if (!s.operands().isEmpty()) {
                    word(evaluate(s.operands(), 0, pc, null));
                }
            }
            case "DB" -> {
                List<Integer> bytes = new ArrayList<>();
                for (int i = 0; i < s.operands().size(); i++) {
                    List<Token> item = s.operands().get(i);
                    if (isString(item)) {
                        for (char c : item.getFirst().text().toCharArray()) {
                            if (c > 0xFF) {
                                throw new SourceError("character '" + c + "' does not fit in a byte");
                            }
                            bytes.add((int) c);
                        }
                    } else {
                        bytes.add(fitByte(evaluate(s.operands(), i, pc, null)));
                    }
                }
                write(pc, bytes);
            }
            case "DW" -> {
                List<Integer> bytes = new ArrayList<>();
                for (int i = 0; i < s.operands().size(); i++) {
                    int w = word(evaluate(s.operands(), i, pc, null));
                    bytes.add(w & 0xFF);
                    bytes.add(w >> 8 & 0xFF);
                }
                write(pc, bytes);
            }
            default -> write(pc, InstructionEncoder.encode(s, this::evaluate));
        }
    }

    private void write(int address, List<Integer> bytes) {
        for (int i = 0; i < bytes.size(); i++) {
            if (written[address + i]) {
                throw new SourceError("overlaps code already assembled at " + hex16(address + i));
            }
        }
        for (int i = 0; i < bytes.size(); i++) {
            int a = address + i;
            memory[a] = (byte) (int) bytes.get(i);
            written[a] = true;
            low = Math.min(low, a);
            high = Math.max(high, a);
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Evaluates operand i at address pc; a directive name means only symbols defined so far count. */
    private int evaluate(List<List<Token>> operands, int i, int pc, String directive) {
        if (operands.size() <= i) {
            throw new SourceError((directive == null ? "operand" : directive) + " needs a value");
        }
        Expression.Scope scope = new Expression.Scope() {
            @Override
            public Integer lookup(String name) {
                Symbol s = symbols.get(name);
                return s == null ? null : s.value;
            }

            @Override
            public int here() {
                return pc;
            }
        };
        try {
            return Expression.evaluate(operands.get(i), scope, InstructionSet.REGISTERS);
        } catch (Expression.Undefined e) {
            if (directive != null && !directive.equals("EQU") && !directive.equals("SET")) {
                throw new SourceError("undefined symbol '" + e.name + "' (" + directive
                        + " may use only symbols defined above it)");
            }
            throw e;
        }
    }

    private static void expectOperands(Statement s, int n) {
        if (s.operands().size() != n) {
            throw new SourceError(s.op() + " takes " + count(n) + ", not " + s.operands().size());
        }
    }

    private static void expectSomeOperands(Statement s) {
        if (s.operands().isEmpty()) {
            throw new SourceError(s.op() + " needs at least one value");
        }
    }

    private static boolean isString(List<Token> item) {
        return item.size() == 1 && item.getFirst().kind() == Token.Kind.STRING;
    }

    static String hex16(int v) {
        return Disassembler.hex(v, 4);
    }
}
