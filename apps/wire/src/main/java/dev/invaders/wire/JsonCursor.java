package dev.invaders.wire;

import java.nio.charset.StandardCharsets;

/**
 * The JSON tokens {@link ExecuteJsonReader} reads: white space, punctuation, member names, literals, numbers,
 * strings and skipped values, over {@code b[0..end)} from position {@code p}.
 */
class JsonCursor {
    /**
     * Not what the reader takes: for {@link ExecuteJson#readRequest} a reason to leave the body to the general
     * reader.
     */
    static final class NotPlain extends RuntimeException {
        NotPlain(String what) {
            super(what, null, false, false);
        }
    }

    final byte[] b;
    final int end;
    /** Requests: unknown members and anything unusual are not taken. Answers: unknown members are skipped. */
    final boolean strict;
    int p;

    JsonCursor(byte[] b, int end, boolean strict) {
        this.b = b;
        this.end = Math.min(end, b.length);
        this.strict = strict;
    }

    NotPlain fail(String what) {
        return new NotPlain(what);
    }

    /** Marks the member {@code bit} of an object as read: {@code seen} with it, or a failure if it was. */
    int once(int seen, int bit, String name) {
        if ((seen & bit) != 0) {
            throw fail(name + " twice");
        }
        return seen | bit;
    }

    void ws() {
        while (p < end) {
            byte c = b[p];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                p++;
            } else {
                return;
            }
        }
    }

    /** The next non-blank byte, not consumed; -1 at the end. */
    int peek() {
        ws();
        return p < end ? b[p] : -1;
    }

    void expect(char c) {
        if (peek() != c) {
            throw fail("expected '" + c + "'");
        }
        p++;
    }

    /** After a value: a comma (true, more follows) or the closing bracket (false). */
    boolean more(char close) {
        int c = peek();
        if (c == ',') {
            p++;
            return true;
        }
        if (c == close) {
            p++;
            return false;
        }
        throw fail("expected ',' or '" + close + "'");
    }

    /** Opens an object; false when it is empty (and closed). */
    boolean open() {
        expect('{');
        if (peek() == '}') {
            p++;
            return false;
        }
        return true;
    }

    /** A member name and its colon. In a request names are plain ASCII letters (no escapes). */
    String name() {
        if (!strict) {
            String name = string();
            expect(':');
            return name;
        }
        expect('"');
        int start = p;
        while (p < end && isLetter(b[p])) {
            p++;
        }
        if (p >= end || b[p] != '"') {
            throw fail("a member name that is not plain letters");
        }
        String name = new String(b, start, p - start, StandardCharsets.ISO_8859_1);
        p++;
        expect(':');
        return name;
    }

    private static boolean isLetter(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    boolean nullLiteral() {
        if (peek() == 'n') {
            literal("null");
            return true;
        }
        return false;
    }

    private void literal(String word) {
        if (p + word.length() > end) {
            throw fail("expected " + word);
        }
        for (int i = 0; i < word.length(); i++) {
            if (b[p + i] != word.charAt(i)) {
                throw fail("expected " + word);
            }
        }
        p += word.length();
        delimited();
    }

    /** A literal or number must be followed by white space, a comma, a bracket or the end. */
    private void delimited() {
        if (p < end) {
            byte c = b[p];
            if (!(c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
                throw fail("unexpected character after a value");
            }
        }
    }

    boolean bool() {
        int c = peek();
        if (c == 't') {
            literal("true");
            return true;
        }
        if (c == 'f') {
            literal("false");
            return false;
        }
        throw fail("expected true or false");
    }

    /** An unsigned integer of at most {@code maxDigits} digits, no leading zero, no fraction or exponent. */
    long number(int maxDigits) {
        int c = peek();
        if (c < '0' || c > '9') {
            throw fail("expected an unsigned integer");
        }
        int start = p;
        long v = 0;
        while (p < end && b[p] >= '0' && b[p] <= '9') {
            v = v * 10 + (b[p] - '0');
            p++;
        }
        int digits = p - start;
        if (digits > maxDigits || digits > 1 && b[start] == '0') {
            throw fail("an integer out of the plain range");
        }
        delimited();
        return v;
    }

    int integer() {
        return (int) number(9);
    }


    /** A string; escapes are decoded. */
    String string() {
        expect('"');
        StringBuilder sb = null;
        int start = p;
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                String s = new String(b, start, p - start, StandardCharsets.UTF_8);
                p++;
                return sb == null ? s : sb.append(s).toString();
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(new String(b, start, p - start, StandardCharsets.UTF_8));
                if (p + 1 >= end) {
                    break;
                }
                byte e = b[p + 1];
                p += 2;
                switch (e) {
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (p + 4 > end) {
                            throw fail("a short \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(new String(b, p, 4, StandardCharsets.ISO_8859_1), 16));
                        } catch (NumberFormatException x) {
                            throw fail("a bad \\u escape");
                        }
                        p += 4;
                    }
                    case '"', '\\', '/' -> sb.append((char) e);
                    default -> throw fail("a bad escape");
                }
                start = p;
                continue;
            }
            if ((c & 0xFF) < 0x20) {
                throw fail("a control character in a string");
            }
            p++;
        }
        throw fail("an unterminated string");
    }

    /** Skips any JSON value (answers only). */
    void skipValue() {
        int c = peek();
        switch (c) {
            case '{' -> {
                if (open()) {
                    do {
                        name();
                        skipValue();
                    } while (more('}'));
                }
            }
            case '[' -> {
                p++;
                if (peek() == ']') {
                    p++;
                    return;
                }
                do {
                    skipValue();
                } while (more(']'));
            }
            case '"' -> string();
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                int start = p;
                while (p < end && (b[p] >= '0' && b[p] <= '9' || b[p] == '-' || b[p] == '+' || b[p] == '.'
                        || b[p] == 'e' || b[p] == 'E')) {
                    p++;
                }
                if (p == start) {
                    throw fail("expected a value");
                }
                delimited();
            }
        }
    }
}
