package dev.invaders.i8080.exec;

import dev.invaders.i8080.Access;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Memory;
import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;

/**
 * The opcode table's reads and writes as flat arrays indexed by opcode, derived from {@link OpcodeTable} once,
 * for a fetch loop that answers most instructions from a cache: {@link #key} is {@link Execution#inputKey}
 * packed into a {@code long}, and {@link #apply} is {@link ExecuteResult#applyTo} done in place on
 * {@link Registers}. Neither allocates nor asks a {@code Set}; the tests check both against the
 * {@code Execution} originals for every opcode on random states.
 *
 * <p>The packed key: the opcode in the low byte, above it the rest of {@link Execution#inputKey}'s bytes in
 * their order (the last byte lowest). Its layout follows from the opcode alone (every opcode reads at most
 * one memory place), so two keys are equal exactly when their {@code InputKey}s are. The longest key in the
 * table is 8 bytes (a conditional call or return); the class refuses to load if the table ever needs more.
 */
public final class Footprint {
    private static final int REG_A = 1, REG_B = 1 << 1, REG_C = 1 << 2, REG_D = 1 << 3, REG_E = 1 << 4,
            REG_H = 1 << 5, REG_L = 1 << 6, REG_SP = 1 << 7, REG_PC = 1 << 8, REG_INTE = 1 << 9, REG_HALT = 1 << 10,
            REG_PORT = 1 << 11;

    private static final int[] LENGTH = new int[256];
    private static final int[] READS = new int[256];
    private static final int[] WRITES = new int[256];
    private static final int[] READ_FLAGS = new int[256];
    private static final int[] WRITE_FLAGS = new int[256];
    /** The memory place the opcode reads (at most one), or null. */
    private static final Access[] MEMORY_READ = new Access[256];
    private static final int[] MEMORY_READ_WIDTH = new int[256];
    private static final int[] KEY_LENGTH = new int[256];

    static {
        for (Opcode op : OpcodeTable.all()) {
            int code = op.code();
            LENGTH[code] = op.length();
            READS[code] = bits(op, true);
            WRITES[code] = bits(op, false);
            READ_FLAGS[code] = Execution.flagMask(op.reads());
            WRITE_FLAGS[code] = Execution.flagMask(op.writes());
            int bytes = op.length() + Integer.bitCount(READS[code] & (REG_A | REG_B | REG_C | REG_D | REG_E | REG_H
                    | REG_L | REG_INTE | REG_PORT)) + ((READS[code] & REG_SP) != 0 ? 2 : 0)
                    + ((READS[code] & REG_PC) != 0 ? 2 : 0) + (READ_FLAGS[code] != 0 ? 1 : 0);
            for (Access place : op.reads()) {
                if (place.isMemory()) {
                    if (MEMORY_READ[code] != null) {
                        throw new IllegalStateException(describe(op) + " reads two memory places: the packed key"
                                + " assumes one");
                    }
                    MEMORY_READ[code] = place;
                    MEMORY_READ_WIDTH[code] = op.width(place);
                    bytes += op.width(place);
                }
            }
            if (bytes > Long.BYTES) {
                throw new IllegalStateException(describe(op) + " has a " + bytes + "-byte input key: more than a long");
            }
            KEY_LENGTH[code] = bytes;
        }
    }

    private Footprint() {
    }

    /** The instruction's length in bytes (1-3). */
    public static int length(int opcode) {
        return LENGTH[opcode];
    }

    /** True for IN, the one opcode whose result depends on a port's value. */
    public static boolean readsPort(int opcode) {
        return (READS[opcode] & REG_PORT) != 0;
    }

    /** How many of the packed key's bytes are used: {@link Execution#inputKey}'s length for this opcode. */
    public static int keyLength(int opcode) {
        return KEY_LENGTH[opcode];
    }

