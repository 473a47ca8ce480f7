package dev.invaders.i8080.asm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Splits one source line into tokens, dropping the comment that starts at a {@code ;} outside quotes. */
final class Lexer {

    private Lexer() {
    }

    /** The tokens of a line; throws {@link SourceError} for a bad number or an unterminated string. */
    static List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == ';') {
                break;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                i = string(line, i, out);
            } else if (isDigit(c)) {
                int end = wordEnd(line, i);
                String text = line.substring(i, end);
                out.add(new Token(Token.Kind.NUMBER, text, number(text)));
                i = end;
            } else if (c == '$' && i + 1 < n && isHexDigit(line.charAt(i + 1))) {
                int end = wordEnd(line, i + 1);
                String text = line.substring(i, end);
                out.add(new Token(Token.Kind.NUMBER, text, parse(text, text.substring(1), 16)));
                i = end;
            } else if (c == '$') {
                out.add(new Token(Token.Kind.DOLLAR, "$", 0));
                i++;
            } else if (isNameStart(c)) {
                int end = wordEnd(line, i);
                out.add(new Token(Token.Kind.IDENT, line.substring(i, end), 0));
                i = end;
            } else if ((c == '<' || c == '>') && i + 1 < n && line.charAt(i + 1) == c) {
                out.add(new Token(Token.Kind.PUNCT, line.substring(i, i + 2), 0));
                i += 2;
            } else if ("+-*/(),:%&|^~".indexOf(c) >= 0) {
                out.add(new Token(Token.Kind.PUNCT, String.valueOf(c), 0));
                i++;
            } else {
                throw new SourceError("unexpected character '" + c + "'");
            }
        }
        return out;
    }

    private static int string(String line, int start, List<Token> out) {
        char quote = line.charAt(start);
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= line.length()) {
                throw new SourceError("unterminated string " + line.substring(start));
            }
            char c = line.charAt(i);
            if (c == quote) {
                if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
                    sb.append(quote); // a doubled quote stands for one
                    i += 2;
                    continue;
                }
                out.add(new Token(Token.Kind.STRING, sb.toString(), 0));
                return i + 1;
            }
            sb.append(c);
            i++;
        }
    }

    /**
     * Converts a number literal: decimal ({@code 10}, {@code 10D}), hex ({@code 0FFH}, {@code 0x1F}),
     * binary ({@code 1010B}) or octal ({@code 17Q}, {@code 17O}).
     */
    static int number(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        if (t.startsWith("0X")) {
            return parse(text, t.substring(2), 16);
        }
        String digits = t.substring(0, t.length() - 1);
        return switch (t.charAt(t.length() - 1)) {
            case 'H' -> parse(text, digits, 16);
            case 'B' -> parse(text, digits, 2);
            case 'Q', 'O' -> parse(text, digits, 8);
            case 'D' -> parse(text, digits, 10);
            default -> parse(text, t, 10);
        };
    }

    private static int parse(String text, String digits, int radix) {
        long value;
        try {
            if (digits.isEmpty() || digits.charAt(0) == '+' || digits.charAt(0) == '-') {
                throw new NumberFormatException();
            }
            value = Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            throw new SourceError("bad number '" + text + "'");
        }
        if (value > 0xFFFF) {
            throw new SourceError("number " + text + " does not fit in 16 bits");
        }
        return (int) value;
    }

    private static int wordEnd(String line, int i) {
        while (i < line.length() && isNamePart(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '?' || c == '@' || c == '.';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }
}
