package dev.invaders.i8080.asm;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Evaluates an expression given as tokens, with Intel's precedence (highest first):
 * parentheses; unary {@code + - ~ HIGH LOW}; {@code * / MOD SHL SHR} (also {@code % << >>});
 * binary {@code + -}; {@code NOT}; {@code AND} ({@code &}); {@code OR XOR} ({@code | ^}).
 * Values are Java ints; the caller checks that a result fits where it goes.
 */
final class Expression {

    /** Where names get their values. */
    interface Scope {
        /** The symbol's value, or null when it is not (yet) defined. */
        Integer lookup(String name);

        /** The location counter: the address of the statement being assembled. */
        int here();
    }

    /** A name that has no value (yet). */
    static final class Undefined extends SourceError {
        final String name;

        Undefined(String name) {
            super("undefined symbol '" + name + "'");
            this.name = name;
        }
    }

    /** Words that are operators or registers, never symbols. */
    static final Set<String> OPERATORS = Set.of("NOT", "AND", "OR", "XOR", "MOD", "SHL", "SHR", "HIGH", "LOW");

    private final List<Token> tokens;
    private final Scope scope;
    private final Set<String> registers;
    private int pos;

    private Expression(List<Token> tokens, Scope scope, Set<String> registers) {
        this.tokens = tokens;
        this.scope = scope;
        this.registers = registers;
    }

    /** The value of the whole token list; registers are named (upper case) to give a clear error. */
    static int evaluate(List<Token> tokens, Scope scope, Set<String> registers) {
        if (tokens.isEmpty()) {
            throw new SourceError("missing value");
        }
        Expression e = new Expression(tokens, scope, registers);
        int value = e.or();
        if (e.pos < tokens.size()) {
            throw new SourceError("unexpected '" + tokens.get(e.pos) + "' in expression");
        }
        return value;
    }

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean accept(String op) {
        Token t = peek();
        if (t != null && (t.is(op) || t.isWord(op))) {
            pos++;
            return true;
        }
        return false;
    }

    private int or() {
        int v = and();
        while (true) {
            if (accept("OR") || accept("|")) {
                v |= and();
            } else if (accept("XOR") || accept("^")) {
                v ^= and();
            } else {
                return v;
            }
        }
    }

    private int and() {
        int v = not();
        while (accept("AND") || accept("&")) {
            v &= not();
        }
        return v;
    }

    private int not() {
        if (accept("NOT")) {
            return ~not();
        }
        return sum();
    }

    private int sum() {
        int v = product();
        while (true) {
            if (accept("+")) {
                v += product();
            } else if (accept("-")) {
                v -= product();
            } else {
                return v;
            }
        }
    }

    private int product() {
        int v = unary();
        while (true) {
            if (accept("*")) {
                v *= unary();
            } else if (accept("/")) {
                v = v / divisor();
            } else if (accept("MOD") || accept("%")) {
                v = v % divisor();
            } else if (accept("SHL") || accept("<<")) {
                int n = unary();
                v = n < 0 || n > 31 ? 0 : v << n;
            } else if (accept("SHR") || accept(">>")) {
                int n = unary();
                v = n < 0 || n > 31 ? 0 : (v & 0xFFFF) >>> n;
            } else {
                return v;
            }
        }
    }

    private int divisor() {
        int d = unary();
        if (d == 0) {
            throw new SourceError("division by zero");
        }
        return d;
    }

    private int unary() {
        if (accept("-")) {
            return -unary();
        } else if (accept("+")) {
            return unary();
        } else if (accept("~")) {
            return ~unary();
        } else if (accept("HIGH")) {
            return unary() >> 8 & 0xFF;
        } else if (accept("LOW")) {
            return unary() & 0xFF;
        }
        return primary();
    }

    private int primary() {
        Token t = peek();
        if (t == null) {
            throw new SourceError("expression ends too soon");
        }
        pos++;
        switch (t.kind()) {
            case NUMBER:
                return t.value();
            case DOLLAR:
                return scope.here();
            case STRING:
                return character(t.text());
            case IDENT: {
                String upper = t.text().toUpperCase(Locale.ROOT);
                if (OPERATORS.contains(upper)) {
                    throw new SourceError("expected a value before '" + t.text() + "'");
                }
                Integer v = scope.lookup(t.text());
                if (v == null) {
                    if (registers.contains(upper)) {
                        throw new SourceError("'" + t.text() + "' is a register, not a value");
                    }
                    throw new Undefined(t.text());
                }
                return v;
            }
            default:
                if (t.is("(")) {
                    int v = or();
                    if (!accept(")")) {
                        throw new SourceError("missing ')'");
                    }
                    return v;
                }
                throw new SourceError("unexpected '" + t.text() + "' in expression");
        }
    }

    /** A one-character string is its code; a two-character one packs the first into the high byte. */
    private static int character(String s) {
        for (char c : s.toCharArray()) {
            if (c > 0xFF) {
                throw new SourceError("character '" + c + "' does not fit in a byte");
            }
        }
        return switch (s.length()) {
            case 1 -> s.charAt(0);
            case 2 -> s.charAt(0) << 8 | s.charAt(1);
            default -> throw new SourceError("string '" + s + "' used as a value (only 1 or 2 characters can be)");
        };
    }
}
