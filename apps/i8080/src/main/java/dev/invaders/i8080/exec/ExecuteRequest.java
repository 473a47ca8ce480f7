package dev.invaders.i8080.exec;

import dev.invaders.i8080.CpuState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * The input of one instruction. Only its shape is checked here (nothing null); whether it fits the
 * opcode (operand count, byte ranges, exactly the declared memory bytes, a port value for IN only) is
 * checked by {@link Execution#execute(ExecuteRequest)}, which names the problem.
 *
 * @param opcode    the opcode byte
 * @param operands  the bytes after the opcode: exactly {@code length - 1} of them
 * @param state     the CPU state with PC at the opcode
 * @param memory    address to value, for exactly the addresses {@link Execution#readAddresses} names
 * @param portValue the value the addressed port supplies, for IN; null for every other opcode
 */
public record ExecuteRequest(int opcode, List<Integer> operands, CpuState state, Map<Integer, Integer> memory,
                             Integer portValue) {

    public ExecuteRequest {
        if (operands == null) {
            throw new IllegalArgumentException("operands must be given (an empty list for a one-byte instruction)");
        }
        for (Integer operand : operands) {
            if (operand == null) {
                throw new IllegalArgumentException("an operand must be a byte (0-255), not null");
            }
        }
        if (state == null) {
            throw new IllegalArgumentException("the CPU state must be given");
        }
        if (memory == null) {
            throw new IllegalArgumentException("memory must be given (an empty map when nothing is read)");
        }
        Map<Integer, Integer> sorted = new TreeMap<>();
        for (Map.Entry<Integer, Integer> byteAt : memory.entrySet()) {
            if (byteAt.getKey() == null || byteAt.getValue() == null) {
                throw new IllegalArgumentException("a memory byte needs an address and a value");
            }
            sorted.put(byteAt.getKey(), byteAt.getValue());
        }
        operands = Collections.unmodifiableList(new ArrayList<>(operands));
        memory = Collections.unmodifiableMap(sorted);
    }

    /**
     * A request that reads exactly the declared memory bytes from {@code memory} (for example a whole
     * address space): what a fetch loop sends.
     */
    public static ExecuteRequest fromMemory(int opcode, List<Integer> operands, CpuState state,
                                            IntUnaryOperator memory, Integer portValue) {
        int operand1 = operands.size() > 0 ? operands.get(0) : 0;
        int operand2 = operands.size() > 1 ? operands.get(1) : 0;
        Map<Integer, Integer> bytes = new TreeMap<>();
        for (int address : Execution.readAddresses(opcode, state, operand1, operand2)) {
            bytes.put(address, memory.applyAsInt(address) & 0xFF);
        }
        return new ExecuteRequest(opcode, operands, state, bytes, portValue);
    }

    /** The first operand byte, or 0 for a one-byte instruction. */
    public int operand1() {
        return operands.isEmpty() ? 0 : operands.getFirst();
    }

    /** The second operand byte, or 0 for a one- or two-byte instruction. */
    public int operand2() {
        return operands.size() < 2 ? 0 : operands.get(1);
    }
}