    /**
     * {@link Execution#inputKey} of the instruction at {@code s.pc}, packed (see the class comment).
     *
     * @param opcode    the opcode byte, which must be the one at {@code s.pc}
     * @param operand1  the byte after it (ignored for a one-byte instruction)
     * @param operand2  the byte after that (ignored unless the instruction has 3 bytes)
     * @param memory    where the declared memory bytes are read
     * @param portValue the port's value, for IN (ignored for every other opcode)
     */
    public static long key(int opcode, int operand1, int operand2, Registers s, Memory memory, int portValue) {
        int length = LENGTH[opcode];
        long k = 0;
        if (length > 1) {
            k = operand1 & 0xFF;
            if (length > 2) {
                k = k << 8 | operand2 & 0xFF;
            }
        }
        int r = READS[opcode];
        if ((r & REG_A) != 0) k = k << 8 | s.a;
        if ((r & REG_B) != 0) k = k << 8 | s.b;
        if ((r & REG_C) != 0) k = k << 8 | s.c;
        if ((r & REG_D) != 0) k = k << 8 | s.d;
        if ((r & REG_E) != 0) k = k << 8 | s.e;
        if ((r & REG_H) != 0) k = k << 8 | s.h;
        if ((r & REG_L) != 0) k = k << 8 | s.l;
        int flagMask = READ_FLAGS[opcode];
        if (flagMask != 0) {
            k = k << 8 | s.flags & flagMask;
        }
        if ((r & REG_SP) != 0) {
            k = k << 16 | (s.sp & 0xFF) << 8 | s.sp >>> 8;
        }
        if ((r & REG_PC) != 0) {
            int next = (s.pc + length) & 0xFFFF;
            k = k << 16 | (next & 0xFF) << 8 | next >>> 8;
        }
        if ((r & REG_INTE) != 0) {
            k = k << 8 | (s.inte ? 1 : 0);
        }
        Access place = MEMORY_READ[opcode];
        if (place != null) {
            int base = Opcode.address(place, s.b, s.c, s.d, s.e, s.h, s.l, s.sp, operand1 & 0xFF, operand2 & 0xFF);
            for (int i = 0, n = MEMORY_READ_WIDTH[opcode]; i < n; i++) {
                k = k << 8 | memory.read((base + i) & 0xFFFF) & 0xFF;
            }
        }
        if ((r & REG_PORT) != 0) {
            k = k << 8 | portValue & 0xFF;
        }
        return k << 8 | opcode;
    }

    /**
     * What {@link ExecuteResult#applyTo} computes, done to {@code s} in place: the places the opcode declares
     * written take {@code result}'s values, PC (when not written) moves past the instruction, and
     * {@code cycles} add to {@code s.cycles}. Memory and port writes are the caller's to make.
     */
    public static void apply(int opcode, CpuState result, int cycles, Registers s) {
        int w = WRITES[opcode];
        if ((w & REG_A) != 0) s.a = result.a();
        if ((w & REG_B) != 0) s.b = result.b();
        if ((w & REG_C) != 0) s.c = result.c();
        if ((w & REG_D) != 0) s.d = result.d();
        if ((w & REG_E) != 0) s.e = result.e();
        if ((w & REG_H) != 0) s.h = result.h();
        if ((w & REG_L) != 0) s.l = result.l();
        if ((w & REG_SP) != 0) s.sp = result.sp();
        int flagMask = WRITE_FLAGS[opcode];
        if (flagMask != 0) {
            s.flags = (s.flags & ~flagMask) | (result.flags() & flagMask);
        }
        s.pc = (w & REG_PC) != 0 ? result.pc() : (s.pc + LENGTH[opcode]) & 0xFFFF;
        if ((w & REG_INTE) != 0) s.inte = result.inte();
        if ((w & REG_HALT) != 0) s.halted = result.halted();
        s.cycles += cycles;
    }

    // ---------------------------------------------------------------------------------------------

    private static int bits(Opcode op, boolean reads) {
        int bits = 0;
        for (Access place : reads ? op.reads() : op.writes()) {
            bits |= switch (place) {
                case A -> REG_A;
                case B -> REG_B;
                case C -> REG_C;
                case D -> REG_D;
                case E -> REG_E;
                case H -> REG_H;
                case L -> REG_L;
                case SP -> REG_SP;
                case PC -> REG_PC;
                case INTE -> REG_INTE;
                case HALT -> REG_HALT;
                case PORT -> REG_PORT;
                default -> 0; // flags and memory places: their own arrays
            };
        }
        return bits;
    }

    private static String describe(Opcode op) {
        return String.format("opcode 0x%02X (%s)", op.code(), op.mnemonic());
    }
}
