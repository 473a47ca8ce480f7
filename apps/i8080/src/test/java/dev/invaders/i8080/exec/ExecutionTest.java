package dev.invaders.i8080.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.invaders.i8080.Access;
import dev.invaders.i8080.Cpu;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Memory;
import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.i8080.Ports;
import dev.invaders.i8080.Ram;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Expected values are worked out by hand from the 8080 manual, except where the Cpu itself is the oracle. */
class ExecutionTest {
    private static final int STATES_PER_OPCODE = 200;

    private static CpuState state(int a, int b, int sp, int pc, int flags) {
        return new CpuState(a, b, 0, 0, 0, 0, 0, sp, pc, flags, false, false, 1000);
    }

    // --- hand-checked instructions ------------------------------------------------------------------

    @Test
    void addSetsEveryFlag() {
        // ADD B: 0x8F + 0x71 = 0x100 -> A=0, carry out, aux carry (0xF + 0x1), zero, even parity.
        ExecuteResult r = Execution.execute(new ExecuteRequest(0x80, List.of(), state(0x8F, 0x71, 0, 0x100, 0),
                Map.of(), null));
        assertEquals(0x00, r.state().a());
        assertEquals(CpuState.ZERO | CpuState.AUX_CARRY | CpuState.PARITY | CpuState.CARRY | 0x02, r.state().flags());
        assertEquals(0x101, r.state().pc());
        assertEquals(4, r.cycles());
        assertEquals(1004, r.state().cycles());
        assertTrue(r.writes().isEmpty());
        assertNull(r.out());
    }

    @Test
    void callPushesTheReturnAddress() {
        // CALL 0x1000 at 0x0100: pushes 0x0103 at SP-2 (low byte first), SP 0x2400 -> 0x23FE.
        CpuState s = state(0, 0, 0x2400, 0x0100, 0);
        List<Integer> needed = Execution.readAddresses(0xCD, s, 0x00, 0x10);
        assertEquals(List.of(), needed, "CALL reads no memory");
        ExecuteResult r = Execution.execute(new ExecuteRequest(0xCD, List.of(0x00, 0x10), s, Map.of(), null));
        assertEquals(0x1000, r.state().pc());
        assertEquals(0x23FE, r.state().sp());
        assertEquals(List.of(new MemoryByte(0x23FE, 0x03), new MemoryByte(0x23FF, 0x01)), r.writes());
        assertEquals(17, r.cycles());
    }

    @Test
    void ldaReadsTheDeclaredByte() {
        CpuState s = state(0, 0, 0, 0x0200, 0);
        assertEquals(List.of(0x20C0), Execution.readAddresses(0x3A, s, 0xC0, 0x20));
        ExecuteResult r = Execution.execute(new ExecuteRequest(0x3A, List.of(0xC0, 0x20), s, Map.of(0x20C0, 0x5A),
                null));
        assertEquals(0x5A, r.state().a());
        assertEquals(0x0203, r.state().pc());
        assertEquals(13, r.cycles());
    }

    @Test
    void outAndIn() {
        ExecuteResult out = Execution.execute(new ExecuteRequest(0xD3, List.of(0x03), state(0x42, 0, 0, 0, 0),
                Map.of(), null));
        assertEquals(new PortWrite(0x03, 0x42), out.out());
        assertEquals(10, out.cycles());
        ExecuteResult in = Execution.execute(new ExecuteRequest(0xDB, List.of(0x01), state(0, 0, 0, 0, 0), Map.of(),
                0x99));
        assertEquals(0x99, in.state().a());
        assertNull(in.out());
    }

    @Test
    void conditionalReturnTakenAndNot() {
        CpuState zero = state(0, 0, 0x3000, 0x0500, CpuState.ZERO);
        Map<Integer, Integer> stack = Map.of(0x3000, 0x34, 0x3001, 0x12);
        ExecuteResult taken = Execution.execute(new ExecuteRequest(0xC8, List.of(), zero, stack, null)); // RZ
        assertEquals(0x1234, taken.state().pc());
        assertEquals(0x3002, taken.state().sp());
        assertEquals(11, taken.cycles());
        ExecuteResult notTaken = Execution.execute(new ExecuteRequest(0xC0, List.of(), zero, stack, null)); // RNZ
        assertEquals(0x0501, notTaken.state().pc());
        assertEquals(0x3000, notTaken.state().sp());
        assertEquals(5, notTaken.cycles());
    }

