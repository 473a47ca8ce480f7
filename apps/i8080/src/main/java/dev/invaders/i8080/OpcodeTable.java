package dev.invaders.i8080;

import static dev.invaders.i8080.Access.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The 8080's opcode table: the single definition of every opcode's mnemonic, length, cycles, family
 * and the places it reads and writes. The CPU takes its cycle counts from here; the assembler,
 * disassembler, services, manifests and benchmarks derive from it.
 *
 * <p>Built from the 8080's regular encoding (register fields in bits 0-2 and 3-5, pair fields in
 * bits 4-5) so that each rule is written once.
 */
public final class OpcodeTable {

    /** Register names in encoding order; 6 is M, the byte at HL. */
    static final String[] REG = {"B", "C", "D", "E", "H", "L", "M", "A"};
    private static final Access[] REG_PLACE = {B, C, D, E, H, L, MEM_HL, A};
    /** Register pairs for LXI, INX, DCX, DAD (SP) and for PUSH, POP (PSW). */
    static final String[] PAIR = {"B", "D", "H", "SP"};
    static final String[] STACK_PAIR = {"B", "D", "H", "PSW"};
    /** Condition codes in encoding order, and the flag each one tests. */
    static final String[] COND = {"NZ", "Z", "NC", "C", "PO", "PE", "P", "M"};
    private static final Access[] COND_FLAG = {FLAG_Z, FLAG_Z, FLAG_CY, FLAG_CY, FLAG_P, FLAG_P, FLAG_S, FLAG_S};
    private static final String[] ALU = {"ADD", "ADC", "SUB", "SBB", "ANA", "XRA", "ORA", "CMP"};
    private static final String[] ALU_IMM = {"ADI", "ACI", "SUI", "SBI", "ANI", "XRI", "ORI", "CPI"};

    private static final Opcode[] TABLE = build();
    private static final List<Opcode> ALL = Collections.unmodifiableList(Arrays.asList(TABLE));

    private OpcodeTable() {
    }

    /** The row for one opcode byte (0-255). */
    public static Opcode get(int code) {
        return TABLE[code & 0xFF];
    }

    /** All 256 rows, in opcode order. */
    public static List<Opcode> all() {
        return ALL;
    }

    /** The opcodes a family serves, in opcode order. */
    public static List<Opcode> of(Family family) {
        return ALL.stream().filter(o -> o.family() == family).toList();
    }

    /** Cycle counts indexed by opcode: the not-taken count for conditional calls and returns. */
    public static int[] cycles() {
        return Arrays.stream(TABLE).mapToInt(Opcode::cycles).toArray();
    }

    // ---------------------------------------------------------------------------------------------

    private static Set<Access> pair(int p) {
        return switch (p) {
            case 0 -> EnumSet.of(B, C);
            case 1 -> EnumSet.of(D, E);
            case 2 -> EnumSet.of(H, L);
            default -> EnumSet.of(SP);
        };
    }

    private static Set<Access> stackPair(int p) {
        if (p == 3) {
            Set<Access> psw = EnumSet.of(A);
            psw.addAll(FLAGS);
            return psw;
        }
        return pair(p);
    }

    /** The places needed to read or write register r: for M, the byte at HL and HL itself. */
    private static Set<Access> regRead(int r) {
        return r == 6 ? EnumSet.of(MEM_HL, H, L) : EnumSet.of(REG_PLACE[r]);
    }

    private static Set<Access> set(Access... places) {
        Set<Access> s = EnumSet.noneOf(Access.class);
        s.addAll(Arrays.asList(places));
        return s;
    }

    private static Set<Access> union(Set<Access> a, Set<Access> b) {
        Set<Access> s = EnumSet.noneOf(Access.class);
        s.addAll(a);
        s.addAll(b);
        return s;
    }

    private static final class Rows {
        final Opcode[] rows = new Opcode[256];

        void put(int code, String mnemonic, int length, int cycles, Family family, Set<Access> reads,
                 Set<Access> writes) {
            put(code, mnemonic, length, cycles, cycles, family, false, reads, writes);
        }

        void put(int code, String mnemonic, int length, int cycles, int taken, Family family, boolean conditional,
                 Set<Access> reads, Set<Access> writes) {
            if (rows[code] != null) {
                throw new IllegalStateException("opcode defined twice: " + Integer.toHexString(code));
            }
            rows[code] = new Opcode(code, mnemonic, length, cycles, taken, family, conditional, true, reads, writes);
        }

