package dev.invaders.i8080;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.i8080.asm.Assembler;
import dev.invaders.i8080.asm.Program;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Small helpers for CPU tests: assemble a snippet, load it into fresh RAM with PC at its origin, and
 * run it until HLT. Expected values in the tests are worked out by hand from the 8080 manual, never
 * from this core.
 */
public final class CpuTestSupport {
    /** A snippet that has not halted after this many instructions is a failure, not a hang. */
    public static final int MAX_INSTRUCTIONS = 100_000;

    private CpuTestSupport() {
    }

    /** Assembles and loads source; PC is at its origin, every register and flag as after reset. */
    public static Machine load(String source) {
        Program program = Assembler.assemble(source);
        Ram ram = new Ram();
        program.load(ram);
        RecordingPorts ports = new RecordingPorts();
        Cpu cpu = new Cpu(ram, ports);
        cpu.setPc(program.origin());
        return new Machine(cpu, ram, program, ports);
    }

    /** Assembles, loads and runs source until HLT. */
    public static Machine run(String source) {
        return load(source).runToHalt();
    }

    /** The flag byte as PUSH PSW stores it for the given flags: bit 1 set, bits 3 and 5 clear. */
    public static int psw(int flags) {
        return flags | 0x02;
    }

    /** Asserts the complete flag byte: exactly the given flags are set (bit 1 always). */
    public static void assertFlags(int expected, Cpu cpu) {
        assertFlags(expected, cpu, "flags");
    }

    public static void assertFlags(int expected, Cpu cpu, String message) {
        assertEquals(describe(psw(expected)), describe(cpu.flags()), message);
    }

    /** Parses flag names "S Z AC P CY" (any subset, any order; empty for none) into a mask. */
    public static int flags(String names) {
        int f = 0;
        for (String n : names.trim().split("\\s+")) {
            f |= switch (n) {
                case "" -> 0;
                case "S" -> CpuState.SIGN;
                case "Z" -> CpuState.ZERO;
                case "AC" -> CpuState.AUX_CARRY;
                case "P" -> CpuState.PARITY;
                case "CY" -> CpuState.CARRY;
                default -> throw new IllegalArgumentException("no flag " + n);
            };
        }
        return f;
    }

    /** "S Z AC P CY" style names of a flag byte, with its hex value. */
    public static String describe(int flags) {
        StringBuilder s = new StringBuilder();
        String[] names = {"CY", "1", "P", "0", "AC", "0", "Z", "S"};
        for (int bit = 7; bit >= 0; bit--) {
            if ((flags & 1 << bit) != 0 && !names[bit].equals("1")) {
                s.append(names[bit].equals("0") ? "bit" + bit : names[bit]).append(' ');
            }
        }
        return String.format("%02Xh [%s]", flags, s.toString().trim());
    }

    /** A CPU with its RAM, its assembled program and a port recorder. */
    public record Machine(Cpu cpu, Ram ram, Program program, RecordingPorts ports) {

        /** Steps until the CPU halts; fails after {@link #MAX_INSTRUCTIONS}. */
        public Machine runToHalt() {
            for (int i = 0; i < MAX_INSTRUCTIONS && !cpu.halted(); i++) {
                cpu.step();
            }
            assertTrue(cpu.halted(), "did not halt within " + MAX_INSTRUCTIONS + " instructions; PC="
                    + Integer.toHexString(cpu.pc()));
            return this;
        }

        /** Steps until PC is at the label; fails if it never gets there. */
        public Machine runTo(String label) {
            int target = program.symbol(label);
            for (int i = 0; i < MAX_INSTRUCTIONS && cpu.pc() != target; i++) {
                assertTrue(!cpu.halted(), "halted before reaching " + label);
                cpu.step();
            }
            assertEquals(target, cpu.pc(), "did not reach " + label);
            return this;
        }

        /** Executes one instruction and returns its cycles. */
        public int step() {
            return cpu.step();
        }

        public int symbol(String name) {
            return program.symbol(name);
        }

        public CpuState state() {
            return cpu.state();
        }

        public int mem(int address) {
            return ram.read(address);
        }

        /** The little-endian word at address (high byte at address + 1, wrapping). */
        public int word(int address) {
            return ram.read(address) | ram.read((address + 1) & 0xFFFF) << 8;
        }
    }

    /** Ports that answer IN from a table (0 otherwise) and record every IN and OUT in order. */
    public static final class RecordingPorts implements Ports {
        /** One bus event: an IN (value read) or an OUT (value written). */
        public record Event(boolean out, int port, int value) {
        }

        private final Map<Integer, Integer> inputs = new HashMap<>();
        private final List<Event> events = new ArrayList<>();

        public RecordingPorts input(int port, int value) {
            inputs.put(port, value);
            return this;
        }

        public List<Event> events() {
            return events;
        }

        @Override
        public int in(int port) {
            int value = inputs.getOrDefault(port, 0);
            events.add(new Event(false, port, value));
            return value;
        }

        @Override
        public void out(int port, int value) {
            events.add(new Event(true, port, value));
        }
    }
}