    @Test
    void xthlReadsBeforeItWrites() {
        CpuState s = new CpuState(0, 0, 0, 0, 0, 0x12, 0x34, 0x4000, 0, 0, false, false, 0);
        ExecuteResult r = Execution.execute(new ExecuteRequest(0xE3, List.of(), s, Map.of(0x4000, 0xCD, 0x4001, 0xAB),
                null));
        assertEquals(0xAB, r.state().h());
        assertEquals(0xCD, r.state().l());
        assertEquals(List.of(new MemoryByte(0x4000, 0x34), new MemoryByte(0x4001, 0x12)), r.writes());
    }

    @Test
    void hltHaltsAndEiEnables() {
        ExecuteResult hlt = Execution.execute(new ExecuteRequest(0x76, List.of(), state(0, 0, 0, 7, 0), Map.of(), null));
        assertTrue(hlt.state().halted());
        assertEquals(8, hlt.state().pc());
        ExecuteResult ei = Execution.execute(new ExecuteRequest(0xFB, List.of(), state(0, 0, 0, 7, 0), Map.of(), null));
        assertTrue(ei.state().inte());
    }

    @Test
    void stackAddressesWrapAround() {
        CpuState s = state(0, 0, 0xFFFF, 0, 0);
        assertEquals(List.of(0xFFFF, 0x0000), Execution.readAddresses(0xC9, s, 0, 0));
        CpuState low = state(0, 0, 0x0001, 0x100, 0);
        ExecuteResult r = Execution.execute(new ExecuteRequest(0xC5, List.of(), low, Map.of(), null)); // PUSH B
        assertEquals(List.of(new MemoryByte(0xFFFF, 0), new MemoryByte(0x0000, 0)), r.writes());
    }

    // --- validation -----------------------------------------------------------------------------------

    private static String rejected(ExecuteRequest request) {
        return assertThrows(IllegalArgumentException.class, () -> Execution.execute(request)).getMessage();
    }

    @Test
    void badRequestsAreNamed() {
        CpuState s = state(0, 0, 0x2000, 0x100, 0);
        assertTrue(rejected(new ExecuteRequest(256, List.of(), s, Map.of(), null)).contains("opcode must be a byte"));
        assertTrue(rejected(new ExecuteRequest(-1, List.of(), s, Map.of(), null)).contains("opcode must be a byte"));
        assertTrue(rejected(new ExecuteRequest(0xCD, List.of(1), s, Map.of(), null))
                .contains("takes 2 operand bytes, not 1"));
        assertTrue(rejected(new ExecuteRequest(0x00, List.of(1), s, Map.of(), null))
                .contains("takes 0 operand bytes, not 1"));
        assertTrue(rejected(new ExecuteRequest(0x06, List.of(300), s, Map.of(), null))
                .contains("operand 1 must be a byte"));
        assertTrue(rejected(new ExecuteRequest(0x3A, List.of(0, 0x30), s, Map.of(), null))
                .contains("reads memory at 12288: its byte is missing"));
        assertTrue(rejected(new ExecuteRequest(0x3A, List.of(0, 0x30), s, Map.of(0x3000, 1, 0x3001, 2), null))
                .contains("does not read memory at 12289"));
        assertTrue(rejected(new ExecuteRequest(0x00, List.of(), s, Map.of(5, 1), null))
                .contains("does not read memory at 5 (it reads no memory)"));
        assertTrue(rejected(new ExecuteRequest(0x3A, List.of(0, 0x30), s, Map.of(0x3000, 256), null))
                .contains("must be 0-255"));
        assertTrue(rejected(new ExecuteRequest(0x3A, List.of(0, 0x30), s, Map.of(0x13000, 1), null))
                .contains("must be 0-65535"));
        assertTrue(rejected(new ExecuteRequest(0xDB, List.of(1), s, Map.of(), null))
                .contains("the port value is missing"));
        assertTrue(rejected(new ExecuteRequest(0xDB, List.of(1), s, Map.of(), 256))
                .contains("port value must be a byte"));
        assertTrue(rejected(new ExecuteRequest(0xD3, List.of(1), s, Map.of(), 5))
                .contains("a port value is given only for IN"));
        CpuState halted = new CpuState(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, true, 0);
        assertTrue(rejected(new ExecuteRequest(0x00, List.of(), halted, Map.of(), null)).contains("halted"));
        // LDA reading its own operand byte: the byte given must be that operand.
        assertTrue(rejected(new ExecuteRequest(0x3A, List.of(0x01, 0x01), state(0, 0, 0, 0x100, 0),
                Map.of(0x101, 7), null)).contains("the instruction there has 1"));
        assertThrows(IllegalArgumentException.class, () -> new ExecuteRequest(0, null, s, Map.of(), null));
        assertThrows(IllegalArgumentException.class, () -> new ExecuteRequest(0, List.of(), null, Map.of(), null));
    }

