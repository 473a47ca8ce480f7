package dev.invaders.wire;

import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.MemoryByte;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The writing half of {@link ExecuteJson}: request and answer bodies, byte for byte as the general writer
 * writes them.
 */
final class ExecuteJsonWriter {
    private ExecuteJsonWriter() {
    }

    /** See {@link ExecuteJson#request}. */
    static byte[] request(ExecuteRequest r) {
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

    /** See {@link ExecuteJson#answer}. */
    static byte[] answer(ExecuteResult r, String family, String version) {
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
}
