package dev.invaders.opcode;

import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.service.Problems;
import dev.invaders.wire.CpuStateJson;
import dev.invaders.wire.CpuStates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/execute}'s body. {@code operands} and {@code memory} may be left out when empty;
 * {@code port} is given for IN only.
 */
public record ExecuteRequestJson(Integer opcode, List<Integer> operands, CpuStateJson state,
                                 List<MemoryByteJson> memory, PortJson port) {

    /** A memory byte: read (in a request) or written (in a response). */
    public record MemoryByteJson(Integer address, Integer value) {
    }

    /** The value the IN instruction's port supplies. */
    public record PortJson(Integer value) {
    }

    ExecuteRequest toCore() {
        if (state == null) {
            throw Problems.badRequest("state is missing");
        }
        List<Integer> ops = operands == null ? List.of() : operands;
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i) == null) {
                throw Problems.badRequest("operands[" + i + "] is null");
            }
        }
        Map<Integer, Integer> bytes = new LinkedHashMap<>();
        if (memory != null) {
            for (int i = 0; i < memory.size(); i++) {
                MemoryByteJson m = memory.get(i);
                if (m == null || m.address() == null || m.value() == null) {
                    throw Problems.badRequest("memory[" + i + "] needs an address and a value");
                }
                if (bytes.put(m.address(), m.value()) != null) {
                    throw Problems.badRequest("memory lists address " + m.address() + " more than once");
                }
            }
        }
        Integer portValue = null;
        if (port != null) {
            if (port.value() == null) {
                throw Problems.badRequest("port.value is missing");
            }
            portValue = port.value();
        }
        CpuState cpu;
        try {
            cpu = CpuStates.state(state, "state");
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest(e.getMessage());
        }
        return new ExecuteRequest(opcode, ops, cpu, bytes, portValue);
    }
}