    @Test
    void anInstructionMayReadItsOwnBytes() {
        // LDA 0x0101 at 0x0100 reads its own first operand byte (0x01).
        ExecuteResult r = Execution.execute(new ExecuteRequest(0x3A, List.of(0x01, 0x01), state(0, 0, 0, 0x100, 0),
                Map.of(0x101, 0x01), null));
        assertEquals(0x01, r.state().a());
    }

    // --- the Cpu is the one definition ----------------------------------------------------------------

    @Test
    void executeEqualsTheCpuOverAWholeMemory() {
        Random random = new Random(80);
        for (Opcode op : OpcodeTable.all()) {
            for (int i = 0; i < 50; i++) {
                CpuState s = randomState(random);
                List<Integer> operands = randomOperands(op, random);
                Ram ram = new Ram();
                byte[] image = new byte[0x10000];
                random.nextBytes(image);
                ram.load(0, image);
                ram.write(s.pc(), op.code());
                for (int k = 0; k < operands.size(); k++) {
                    ram.write((s.pc() + 1 + k) & 0xFFFF, operands.get(k));
                }
                Integer port = op.reads().contains(Access.PORT) ? random.nextInt(256) : null;
                ExecuteRequest request = ExecuteRequest.fromMemory(op.code(), operands, s, ram::read, port);
                ExecuteResult result = Execution.execute(request);

                List<MemoryByte> cpuWrites = new ArrayList<>();
                byte[] bytes = ram.snapshot();
                Memory shadow = new Memory() {
                    @Override
                    public int read(int address) {
                        return bytes[address] & 0xFF;
                    }

                    @Override
                    public void write(int address, int value) {
                        cpuWrites.add(new MemoryByte(address, value));
                        bytes[address] = (byte) value;
                    }
                };
                int[][] portOut = new int[1][];
                Cpu cpu = new Cpu(shadow, new Ports() {
                    @Override
                    public int in(int p) {
                        return port;
                    }

                    @Override
                    public void out(int p, int value) {
                        portOut[0] = new int[] {p, value};
                    }
                });
                cpu.setState(s);
                int cycles = cpu.step();
                String where = String.format("%02X %s", op.code(), op.mnemonic());
                assertEquals(cpu.state(), result.state(), where);
                assertEquals(cycles, result.cycles(), where);
                assertEquals(cpuWrites, result.writes(), where);
                assertEquals(portOut[0] == null ? null : new PortWrite(portOut[0][0], portOut[0][1]), result.out(),
                        where);
            }
        }
    }

    // --- caching ----------------------------------------------------------------------------------------

