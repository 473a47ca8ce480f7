package dev.invaders.wire;

import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.MemoryByte;
import dev.invaders.i8080.exec.PortWrite;
import dev.invaders.wire.ExecuteJson.Answer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reading half of {@link ExecuteJson}: a request (strict, plain form only) or an answer (unknown members
 * skipped).
 */
final class ExecuteJsonReader extends JsonCursor {

    private static final int MISSING = -1;

    ExecuteJsonReader(byte[] b, int end, boolean strict) {
        super(b, end, strict);
    }

    // --- a request (strict: anything unusual is left to the general reader) --------------------------

    ExecuteRequest request() {
        int opcode = MISSING;
        List<Integer> operands = null;
        CpuState state = null;
        Map<Integer, Integer> memory = null;
        Integer port = null;
        int seen = 0;
        if (open()) {
            do {
                switch (name()) {
                    case "opcode" -> {
                        seen = once(seen, 1, "opcode");
                        opcode = integer();
                    }
                    case "operands" -> {
                        seen = once(seen, 2, "operands");
                        operands = nullLiteral() ? List.of() : integers();
                    }
                    case "state" -> {
                        seen = once(seen, 4, "state");
                        state = state();
                    }
                    case "memory" -> {
                        seen = once(seen, 8, "memory");
                        memory = nullLiteral() ? Map.of() : memoryBytes();
                    }
                    case "port" -> {
                        seen = once(seen, 16, "port");
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
}