        /** An undocumented opcode that behaves exactly as a documented one. */
        void alias(int code, int of) {
            Opcode o = rows[of];
            rows[code] = new Opcode(code, o.mnemonic(), o.length(), o.cycles(), o.cyclesTaken(), o.family(),
                    o.conditional(), false, o.reads(), o.writes());
        }
    }

    private static Opcode[] build() {
        Rows t = new Rows();
        Set<Access> none = Set.of();
        Set<Access> allFlags = FLAGS;
        Set<Access> incFlags = set(FLAG_S, FLAG_Z, FLAG_AC, FLAG_P);

        t.put(0x00, "NOP", 1, 4, Family.NOP, none, none);
        for (int p = 0; p < 4; p++) {
            int base = p << 4;
            t.put(base | 0x01, "LXI " + PAIR[p] + ",d16", 3, 10, Family.LXI, none, pair(p));
            t.put(base | 0x03, "INX " + PAIR[p], 1, 5, Family.INX, pair(p), pair(p));
            t.put(base | 0x09, "DAD " + PAIR[p], 1, 10, Family.DAD, union(pair(p), set(H, L)), set(H, L, FLAG_CY));
            t.put(base | 0x0B, "DCX " + PAIR[p], 1, 5, Family.DCX, pair(p), pair(p));
        }
        t.put(0x02, "STAX B", 1, 7, Family.STAX, set(A, B, C), set(MEM_BC));
        t.put(0x12, "STAX D", 1, 7, Family.STAX, set(A, D, E), set(MEM_DE));
        t.put(0x0A, "LDAX B", 1, 7, Family.LDAX, set(B, C, MEM_BC), set(A));
        t.put(0x1A, "LDAX D", 1, 7, Family.LDAX, set(D, E, MEM_DE), set(A));
        t.put(0x22, "SHLD a16", 3, 16, Family.SHLD, set(H, L), set(MEM_DIRECT));
        t.put(0x2A, "LHLD a16", 3, 16, Family.LHLD, set(MEM_DIRECT), set(H, L));
        t.put(0x32, "STA a16", 3, 13, Family.STA, set(A), set(MEM_DIRECT));
        t.put(0x3A, "LDA a16", 3, 13, Family.LDA, set(MEM_DIRECT), set(A));
        for (int r = 0; r < 8; r++) {
            Set<Access> rw = regRead(r);
            Set<Access> w = r == 6 ? set(MEM_HL) : set(REG_PLACE[r]);
            int slow = r == 6 ? 5 : 0;
            t.put(r << 3 | 0x04, "INR " + REG[r], 1, 5 + slow, Family.INR, rw, union(w, incFlags));
            t.put(r << 3 | 0x05, "DCR " + REG[r], 1, 5 + slow, Family.DCR, rw, union(w, incFlags));
            t.put(r << 3 | 0x06, "MVI " + REG[r] + ",d8", 2, 7 + (r == 6 ? 3 : 0), Family.MVI,
                    r == 6 ? set(H, L) : none, w);
        }
        // 0x07..0x3F step 8: the accumulator and carry group.
        t.put(0x07, "RLC", 1, 4, Family.RLC, set(A), set(A, FLAG_CY));
        t.put(0x0F, "RRC", 1, 4, Family.RRC, set(A), set(A, FLAG_CY));
        t.put(0x17, "RAL", 1, 4, Family.RAL, set(A, FLAG_CY), set(A, FLAG_CY));
        t.put(0x1F, "RAR", 1, 4, Family.RAR, set(A, FLAG_CY), set(A, FLAG_CY));
        t.put(0x27, "DAA", 1, 4, Family.DAA, set(A, FLAG_AC, FLAG_CY), union(set(A), allFlags));
        t.put(0x2F, "CMA", 1, 4, Family.CMA, set(A), set(A));
        t.put(0x37, "STC", 1, 4, Family.STC, none, set(FLAG_CY));
        t.put(0x3F, "CMC", 1, 4, Family.CMC, set(FLAG_CY), set(FLAG_CY));

        // 0x40-0x7F: MOV, with HLT where MOV M,M would be.
        for (int d = 0; d < 8; d++) {
            for (int s = 0; s < 8; s++) {
                int code = 0x40 | d << 3 | s;
                if (d == 6 && s == 6) {
                    t.put(code, "HLT", 1, 7, Family.HLT, none, set(HALT));
                    continue;
                }
                Set<Access> reads = regRead(s);
                if (d == 6) {
                    reads = union(reads, set(H, L));
                }
                t.put(code, "MOV " + REG[d] + "," + REG[s], 1, d == 6 || s == 6 ? 7 : 5, Family.MOV, reads,
                        d == 6 ? set(MEM_HL) : set(REG_PLACE[d]));
            }
        }
        // 0x80-0xBF: register ALU; 0xC6-0xFE step 8: immediate ALU.
        for (int op = 0; op < 8; op++) {
            Family fam = Family.valueOf(ALU[op]);
            Family immFam = Family.valueOf(ALU_IMM[op]);
            Set<Access> accIn = op == 1 || op == 3 ? set(A, FLAG_CY) : set(A);
            Set<Access> out = op == 7 ? allFlags : union(set(A), allFlags);
            for (int s = 0; s < 8; s++) {
                t.put(0x80 | op << 3 | s, ALU[op] + " " + REG[s], 1, s == 6 ? 7 : 4, fam,
                        union(accIn, regRead(s)), out);
            }
            t.put(0xC6 | op << 3, ALU_IMM[op] + " d8", 2, 7, immFam, accIn, out);
        }
        // 0xC0-0xFF: control flow and the stack.
        for (int cc = 0; cc < 8; cc++) {
            // A conditional jump or return not taken leaves PC at the next instruction: it reads PC.
            t.put(0xC0 | cc << 3, "R" + COND[cc], 1, 5, 11, Family.RET, true,
                    set(COND_FLAG[cc], PC, SP, MEM_STACK), set(SP, PC));
            t.put(0xC2 | cc << 3, "J" + COND[cc] + " a16", 3, 10, 10, Family.JMP, true, set(COND_FLAG[cc], PC),
                    set(PC));
            t.put(0xC4 | cc << 3, "C" + COND[cc] + " a16", 3, 11, 17, Family.CALL, true,
                    set(COND_FLAG[cc], PC, SP), set(SP, PC, MEM_PUSH));
            t.put(0xC7 | cc << 3, "RST " + cc, 1, 11, Family.RST, set(PC, SP), set(SP, PC, MEM_PUSH));
        }
        for (int p = 0; p < 4; p++) {
            t.put(0xC1 | p << 4, "POP " + STACK_PAIR[p], 1, 10, Family.POP, set(SP, MEM_STACK),
                    union(stackPair(p), set(SP)));
            t.put(0xC5 | p << 4, "PUSH " + STACK_PAIR[p], 1, 11, Family.PUSH, union(stackPair(p), set(SP)),
                    set(SP, MEM_PUSH));
        }
        t.put(0xC3, "JMP a16", 3, 10, Family.JMP, none, set(PC));
        t.put(0xC9, "RET", 1, 10, Family.RET, set(SP, MEM_STACK), set(SP, PC));
        t.put(0xCD, "CALL a16", 3, 17, Family.CALL, set(PC, SP), set(SP, PC, MEM_PUSH));
        t.put(0xD3, "OUT d8", 2, 10, Family.OUT, set(A), set(PORT));
        t.put(0xDB, "IN d8", 2, 10, Family.IN, set(PORT), set(A));
        t.put(0xE3, "XTHL", 1, 18, Family.XTHL, set(SP, H, L, MEM_STACK), set(H, L, MEM_STACK));
        t.put(0xE9, "PCHL", 1, 5, Family.PCHL, set(H, L), set(PC));
        t.put(0xEB, "XCHG", 1, 4, Family.XCHG, set(D, E, H, L), set(D, E, H, L));
        t.put(0xF3, "DI", 1, 4, Family.DI, none, set(INTE));
        t.put(0xF9, "SPHL", 1, 5, Family.SPHL, set(H, L), set(SP));
        t.put(0xFB, "EI", 1, 4, Family.EI, none, set(INTE));

        // The undocumented duplicates.
        for (int code : new int[] {0x08, 0x10, 0x18, 0x20, 0x28, 0x30, 0x38}) {
            t.alias(code, 0x00);
        }
        t.alias(0xCB, 0xC3);
        t.alias(0xD9, 0xC9);
        t.alias(0xDD, 0xCD);
        t.alias(0xED, 0xCD);
        t.alias(0xFD, 0xCD);

        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            if (t.rows[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("opcode table incomplete: " + missing);
        }
        return t.rows;
    }
}
