package dev.invaders.cpu;

import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.exec.ExecuteResult;
import tools.jackson.databind.JsonNode;

/**
 * The CPU state's JSON in checkpoints (the opcode service's member names, docs/services.md), and an
 * opcode call's answer. The execute calls' bodies themselves are {@link dev.invaders.wire.ExecuteJson}'s.
 */
final class Wire {
    private Wire() {
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

    /** An answer: the result and the version that computed it. */
    record Answer(ExecuteResult result, String version) {
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
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("the answer has no " + name);
        }
        return v;
    }
}
