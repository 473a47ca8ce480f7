package dev.invaders.wire;

import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.Execution;
import dev.invaders.i8080.exec.MemoryByte;
import dev.invaders.i8080.exec.PortWrite;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The opcode service's JSON ({@code POST /api/v1/execute}, docs/services.md), written and read by hand:
 * one call per instruction in strict mode, so no reflection, no tree and little garbage on that path.
 * Both ends use it: the opcode service reads requests and writes answers, the CPU writes requests and
 * reads answers.
 *
 * <p>{@link #readRequest} is a fast path, not the contract's whole reader: it takes a body only when it is
 * exactly a well-formed request in plain form (ASCII; members in any order, each at most once; numbers as
 * unsigned integers without fraction, exponent or leading zero; {@code operands}, {@code memory},
 * {@code port} and {@code state.halted} possibly {@code null}; registers in range) and answers null for
 * anything else, so that the service's general reader decides, and names the problem. What it accepts it
 * reads as the general reader does; whether the request fits its opcode is {@link Execution#execute}'s to
 * check. {@link #answer} writes exactly the bytes the service's general
 * writer writes. {@link #readAnswer} ignores members it does not know, so a newer service may add some.
 */
public final class ExecuteJson {
    private ExecuteJson() {
    }

    /** An answer as the caller reads it: the result, the family that served it and the service's version. */
    public record Answer(ExecuteResult result, String family, String version) {
    }

    // --- writing -------------------------------------------------------------------------------------

    /** A request body: opcode, operands, state, memory (in address order) and, for IN, the port value. */
    public static byte[] request(ExecuteRequest r) {
        Out o = new Out(360);
        o.ascii("{\"opcode\":").num(r.opcode()).ascii(",\"operands\":[");
        List<Integer> operands = r.operands();
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                o.put(',');
            }
            o.num(operands.get(i));
        }
        o.ascii("],\"state\":");
        state(o, r.state());
        o.ascii(",\"memory\":[");
        boolean first = true;
        for (Map.Entry<Integer, Integer> m : r.memory().entrySet()) {
            if (!first) {
                o.put(',');
            }
            first = false;
            o.ascii("{\"address\":").num(m.getKey()).ascii(",\"value\":").num(m.getValue()).put('}');
        }
        o.put(']');
        if (r.portValue() != null) {
            o.ascii(",\"port\":{\"value\":").num(r.portValue()).put('}');
        }
        return o.put('}').bytes();
    }

    /**
     * An answer body: {@code state}, {@code writes}, {@code out} (null but for OUT), {@code cycles},
     * {@code family}, {@code version}, in that order, without white space.
     */
    public static byte[] answer(ExecuteResult r, String family, String version) {
        Out o = new Out(400);
        o.ascii("{\"state\":");
        state(o, r.state());
        o.ascii(",\"writes\":[");
        List<MemoryByte> writes = r.writes();
        for (int i = 0; i < writes.size(); i++) {
            if (i > 0) {
                o.put(',');
            }
            o.ascii("{\"address\":").num(writes.get(i).address()).ascii(",\"value\":").num(writes.get(i).value())
                    .put('}');
        }
        o.ascii("],\"out\":");
        if (r.out() == null) {
            o.ascii("null");
        } else {
            o.ascii("{\"port\":").num(r.out().port()).ascii(",\"value\":").num(r.out().value()).put('}');
        }
        o.ascii(",\"cycles\":").num(r.cycles()).ascii(",\"family\":").string(family).ascii(",\"version\":")
                .string(version);
        return o.put('}').bytes();
    }

    private static void state(Out o, CpuState s) {
        o.ascii("{\"a\":").num(s.a()).ascii(",\"b\":").num(s.b()).ascii(",\"c\":").num(s.c())
                .ascii(",\"d\":").num(s.d()).ascii(",\"e\":").num(s.e()).ascii(",\"h\":").num(s.h())
                .ascii(",\"l\":").num(s.l()).ascii(",\"stackPointer\":").num(s.sp())
                .ascii(",\"programCounter\":").num(s.pc()).ascii(",\"cycles\":").num(s.cycles())
                .ascii(",\"interruptsEnabled\":").bool(s.inte()).ascii(",\"halted\":").bool(s.halted())
                .ascii(",\"flags\":{\"sign\":").bool(s.flag(CpuState.SIGN))
                .ascii(",\"zero\":").bool(s.flag(CpuState.ZERO))
                .ascii(",\"auxCarry\":").bool(s.flag(CpuState.AUX_CARRY))
                .ascii(",\"parity\":").bool(s.flag(CpuState.PARITY))
                .ascii(",\"carry\":").bool(s.flag(CpuState.CARRY)).ascii("}}");
    }

    /** A growable byte buffer for ASCII JSON. */
    private static final class Out {
        private byte[] buf;
        private int n;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        private void room(int more) {
            if (n + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }

        Out put(char c) {
            room(1);
            buf[n++] = (byte) c;
            return this;
        }

        Out ascii(String s) {
            int len = s.length();
            room(len);
            for (int i = 0; i < len; i++) {
                buf[n++] = (byte) s.charAt(i);
            }
            return this;
        }

        Out num(long v) {
            if (v < 0) {
                return ascii(Long.toString(v));
            }
            room(20);
            if (v < 10) {
                buf[n++] = (byte) ('0' + v);
                return this;
            }
            int digits = 0;
            for (long t = v; t != 0; t /= 10) {
                digits++;
            }
            for (int i = n + digits - 1; i >= n; i--) {
                buf[i] = (byte) ('0' + v % 10);
                v /= 10;
            }
            n += digits;
            return this;
        }

        Out bool(boolean b) {
            return ascii(b ? "true" : "false");
        }

        /** A JSON string as Jackson writes it: quote, backslash and control characters escaped, the rest UTF-8. */
        Out string(String s) {
            if (s == null) {
                return ascii("null");
            }
            put('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> ascii("\\\"");
                    case '\\' -> ascii("\\\\");
                    case '\b' -> ascii("\\b");
                    case '\f' -> ascii("\\f");
                    case '\n' -> ascii("\\n");
                    case '\r' -> ascii("\\r");
                    case '\t' -> ascii("\\t");
                    default -> {
                        if (c < 0x20) {
                            ascii(String.format("\\u%04X", (int) c));
                        } else if (c < 0x80) {
                            put(c);
                        } else {
                            int end = i + 1;
                            while (end < s.length() && s.charAt(end) >= 0x80) {
                                end++;
                            }
                            byte[] utf8 = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
                            room(utf8.length);
                            System.arraycopy(utf8, 0, buf, n, utf8.length);
                            n += utf8.length;
                            i = end - 1;
                        }
                    }
                }
            }
            return put('"');
        }

        byte[] bytes() {
            return java.util.Arrays.copyOf(buf, n);
        }
    }

    // --- reading -------------------------------------------------------------------------------------

    /**
     * The request in {@code body[0..length)}, or null when it is not a request in the plain form this
     * reader takes (see the class comment); then the service's general reader decides.
     */
    public static ExecuteRequest readRequest(byte[] body, int length) {
        In in = new In(body, length, true);
        try {
            return in.request();
        } catch (NotPlain | IllegalArgumentException e) {
            return null; // not plain, or a value out of range: the general reader names the problem
        }
    }

    /**
     * Reads an execute answer for {@code opcode}; members it does not know are skipped.
     *
     * @throws IllegalArgumentException when the body is not an answer (the message says what is wrong)
     */
    public static Answer readAnswer(int opcode, byte[] body) {
        In in = new In(body, body.length, false);
        try {
            return in.answer(opcode);
        } catch (NotPlain e) {
            throw new IllegalArgumentException("not an execute answer: " + e.getMessage() + " at offset " + in.p);
        }
    }

    /** Not what the reader takes: for {@link #readRequest} a reason to leave the body to the general reader. */
    private static final class NotPlain extends RuntimeException {
        NotPlain(String what) {
            super(what, null, false, false);
        }
    }

    private static final int MISSING = -1;

    private static final class In {
        final byte[] b;
        final int end;
        /** Requests: unknown members and anything unusual are not taken. Answers: unknown members are skipped. */
        final boolean strict;
        int p;

        In(byte[] b, int end, boolean strict) {
            this.b = b;
            this.end = Math.min(end, b.length);
            this.strict = strict;
        }

        NotPlain fail(String what) {
            return new NotPlain(what);
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

        // --- a request (strict: anything unusual is left to the general reader) --------------------------

        ExecuteRequest request() {
            int opcode = MISSING;
            List<Integer> operands = null;
            boolean operandsSeen = false;
            CpuState state = null;
            Map<Integer, Integer> memory = null;
            boolean memorySeen = false;
            Integer port = null;
            boolean portSeen = false;
            if (open()) {
                do {
                    switch (name()) {
                        case "opcode" -> {
                            if (opcode != MISSING) {
                                throw fail("opcode twice");
                            }
                            opcode = integer();
                        }
                        case "operands" -> {
                            if (operandsSeen) {
                                throw fail("operands twice");
                            }
                            operandsSeen = true;
                            operands = nullLiteral() ? List.of() : integers();
                        }
                        case "state" -> {
                            if (state != null) {
                                throw fail("state twice");
                            }
                            state = state();
                        }
                        case "memory" -> {
                            if (memorySeen) {
                                throw fail("memory twice");
                            }
                            memorySeen = true;
                            memory = nullLiteral() ? Map.of() : memoryBytes();
                        }
                        case "port" -> {
                            if (portSeen) {
                                throw fail("port twice");
                            }
                            portSeen = true;
                            port = nullLiteral() ? null : portValue();
                        }
                        default -> throw fail("an unknown member");
                    }
                } while (more('}'));
            }
            if (peek() != -1) {
                throw fail("data after the request");
            }
            if (opcode == MISSING || state == null) {
                throw fail("opcode or state missing");
            }
            return new ExecuteRequest(opcode, operands == null ? List.of() : operands, state,
                    memory == null ? Map.of() : memory, port);
        }

        private List<Integer> integers() {
            expect('[');
            List<Integer> out = new ArrayList<>(2);
            if (peek() == ']') {
                p++;
                return out;
            }
            do {
                out.add(integer());
            } while (more(']'));
            return out;
        }

        private Map<Integer, Integer> memoryBytes() {
            expect('[');
            Map<Integer, Integer> out = new HashMap<>(4);
            if (peek() == ']') {
                p++;
                return out;
            }
            do {
                int address = MISSING;
                int value = MISSING;
                if (open()) {
                    do {
                        switch (name()) {
                            case "address" -> {
                                if (address != MISSING) {
                                    throw fail("address twice");
                                }
                                address = integer();
                            }
                            case "value" -> {
                                if (value != MISSING) {
                                    throw fail("value twice");
                                }
                                value = integer();
                            }
                            default -> throw fail("an unknown member");
                        }
                    } while (more('}'));
                }
                if (address == MISSING || value == MISSING || out.put(address, value) != null) {
                    throw fail("a memory byte incomplete or listed twice");
                }
            } while (more(']'));
            return out;
        }

        private Integer portValue() {
            int value = MISSING;
            if (open()) {
                do {
                    if (!name().equals("value") || value != MISSING) {
                        throw fail("an unknown or repeated member");
                    }
                    value = integer();
                } while (more('}'));
            }
            if (value == MISSING) {
                throw fail("port.value missing");
            }
            return value;
        }

        private static final String[] STATE = {"a", "b", "c", "d", "e", "h", "l", "stackPointer", "programCounter",
                "cycles", "interruptsEnabled", "halted", "flags"};
        private static final String[] FLAGS = {"sign", "zero", "auxCarry", "parity", "carry"};

        private static int indexOf(String[] names, String name) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        /** The state; in a request every member but {@code halted} must be there. */
        CpuState state() {
            long[] v = new long[STATE.length];
            java.util.Arrays.fill(v, MISSING);
            int flags = 0;
            boolean flagsSeen = false;
            if (open()) {
                do {
                    String name = name();
                    int i = indexOf(STATE, name);
                    if (i < 0) {
                        if (strict) {
                            throw fail("an unknown member");
                        }
                        skipValue();
                        continue;
                    }
                    if (v[i] != MISSING || i == 12 && flagsSeen) {
                        throw fail(name + " twice");
                    }
                    switch (i) {
                        case 9 -> v[i] = number(18);
                        case 10 -> v[i] = bool() ? 1 : 0;
                        case 11 -> v[i] = nullLiteral() ? 0 : bool() ? 1 : 0;
                        case 12 -> {
                            flags = flags();
                            flagsSeen = true;
                        }
                        default -> v[i] = integer();
                    }
                } while (more('}'));
            }
            for (int i = 0; i < 11; i++) {
                if (v[i] == MISSING) {
                    throw fail("state." + STATE[i] + " missing");
                }
            }
            if (!flagsSeen) {
                throw fail("state.flags missing");
            }
            return new CpuState((int) v[0], (int) v[1], (int) v[2], (int) v[3], (int) v[4], (int) v[5], (int) v[6],
                    (int) v[7], (int) v[8], flags, v[10] == 1, v[11] == 1, v[9]);
        }

        private int flags() {
            int[] masks = {CpuState.SIGN, CpuState.ZERO, CpuState.AUX_CARRY, CpuState.PARITY, CpuState.CARRY};
            int seen = 0;
            int flags = 0;
            if (open()) {
                do {
                    String name = name();
                    int i = indexOf(FLAGS, name);
                    if (i < 0) {
                        if (strict) {
                            throw fail("an unknown member");
                        }
                        skipValue();
                        continue;
                    }
                    if ((seen & 1 << i) != 0) {
                        throw fail(name + " twice");
                    }
                    seen |= 1 << i;
                    if (bool()) {
                        flags |= masks[i];
                    }
                } while (more('}'));
            }
            if (seen != 0b11111) {
                throw fail("a flag missing");
            }
            return flags;
        }

        // --- an answer (unknown members skipped) ---------------------------------------------------------

        Answer answer(int opcode) {
            CpuState state = null;
            List<MemoryByte> writes = null;
            PortWrite out = null;
            int cycles = MISSING;
            String family = null;
            String version = null;
            if (open()) {
                do {
                    switch (name()) {
                        case "state" -> state = state();
                        case "writes" -> writes = writes();
                        case "out" -> out = nullLiteral() ? null : portWrite();
                        case "cycles" -> cycles = integer();
                        case "family" -> family = nullLiteral() ? null : string();
                        case "version" -> version = nullLiteral() ? null : string();
                        default -> skipValue();
                    }
                } while (more('}'));
            }
            if (peek() != -1) {
                throw fail("data after the answer");
            }
            if (state == null || writes == null || cycles == MISSING) {
                throw fail("state, writes or cycles missing");
            }
            return new Answer(new ExecuteResult(opcode, state, writes, out, cycles), family, version);
        }

        private List<MemoryByte> writes() {
            expect('[');
            List<MemoryByte> out = new ArrayList<>(2);
            if (peek() == ']') {
                p++;
                return out;
            }
            do {
                int address = MISSING;
                int value = MISSING;
                if (open()) {
                    do {
                        switch (name()) {
                            case "address" -> address = integer();
                            case "value" -> value = integer();
                            default -> skipValue();
                        }
                    } while (more('}'));
                }
                if (address == MISSING || value == MISSING) {
                    throw fail("a write without address or value");
                }
                out.add(new MemoryByte(address, value));
            } while (more(']'));
            return out;
        }

        private PortWrite portWrite() {
            int port = MISSING;
            int value = MISSING;
            if (open()) {
                do {
                    switch (name()) {
                        case "port" -> port = integer();
                        case "value" -> value = integer();
                        default -> skipValue();
                    }
                } while (more('}'));
            }
            if (port == MISSING || value == MISSING) {
                throw fail("out without port or value");
            }
            return new PortWrite(port, value);
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
}
