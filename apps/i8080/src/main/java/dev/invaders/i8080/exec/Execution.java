package dev.invaders.i8080.exec;

import static dev.invaders.i8080.Access.*;

import dev.invaders.i8080.Access;
import dev.invaders.i8080.Cpu;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Memory;
import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.i8080.Ports;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One 8080 instruction as a pure function of exactly the inputs the {@link OpcodeTable} declares.
 *
 * <p>It adds no opcode semantics: {@link #execute} runs the real {@link Cpu} for one step over a memory
 * that holds only the instruction's own bytes and the declared bytes, and fails on any other access
 * (which would be a bug in the table, not in the caller). {@code OpcodeTableConformanceTest} proves on
 * random states that every opcode reads and writes only what the table declares, which is what makes
 * {@link #inputKey} a safe cache key and {@link ExecuteResult#applyTo} a safe way to reuse a result.
 *
 * <p>A halted CPU executes nothing (the fetch loop idles it until an interrupt), so a request with
 * {@code halted} set is refused. EI's one-instruction delay before interrupts are accepted is the
 * fetch loop's to keep: it knows it just sent opcode 0xFB.
 */
public final class Execution {
    private static final int[] FLAG_MASKS = {CpuState.SIGN, CpuState.ZERO, CpuState.AUX_CARRY, CpuState.PARITY,
            CpuState.CARRY};
    private static final Access[] FLAG_PLACES = {FLAG_S, FLAG_Z, FLAG_AC, FLAG_P, FLAG_CY};

    private Execution() {
    }

    /**
     * Executes one instruction.
     *
     * @throws IllegalArgumentException when the request does not fit the opcode; the message says how
     * @throws IllegalStateException    when the CPU touched a place the table does not declare (a table bug)
     */
    public static ExecuteResult execute(ExecuteRequest request) {
        Opcode op = validate(request);
        CpuState before = request.state();
        int pc = before.pc();
        List<Integer> operands = request.operands();

        // The only bytes there are: the instruction at PC and the declared reads.
        Map<Integer, Integer> bytes = new HashMap<>(request.memory());
        bytes.put(pc, op.code());
        for (int i = 0; i < operands.size(); i++) {
            bytes.put((pc + 1 + i) & 0xFFFF, operands.get(i));
        }
        Set<Integer> writable = new LinkedHashSet<>(addresses(op, op.writes(), before, request.operand1(),
                request.operand2()));
        List<MemoryByte> writes = new ArrayList<>(2);
        Memory memory = new Memory() {
            @Override
            public int read(int address) {
                Integer value = bytes.get(address);
                if (value == null) {
                    throw new IllegalStateException(undeclared(op, "read memory at " + address));
                }
                return value;
            }

            @Override
            public void write(int address, int value) {
                if (!writable.contains(address)) {
                    throw new IllegalStateException(undeclared(op, "wrote memory at " + address));
                }
                writes.add(new MemoryByte(address, value));
                bytes.put(address, value);
            }
        };
        PortWrite[] out = new PortWrite[1];
        Ports ports = new Ports() {
            @Override
            public int in(int port) {
                if (!op.reads().contains(PORT)) {
                    throw new IllegalStateException(undeclared(op, "read port " + port));
                }
                return request.portValue();
            }

            @Override
            public void out(int port, int value) {
                if (!op.writes().contains(PORT) || out[0] != null) {
                    throw new IllegalStateException(undeclared(op, "wrote port " + port));
                }
                out[0] = new PortWrite(port, value);
            }
        };
        Cpu cpu = new Cpu(memory, ports);
        cpu.setState(before);
        int cycles = cpu.step();
        return new ExecuteResult(op.code(), cpu.state(), writes, out[0], cycles);
    }

    /**
     * The memory addresses an instruction reads, which a request must supply, in the order of the table's
     * places and, within a place, of the bytes (a 16-bit value's low byte first). Operands that the
     * instruction does not have are ignored.
     */
    public static List<Integer> readAddresses(int opcode, CpuState state, int operand1, int operand2) {
        checkOpcode(opcode);
        Opcode op = OpcodeTable.get(opcode);
        return List.copyOf(addresses(op, op.reads(), state, operand1, operand2));
    }

    /**
     * Exactly what the outcome of a (valid) request depends on, per the opcode table: the opcode, its
     * operands, and the values of the places it declares as read: registers, the declared flags (other
     * flag bits masked out), SP, INTE, the declared memory bytes (their addresses follow from registers and
     * operands already in the key) and the port value for IN.
     *
     * <p>PC is in the key where the table declares it read (CALL and RST push it; a conditional branch not
     * taken continues at it), as the address of the next instruction. Every other result is
     * position-independent: not writing PC means moving past the instruction, which
     * {@link ExecuteResult#applyTo} does for the state it is applied to.
     *
     * <p>Why this is cache-safe: {@code OpcodeTableConformanceTest} shows, for every opcode on random states,
     * that scrambling every undeclared input leaves the declared outputs and memory writes unchanged, and
     * that undeclared places are not changed; {@code ExecutionTest} checks that executing directly equals
     * applying a result computed from another state with the same key. Cycles are not in the key: a result
     * carries the cycles taken, which depend only on the key (conditional call and return timing follows
     * the declared flag).
     */
    public static InputKey inputKey(ExecuteRequest request) {
        Opcode op = validate(request);
        CpuState s = request.state();
        Set<Access> r = op.reads();
        // At most 19 bytes: opcode, 2 operands, 7 registers, flags, SP, PC, INTE, 2 memory bytes, the port.
        byte[] key = new byte[24];
        int n = 0;
        key[n++] = (byte) (op.code());
        for (int operand : request.operands()) {
            key[n++] = (byte) (operand);
        }
        if (r.contains(A)) key[n++] = (byte) (s.a());
        if (r.contains(B)) key[n++] = (byte) (s.b());
        if (r.contains(C)) key[n++] = (byte) (s.c());
        if (r.contains(D)) key[n++] = (byte) (s.d());
        if (r.contains(E)) key[n++] = (byte) (s.e());
        if (r.contains(H)) key[n++] = (byte) (s.h());
        if (r.contains(L)) key[n++] = (byte) (s.l());
        int flagMask = flagMask(r);
        if (flagMask != 0) {
            key[n++] = (byte) (s.flags() & flagMask);
        }
        if (r.contains(SP)) {
            key[n++] = (byte) (s.sp() & 0xFF);
            key[n++] = (byte) (s.sp() >>> 8);
        }
        if (r.contains(PC)) {
            int next = (s.pc() + op.length()) & 0xFFFF;
            key[n++] = (byte) (next & 0xFF);
            key[n++] = (byte) (next >>> 8);
        }
        if (r.contains(INTE)) {
            key[n++] = (byte) (s.inte() ? 1 : 0);
        }
        for (int address : addresses(op, r, s, request.operand1(), request.operand2())) {
            key[n++] = (byte) (int) request.memory().get(address);
        }
        if (r.contains(PORT)) {
            key[n++] = (byte) (int) request.portValue();
        }
        return new InputKey(java.util.Arrays.copyOf(key, n));
    }

    /** The flag bits (in the PSW layout) among the given places. */
    static int flagMask(Set<Access> places) {
        int mask = 0;
        for (int i = 0; i < FLAG_PLACES.length; i++) {
            if (places.contains(FLAG_PLACES[i])) {
                mask |= FLAG_MASKS[i];
            }
        }
        return mask;
    }

    // ---------------------------------------------------------------------------------------------

    private static Opcode validate(ExecuteRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("no request");
        }
        checkOpcode(request.opcode());
        Opcode op = OpcodeTable.get(request.opcode());
        List<Integer> operands = request.operands();
        if (operands.size() != op.length() - 1) {
            throw new IllegalArgumentException(describe(op) + " takes " + (op.length() - 1) + " operand byte"
                    + (op.length() == 2 ? "" : "s") + ", not " + operands.size());
        }
        for (int i = 0; i < operands.size(); i++) {
            int v = operands.get(i);
            if ((v & ~0xFF) != 0) {
                throw new IllegalArgumentException("operand " + (i + 1) + " must be a byte (0-255): " + v);
            }
        }
        CpuState state = request.state();
        if (state.halted()) {
            throw new IllegalArgumentException("the CPU is halted: a halted CPU executes no instruction until an"
                    + " interrupt");
        }
        Set<Integer> needed = new LinkedHashSet<>(addresses(op, op.reads(), state, request.operand1(),
                request.operand2()));
        Map<Integer, Integer> given = request.memory();
        for (Map.Entry<Integer, Integer> byteAt : given.entrySet()) {
            int address = byteAt.getKey();
            int value = byteAt.getValue();
            if ((address & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("a memory address must be 0-65535: " + address);
            }
            if ((value & ~0xFF) != 0) {
                throw new IllegalArgumentException("the memory byte at " + address + " must be 0-255: " + value);
            }
            if (!needed.contains(address)) {
                throw new IllegalArgumentException(describe(op) + " does not read memory at " + address + " (it reads "
                        + describe(needed) + ")");
            }
        }
        for (int address : needed) {
            if (!given.containsKey(address)) {
                throw new IllegalArgumentException(describe(op) + " reads memory at " + address + ": its byte is missing (it"
                        + " reads " + describe(needed) + ")");
            }
        }
        // A declared byte that is also one of the instruction's own bytes must agree with it.
        int pc = state.pc();
        for (int i = 0; i < op.length(); i++) {
            int address = (pc + i) & 0xFFFF;
            int expected = i == 0 ? op.code() : operands.get(i - 1);
            Integer value = given.get(address);
            if (value != null && value != expected) {
                throw new IllegalArgumentException("the memory byte at " + address + " is " + value + " but the"
                        + " instruction there has " + expected);
            }
        }
        Integer port = request.portValue();
        if (op.reads().contains(PORT)) {
            if (port == null) {
                throw new IllegalArgumentException(describe(op) + " reads a port: the port value is missing");
            }
            if ((port & ~0xFF) != 0) {
                throw new IllegalArgumentException("the port value must be a byte (0-255): " + port);
            }
        } else if (port != null) {
            throw new IllegalArgumentException(describe(op) + " reads no port: a port value is given only for IN");
        }
        return op;
    }

    private static void checkOpcode(int opcode) {
        if ((opcode & ~0xFF) != 0) {
            throw new IllegalArgumentException("the opcode must be a byte (0-255): " + opcode);
        }
    }

    private static final Access[] MEMORY_PLACES = java.util.Arrays.stream(Access.values()).filter(Access::isMemory)
            .toArray(Access[]::new);

    private static List<Integer> addresses(Opcode op, Set<Access> places, CpuState s, int operand1, int operand2) {
        List<Integer> out = new ArrayList<>(2);
        for (Access place : MEMORY_PLACES) {
            if (places.contains(place)) {
                int base = Opcode.address(place, s, operand1 & 0xFF, operand2 & 0xFF);
                for (int i = 0; i < op.width(place); i++) {
                    int address = (base + i) & 0xFFFF;
                    if (!out.contains(address)) {
                        out.add(address);
                    }
                }
            }
        }
        return out;
    }

    private static String describe(Opcode op) {
        return String.format("opcode 0x%02X (%s)", op.code(), op.mnemonic());
    }

    private static String describe(Set<Integer> addresses) {
        return addresses.isEmpty() ? "no memory" : addresses.toString();
    }

    private static String undeclared(Opcode op, String what) {
        return describe(op) + " " + what + ", which the opcode table does not declare";
    }
}