    /**
     * For every opcode on random states: a result computed from one state, applied to another state with the
     * same input key (every undeclared place scrambled: registers, flags, SP, INTE, PC where not in the key,
     * cycles, and all memory but the declared bytes), equals executing on that other state directly.
     */
    @Test
    void aCachedResultAppliesToEveryStateWithTheSameKey() {
        Random random = new Random(8080);
        Set<String> failures = new TreeSet<>();
        for (Opcode op : OpcodeTable.all()) {
            for (int i = 0; i < STATES_PER_OPCODE && failures.size() < 20; i++) {
                CpuState first = randomState(random);
                List<Integer> operands = randomOperands(op, random);
                Integer port = op.reads().contains(Access.PORT) ? random.nextInt(256) : null;
                long memorySeed = random.nextLong();
                ExecuteRequest request = ExecuteRequest.fromMemory(op.code(), operands, first,
                        a -> instructionOr(op, operands, first, a, memorySeed), port);
                ExecuteResult cached = Execution.execute(request);
                assertEquals(cached, cached.applyTo(first), "applying a result to its own state changes nothing");
                InputKey key = Execution.inputKey(request);

                ExecuteRequest other = null;
                for (int attempt = 0; attempt < 20 && other == null; attempt++) {
                    CpuState second = scramble(op, first, random);
                    ExecuteRequest candidate = ExecuteRequest.fromMemory(op.code(), operands, second,
                            a -> request.memory().getOrDefault(a, instructionOr(op, operands, second, a, memorySeed)),
                            port);
                    if (overlapsInstruction(op, candidate)) {
                        continue; // the declared bytes would have to be the instruction's own: another PC
                    }
                    other = candidate;
                }
                if (other == null) {
                    continue;
                }
                String where = String.format("%02X %-10s ", op.code(), op.mnemonic());
                if (!key.equals(Execution.inputKey(other))) {
                    failures.add(where + "scrambling undeclared places changed the key");
                    continue;
                }
                ExecuteResult direct = Execution.execute(other);
                ExecuteResult reused = cached.applyTo(other.state());
                if (!direct.equals(reused)) {
                    failures.add(where + "direct " + direct + " != reused " + reused);
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures));
        }
    }

    /**
     * Footprint's packed key holds exactly {@code inputKey}'s bytes (the opcode in the low byte, the rest above
     * it in order), for every opcode on random states: so two packed keys are equal exactly when the input
     * keys are.
     */
    @Test
    void thePackedKeyIsTheInputKey() {
        Random random = new Random(8085);
        Set<String> failures = new TreeSet<>();
        for (Opcode op : OpcodeTable.all()) {
            for (int i = 0; i < STATES_PER_OPCODE && failures.size() < 20; i++) {
                CpuState s = i % 2 == 0 ? randomState(random) : smallState(random);
                List<Integer> operands = randomOperands(op, random);
                int port = random.nextInt(256);
                long memorySeed = random.nextLong();
                ExecuteRequest request = ExecuteRequest.fromMemory(op.code(), operands, s,
                        a -> instructionOr(op, operands, s, a, memorySeed),
                        op.reads().contains(Access.PORT) ? port : null);
                byte[] expected = Execution.inputKey(request).bytes();
                Registers regs = new Registers();
                regs.set(s);
                Memory memory = new Memory() {
                    @Override
                    public int read(int address) {
                        return instructionOr(op, operands, s, address, memorySeed);
                    }

                    @Override
                    public void write(int address, int value) {
                        throw new AssertionError("the key writes nothing");
                    }
                };
                long packed = Footprint.key(op.code(), request.operand1(), request.operand2(), regs, memory, port);
                byte[] actual = new byte[Footprint.keyLength(op.code())];
                actual[0] = (byte) packed;
                for (int k = actual.length - 1; k >= 1; k--) {
                    packed >>>= 8;
                    actual[k] = (byte) packed;
                }
                if (actual.length > 1 && packed >>> 8 != 0) {
                    failures.add(String.format("%02X %-10s bits above its %d bytes", op.code(), op.mnemonic(),
                            actual.length));
                }
                if (!java.util.Arrays.equals(expected, actual)) {
                    failures.add(String.format("%02X %-10s inputKey %s, packed %s", op.code(), op.mnemonic(),
                            java.util.HexFormat.of().formatHex(expected), java.util.HexFormat.of().formatHex(actual)));
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures));
        }
    }

