package dev.invaders.i8080;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Proves the opcode table's read and write declarations on many random states, for every opcode.
 * Services route, cache and generate manifests from those declarations, so they must be exact:
 * <ul>
 *   <li>an instruction changes no state, memory or port outside its declared writes, and reads no
 *       memory or port outside its declared reads;</li>
 *   <li>its results depend on nothing but its declared reads: scrambling everything else leaves the
 *       declared writes with the same values (this is what makes result caching safe).</li>
 * </ul>
 */
class OpcodeTableConformanceTest {
    private static final int STATES_PER_OPCODE = 300;

    /** Memory whose every byte starts as a pseudo-random function of a seed; records every access. */
    static final class TrackingMemory implements Memory {
        final long seed;
        final Map<Integer, Integer> bytes = new java.util.HashMap<>();
        final Set<Integer> reads = new HashSet<>();
        final Map<Integer, Integer> writes = new java.util.HashMap<>();

        TrackingMemory(long seed) {
            this.seed = seed;
        }

        int initial(int address) {
            long z = seed + address * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return (int) ((z ^ (z >>> 31)) & 0xFF);
        }

        void set(int address, int value) {
            bytes.put(address, value);
        }

        @Override
        public int read(int address) {
            reads.add(address);
            return bytes.computeIfAbsent(address, this::initial);
        }

        @Override
        public void write(int address, int value) {
            writes.put(address, value);
            bytes.put(address, value);
        }
    }

    /** Ports that answer a fixed value per port and record use. */
    static final class TrackingPorts implements Ports {
        final int[] values = new int[256];
        final Set<Integer> ins = new HashSet<>();
        final Map<Integer, Integer> outs = new java.util.HashMap<>();

        TrackingPorts(Random random) {
            for (int i = 0; i < 256; i++) {
                values[i] = random.nextInt(256);
            }
        }

        @Override
        public int in(int port) {
            ins.add(port);
            return values[port];
        }

        @Override
        public void out(int port, int value) {
            outs.put(port, value);
        }
    }

    /** The outcome of one instruction: every state place's value after it, and memory and port writes. */
    record Outcome(Map<Access, Integer> state, Map<Integer, Integer> memWrites, Map<Integer, Integer> portWrites,
                   Set<Integer> memReads, Set<Integer> portReads, int cyclesSpent) {
    }

    @Test
    void everyOpcodeTouchesOnlyWhatTheTableDeclares() {
        Random random = new Random(8080);
        Set<String> failures = new TreeSet<>();
        for (Opcode op : OpcodeTable.all()) {
            for (int i = 0; i < STATES_PER_OPCODE && failures.size() < 20; i++) {
                long seed = random.nextLong();
                check(op, seed, failures);
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " violations:\n" + String.join("\n", failures));
        }
    }

    private static void check(Opcode op, long seed, Set<String> failures) {
        Random random = new Random(seed);
        CpuState before = randomState(random);
        int operand1 = random.nextInt(256);
        int operand2 = random.nextInt(256);
        long memSeed = random.nextLong();
        Outcome first = run(op, before, operand1, operand2, memSeed, memSeed);

        String where = String.format("%02X %-10s ", op.code(), op.mnemonic());
        Set<Integer> fetched = instructionAddresses(before.pc(), op.length());
        // 1. Writes stay inside the declaration.
        for (Access place : Access.values()) {
            if (!place.isState() || op.writes().contains(place)) {
                continue;
            }
            int was = place == Access.PC ? (before.pc() + op.length()) & 0xFFFF : value(before, place);
            if (first.state().get(place) != was) {
                failures.add(where + "changed undeclared " + place);
            }
        }
        Set<Integer> allowedWrites = addresses(op, op.writes(), before, operand1, operand2);
        for (int address : first.memWrites().keySet()) {
            if (!allowedWrites.contains(address)) {
                failures.add(where + "wrote undeclared memory " + Integer.toHexString(address));
            }
        }
        if (!first.portWrites().isEmpty() && !op.writes().contains(Access.PORT)) {
            failures.add(where + "wrote a port without declaring PORT");
        }
        // 2. Reads stay inside the declaration (instruction fetch aside).
        Set<Integer> allowedReads = addresses(op, op.reads(), before, operand1, operand2);
        for (int address : first.memReads()) {
            if (!allowedReads.contains(address) && !fetched.contains(address)) {
                failures.add(where + "read undeclared memory " + Integer.toHexString(address));
            }
        }
        if (!first.portReads().isEmpty() && !op.reads().contains(Access.PORT)) {
            failures.add(where + "read a port without declaring PORT");
        }
        // 3. Results depend only on the declared reads: scramble every other input and compare.
        CpuState scrambled = scramble(op, before, random);
        Outcome second = run(op, scrambled, operand1, operand2, memSeed, random.nextLong());
        for (Access place : op.writes()) {
            if (place.isState() && !first.state().get(place).equals(second.state().get(place))) {
                failures.add(where + place + " depends on an undeclared input");
            }
        }
        if (!first.memWrites().equals(second.memWrites())) {
            failures.add(where + "memory writes depend on an undeclared input");
        }
        if (op.cycles() != first.cyclesSpent() && op.cyclesTaken() != first.cyclesSpent()) {
            failures.add(where + "spent " + first.cyclesSpent() + " cycles, table says " + op.cycles() + "/"
                    + op.cyclesTaken());
        }
    }

