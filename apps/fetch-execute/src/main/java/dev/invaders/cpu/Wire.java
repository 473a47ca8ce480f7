package dev.invaders.cpu;

import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.MemoryByte;
import dev.invaders.i8080.exec.PortWrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The opcode service's JSON (docs/services.md): requests written by hand (one per instruction in strict
 * mode, so no reflection on the hot path), answers read from a tree.
 */
final class Wire {
    private Wire() {
    }

    static String request(ExecuteRequest r) {
        StringBuilder sb = new StringBuilder(400);
        sb.append("{\"opcode\":").append(r.opcode()).append(",\"operands\":[");
        List<Integer> ops = r.operands();
        for (int i = 0; i < ops.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(ops.get(i));
        }
        sb.append("],\"state\":");
        state(sb, r.state());
        sb.append(",\"memory\":[");
        boolean first = true;
        for (Map.Entry<Integer, Integer> m : r.memory().entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append("{\"address\":").append(m.getKey()).append(",\"value\":").append(m.getValue()).append('}');
        }
        sb.append(']');
        if (r.portValue() != null) {
            sb.append(",\"port\":{\"value\":").append(r.portValue()).append('}');
        }
        return sb.append('}').toString();
    }

    static void state(StringBuilder sb, CpuState s) {
        sb.append("{\"a\":").append(s.a()).append(",\"b\":").append(s.b()).append(",\"c\":").append(s.c())
                .append(",\"d\":").append(s.d()).append(",\"e\":").append(s.e()).append(",\"h\":").append(s.h())
                .append(",\"l\":").append(s.l()).append(",\"stackPointer\":").append(s.sp())
                .append(",\"programCounter\":").append(s.pc()).append(",\"cycles\":").append(s.cycles())
                .append(",\"interruptsEnabled\":").append(s.inte()).append(",\"halted\":").append(s.halted())
                .append(",\"flags\":{\"sign\":").append(s.flag(CpuState.SIGN))
                .append(",\"zero\":").append(s.flag(CpuState.ZERO))
                .append(",\"auxCarry\":").append(s.flag(CpuState.AUX_CARRY))
                .append(",\"parity\":").append(s.flag(CpuState.PARITY))
                .append(",\"carry\":").append(s.flag(CpuState.CARRY)).append("}}");
    }

    static String state(CpuState s) {
        StringBuilder sb = new StringBuilder(260);
        state(sb, s);
        return sb.toString();
    }

    /** An answer: the result and the version that computed it. */
    record Answer(ExecuteResult result, String version) {
    }

    static Answer answer(int opcode, JsonNode n) {
        CpuState state = state(need(n, "state"));
        List<MemoryByte> writes = new ArrayList<>(2);
        for (JsonNode w : need(n, "writes")) {
            writes.add(new MemoryByte(need(w, "address").asInt(), need(w, "value").asInt()));
        }
        JsonNode out = n.get("out");
        PortWrite port = out == null || out.isNull() ? null
                : new PortWrite(need(out, "port").asInt(), need(out, "value").asInt());
        JsonNode version = n.get("version");
        return new Answer(new ExecuteResult(opcode, state, writes, port, need(n, "cycles").asInt()),
                version == null || version.isNull() ? "unknown" : version.asString());
    }

    static CpuState state(JsonNode s) {
        JsonNode f = need(s, "flags");
        int flags = (bool(f, "sign") ? CpuState.SIGN : 0) | (bool(f, "zero") ? CpuState.ZERO : 0)
                | (bool(f, "auxCarry") ? CpuState.AUX_CARRY : 0) | (bool(f, "parity") ? CpuState.PARITY : 0)
                | (bool(f, "carry") ? CpuState.CARRY : 0);
        JsonNode halted = s.get("halted");
        return new CpuState(integer(s, "a"), integer(s, "b"), integer(s, "c"), integer(s, "d"), integer(s, "e"),
                integer(s, "h"), integer(s, "l"), integer(s, "stackPointer"), integer(s, "programCounter"), flags,
                bool(s, "interruptsEnabled"), halted != null && halted.asBoolean(), need(s, "cycles").asLong());
    }

    private static int integer(JsonNode n, String name) {
        JsonNode v = need(n, name);
        if (!v.isInt()) {
            throw new IllegalArgumentException(name + " is not an integer");
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode n, String name) {
        JsonNode v = need(n, name);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(name + " is not a boolean");
        }
        return v.asBoolean();
    }

    private static JsonNode need(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull() && !name.equals("out")) {
            throw new IllegalArgumentException("the answer has no " + name);
        }
        return v;
    }
}