    /** Footprint.apply changes registers in place exactly as applyTo makes a new state, for every opcode. */
    @Test
    void applyingInPlaceIsApplyTo() {
        Random random = new Random(8086);
        Set<String> failures = new TreeSet<>();
        for (Opcode op : OpcodeTable.all()) {
            for (int i = 0; i < STATES_PER_OPCODE && failures.size() < 20; i++) {
                CpuState first = randomState(random);
                List<Integer> operands = randomOperands(op, random);
                Integer port = op.reads().contains(Access.PORT) ? random.nextInt(256) : null;
                long memorySeed = random.nextLong();
                ExecuteResult result = Execution.execute(ExecuteRequest.fromMemory(op.code(), operands, first,
                        a -> instructionOr(op, operands, first, a, memorySeed), port));
                CpuState other = randomState(random);
                Registers regs = new Registers();
                regs.set(other);
                Footprint.apply(op.code(), result.state(), result.cycles(), regs);
                CpuState expected = result.applyTo(other).state();
                if (!expected.equals(regs.toState())) {
                    failures.add(String.format("%02X %-10s applyTo %s, in place %s", op.code(), op.mnemonic(), expected,
                            regs.toState()));
                }
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " failures:\n" + String.join("\n", failures));
        }
    }

    @Test
    void theLongestInputKeyFitsALong() {
        int longest = 0;
        for (Opcode op : OpcodeTable.all()) {
            longest = Math.max(longest, Footprint.keyLength(op.code()));
            assertEquals(op.length(), Footprint.length(op.code()));
            assertEquals(op.reads().contains(Access.PORT), Footprint.readsPort(op.code()));
        }
        assertEquals(8, longest, "a conditional call or return: opcode, 2 operands, a flag, SP, PC");
    }

    @Test
    void aBranchNotTakenDependsOnWhereItIs() {
        // JNZ with Z set falls through to the next instruction: two places, two results, two keys.
        CpuState here = state(0, 0, 0, 0x100, CpuState.ZERO);
        CpuState there = here.withPc(0x200);
        ExecuteRequest a = new ExecuteRequest(0xC2, List.of(0, 0x30), here, Map.of(), null);
        ExecuteRequest b = new ExecuteRequest(0xC2, List.of(0, 0x30), there, Map.of(), null);
        assertEquals(0x103, Execution.execute(a).state().pc());
        assertEquals(0x203, Execution.execute(b).state().pc());
        assertNotEquals(Execution.inputKey(a), Execution.inputKey(b));
        // An unconditional JMP does not depend on where it is.
        ExecuteRequest jmpHere = new ExecuteRequest(0xC3, List.of(0, 0x30), here, Map.of(), null);
        ExecuteRequest jmpThere = new ExecuteRequest(0xC3, List.of(0, 0x30), there, Map.of(), null);
        assertEquals(Execution.inputKey(jmpHere), Execution.inputKey(jmpThere));
        // Nor does ADD B, whatever the rest of the state.
        ExecuteRequest add1 = new ExecuteRequest(0x80, List.of(), state(1, 2, 0x1234, 0x100, 0xFF), Map.of(), null);
        ExecuteRequest add2 = new ExecuteRequest(0x80, List.of(), state(1, 2, 0x4321, 0x999, 0x00), Map.of(), null);
        assertEquals(Execution.inputKey(add1), Execution.inputKey(add2));
        assertEquals("800102", Execution.inputKey(add1).toString());
    }

