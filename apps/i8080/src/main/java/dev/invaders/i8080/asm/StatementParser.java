package dev.invaders.i8080.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses one line's tokens into a {@link Statement} for the {@link Assembler}: the label, the mnemonic or
 * directive, and the operands split at top-level commas.
 */
final class StatementParser {

    private static final Set<String> DIRECTIVES = Set.of("ORG", "EQU", "SET", "DB", "DW", "DS", "END");
    /** Directives whose name may be written without a colon. */
    private static final Set<String> NAMING = Set.of("EQU", "SET", "DB", "DW", "DS");

    private StatementParser() {
    }

    static Statement parse(int line, int pc, List<Token> tokens) {
        String label = null;
        int i = 0;
        if (tokens.size() >= 2 && tokens.get(0).kind() == Token.Kind.IDENT && tokens.get(1).is(":")) {
            label = tokens.get(0).text();
            i = 2;
        } else if (tokens.size() >= 2 && tokens.get(0).kind() == Token.Kind.IDENT
                && tokens.get(1).kind() == Token.Kind.IDENT && NAMING.contains(upper(tokens.get(1)))
                && !isOperation(upper(tokens.get(0)))) {
            label = tokens.get(0).text();
            i = 1;
        }
        if (label != null && isReserved(label)) {
            throw new SourceError("'" + label + "' is reserved and cannot be a label");
        }
        if (i == tokens.size()) {
            return new Statement(line, pc, label, null, List.of());
        }
        Token opToken = tokens.get(i);
        if (opToken.kind() != Token.Kind.IDENT) {
            throw new SourceError("expected a mnemonic or directive, found '" + opToken + "'");
        }
        String op = upper(opToken);
        if (!isOperation(op)) {
            if (i + 1 < tokens.size() && tokens.get(i + 1).is(":")) {
                throw new SourceError("unexpected second label '" + opToken.text() + "'");
            }
            throw new SourceError("unknown mnemonic '" + opToken.text() + "'");
        }
        return new Statement(line, pc, label, op, splitOperands(tokens.subList(i + 1, tokens.size())));
    }

    private static List<List<Token>> splitOperands(List<Token> tokens) {
        List<List<Token>> operands = new ArrayList<>();
        if (tokens.isEmpty()) {
            return operands;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= tokens.size(); i++) {
            Token t = i < tokens.size() ? tokens.get(i) : null;
            if (t == null || (depth == 0 && t.is(","))) {
                if (i == start) {
                    throw new SourceError("missing operand");
                }
                operands.add(tokens.subList(start, i));
                start = i + 1;
            } else if (t.is("(")) {
                depth++;
            } else if (t.is(")")) {
                depth--;
            }
        }
        return operands;
    }

    private static boolean isOperation(String upper) {
        return DIRECTIVES.contains(upper) || InstructionSet.forms(upper) != null;
    }

    static boolean isReserved(String name) {
        String u = name.toUpperCase(Locale.ROOT);
        return isOperation(u) || InstructionSet.REGISTERS.contains(u) || Expression.OPERATORS.contains(u);
    }

    private static String upper(Token t) {
        return t.text().toUpperCase(Locale.ROOT);
    }
}