    /**
     * Runs one instruction. The declared-read memory comes from declaredSeed and all other memory from
     * otherSeed, so a second run with another otherSeed scrambles exactly the undeclared bytes.
     */
    private static Outcome run(Opcode op, CpuState state, int operand1, int operand2, long declaredSeed, long otherSeed) {
        TrackingMemory mem = new TrackingMemory(otherSeed);
        Random declared = new Random(declaredSeed);
        for (int address : addresses(op, op.reads(), state, operand1, operand2)) {
            mem.set(address, declared.nextInt(256));
        }
        int pc = state.pc();
        mem.set(pc, op.code());
        if (op.length() > 1) {
            mem.set((pc + 1) & 0xFFFF, operand1);
        }
        if (op.length() > 2) {
            mem.set((pc + 2) & 0xFFFF, operand2);
        }
        TrackingPorts ports = new TrackingPorts(new Random(declaredSeed));
        Cpu cpu = new Cpu(mem, ports);
        cpu.setState(state);
        mem.reads.clear();
        int spent = cpu.step();
        CpuState after = cpu.state();
        Map<Access, Integer> values = new EnumMap<>(Access.class);
        for (Access place : Access.values()) {
            if (place.isState()) {
                values.put(place, value(after, place));
            }
        }
        return new Outcome(values, mem.writes, ports.outs, mem.reads, ports.ins, spent);
    }

    private static Set<Integer> instructionAddresses(int pc, int length) {
        Set<Integer> s = new HashSet<>();
        for (int i = 0; i < length; i++) {
            s.add((pc + i) & 0xFFFF);
        }
        return s;
    }

    private static Set<Integer> addresses(Opcode op, Set<Access> places, CpuState s, int operand1, int operand2) {
        Set<Integer> out = new HashSet<>();
        for (Access place : places) {
            if (place.isMemory()) {
                int base = Opcode.address(place, s, operand1, operand2);
                for (int i = 0; i < op.width(place); i++) {
                    out.add((base + i) & 0xFFFF);
                }
            }
        }
        return out;
    }

    static CpuState randomState(Random r) {
        return new CpuState(r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256),
                r.nextInt(256), r.nextInt(256), r.nextInt(0x10000), r.nextInt(0x10000), r.nextInt(256),
                r.nextBoolean(), false, r.nextInt(1_000_000));
    }

    /** A copy of s with every state place the opcode does not declare as read given a new random value. */
    private static CpuState scramble(Opcode op, CpuState s, Random r) {
        Set<Access> keep = op.reads();
        int a = keep.contains(Access.A) ? s.a() : r.nextInt(256);
        int b = keep.contains(Access.B) ? s.b() : r.nextInt(256);
        int c = keep.contains(Access.C) ? s.c() : r.nextInt(256);
        int d = keep.contains(Access.D) ? s.d() : r.nextInt(256);
        int e = keep.contains(Access.E) ? s.e() : r.nextInt(256);
        int h = keep.contains(Access.H) ? s.h() : r.nextInt(256);
        int l = keep.contains(Access.L) ? s.l() : r.nextInt(256);
        int sp = keep.contains(Access.SP) ? s.sp() : r.nextInt(0x10000);
        int flags = 0;
        int[] masks = {CpuState.SIGN, CpuState.ZERO, CpuState.AUX_CARRY, CpuState.PARITY, CpuState.CARRY};
        Access[] flagPlaces = {Access.FLAG_S, Access.FLAG_Z, Access.FLAG_AC, Access.FLAG_P, Access.FLAG_CY};
        for (int i = 0; i < masks.length; i++) {
            boolean set = keep.contains(flagPlaces[i]) ? s.flag(masks[i]) : r.nextBoolean();
            flags |= set ? masks[i] : 0;
        }
        boolean inte = keep.contains(Access.INTE) ? s.inte() : r.nextBoolean();
        // An instruction that does not read PC must give the same results wherever it sits: move it.
        int pc = keep.contains(Access.PC) ? s.pc() : r.nextInt(0x10000);
        return new CpuState(a, b, c, d, e, h, l, sp, pc, flags, inte, false, s.cycles());
    }

    static int value(CpuState s, Access place) {
        return switch (place) {
            case A -> s.a();
            case B -> s.b();
            case C -> s.c();
            case D -> s.d();
            case E -> s.e();
            case H -> s.h();
            case L -> s.l();
            case SP -> s.sp();
            case PC -> s.pc();
            case FLAG_S -> s.flag(CpuState.SIGN) ? 1 : 0;
            case FLAG_Z -> s.flag(CpuState.ZERO) ? 1 : 0;
            case FLAG_AC -> s.flag(CpuState.AUX_CARRY) ? 1 : 0;
            case FLAG_P -> s.flag(CpuState.PARITY) ? 1 : 0;
            case FLAG_CY -> s.flag(CpuState.CARRY) ? 1 : 0;
            case INTE -> s.inte() ? 1 : 0;
            case HALT -> s.halted() ? 1 : 0;
            default -> throw new IllegalArgumentException(place.toString());
        };
    }

    @Test
    void tableIsCompleteAndConsistent() {
        assertEquals(256, OpcodeTable.all().size());
        for (Opcode op : OpcodeTable.all()) {
            assertTrue(op.length() >= 1 && op.length() <= 3, op.mnemonic());
            int placeholders = op.mnemonic().contains("d16") || op.mnemonic().contains("a16") ? 2
                    : op.mnemonic().contains("d8") ? 1 : 0;
            assertEquals(op.length() - 1, placeholders, () -> op.mnemonic() + ": length and operands disagree");
            for (Access place : op.reads()) {
                if (place.isMemory()) {
                    assertTrue(op.width(place) > 0, op.mnemonic() + " " + place);
                }
            }
        }
        assertEquals(12, OpcodeTable.all().stream().filter(o -> !o.documented()).count(), "undocumented opcodes");
        assertEquals(Family.values().length, OpcodeTable.all().stream().map(Opcode::family).distinct().count(),
                "every family serves at least one opcode");
    }
}