    @Test
    void memoryAddressesInTheKeyFollowFromDeclaredInputs() {
        // The key holds memory values without their addresses: each memory place's address must come from
        // places that are themselves in the key (registers or operands).
        for (Opcode op : OpcodeTable.all()) {
            Set<Access> r = op.reads();
            if (r.contains(Access.MEM_HL)) assertTrue(r.contains(Access.H) && r.contains(Access.L), op.mnemonic());
            if (r.contains(Access.MEM_BC)) assertTrue(r.contains(Access.B) && r.contains(Access.C), op.mnemonic());
            if (r.contains(Access.MEM_DE)) assertTrue(r.contains(Access.D) && r.contains(Access.E), op.mnemonic());
            if (r.contains(Access.MEM_STACK)) assertTrue(r.contains(Access.SP), op.mnemonic());
            if (r.contains(Access.MEM_PUSH)) assertTrue(r.contains(Access.SP), op.mnemonic());
            if (r.contains(Access.MEM_DIRECT)) assertEquals(3, op.length(), op.mnemonic());
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static boolean overlapsInstruction(Opcode op, ExecuteRequest request) {
        int pc = request.state().pc();
        for (int i = 0; i < op.length(); i++) {
            if (request.memory().containsKey((pc + i) & 0xFFFF)) {
                return true;
            }
        }
        return false;
    }

    /** The instruction's own byte at address, or a pseudo-random byte. */
    private static int instructionOr(Opcode op, List<Integer> operands, CpuState s, int address, long seed) {
        int offset = (address - s.pc()) & 0xFFFF;
        if (offset < op.length()) {
            return offset == 0 ? op.code() : operands.get(offset - 1);
        }
        long z = (seed + address) * 0x9E3779B97F4A7C15L;
        return (int) ((z ^ (z >>> 29)) >>> 56) & 0xFF;
    }

    private static List<Integer> randomOperands(Opcode op, Random random) {
        List<Integer> operands = new ArrayList<>();
        for (int k = 1; k < op.length(); k++) {
            operands.add(random.nextInt(256));
        }
        return operands;
    }

    /** Registers and SP near zero and 0xFF (byte-order mistakes show there), PC anywhere. */
    private static CpuState smallState(Random r) {
        int[] v = {0, 1, 2, 0x7F, 0x80, 0xFE, 0xFF};
        return new CpuState(v[r.nextInt(v.length)], v[r.nextInt(v.length)], v[r.nextInt(v.length)],
                v[r.nextInt(v.length)], v[r.nextInt(v.length)], v[r.nextInt(v.length)], v[r.nextInt(v.length)],
                v[r.nextInt(v.length)] << 8 | v[r.nextInt(v.length)], r.nextInt(0x10000), r.nextInt(256),
                r.nextBoolean(), false, 0);
    }

    private static CpuState randomState(Random r) {
        return new CpuState(r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256), r.nextInt(256),
                r.nextInt(256), r.nextInt(256), r.nextInt(0x10000), r.nextInt(0x10000), r.nextInt(256),
                r.nextBoolean(), false, r.nextInt(1_000_000));
    }

    /** A copy of s with every place not in the opcode's key given a new random value. */
    private static CpuState scramble(Opcode op, CpuState s, Random r) {
        Set<Access> keep = op.reads();
        boolean pcInKey = keep.contains(Access.PC) || op.conditional() && op.writes().contains(Access.PC);
        int flags = 0;
        int[] masks = {CpuState.SIGN, CpuState.ZERO, CpuState.AUX_CARRY, CpuState.PARITY, CpuState.CARRY};
        Access[] places = {Access.FLAG_S, Access.FLAG_Z, Access.FLAG_AC, Access.FLAG_P, Access.FLAG_CY};
        for (int i = 0; i < masks.length; i++) {
            boolean set = keep.contains(places[i]) ? s.flag(masks[i]) : r.nextBoolean();
            flags |= set ? masks[i] : 0;
        }
        return new CpuState(
                keep.contains(Access.A) ? s.a() : r.nextInt(256),
                keep.contains(Access.B) ? s.b() : r.nextInt(256),
                keep.contains(Access.C) ? s.c() : r.nextInt(256),
                keep.contains(Access.D) ? s.d() : r.nextInt(256),
                keep.contains(Access.E) ? s.e() : r.nextInt(256),
                keep.contains(Access.H) ? s.h() : r.nextInt(256),
                keep.contains(Access.L) ? s.l() : r.nextInt(256),
                keep.contains(Access.SP) ? s.sp() : r.nextInt(0x10000),
                pcInKey ? s.pc() : r.nextInt(0x10000),
                flags,
                keep.contains(Access.INTE) ? s.inte() : r.nextBoolean(),
                false,
                r.nextInt(1_000_000));
    }
}
