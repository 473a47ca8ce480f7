package dev.invaders.i8080;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * One row of the 8080's opcode table.
 *
 * @param code        the opcode byte
 * @param mnemonic    Intel syntax with operand placeholders {@code d8}, {@code d16} or {@code a16},
 *                    e.g. {@code "MVI B,d8"}, {@code "JNZ a16"}
 * @param length      instruction length in bytes (1 to 3)
 * @param cycles      clock cycles when a conditional call or return is not taken (all others: always)
 * @param cyclesTaken clock cycles when a conditional call or return is taken (all others: same as cycles)
 * @param family      the family (the microservice) that serves it
 * @param conditional true for Jcc, Ccc and Rcc
 * @param documented  false for the undocumented duplicates (0x08 NOP, 0xCB JMP, 0xD9 RET, 0xDD CALL, ...)
 * @param reads       the places its result may depend on (besides its own operand bytes)
 * @param writes      the places it may change (besides advancing PC past itself)
 */
public record Opcode(int code, String mnemonic, int length, int cycles, int cyclesTaken, Family family,
                     boolean conditional, boolean documented, Set<Access> reads, Set<Access> writes) {

    public Opcode {
        reads = places(reads);
        writes = places(writes);
    }

    /** An unmodifiable copy backed by an EnumSet: {@code contains} is a bit test (the cached mode asks it
     *  a dozen times per instruction) and iteration follows the declaration order of {@link Access}. */
    private static Set<Access> places(Set<Access> given) {
        EnumSet<Access> copy = EnumSet.noneOf(Access.class);
        for (Access place : given) {
            copy.add(java.util.Objects.requireNonNull(place));
        }
        return Collections.unmodifiableSet(copy);
    }

    /** The mnemonic's first word: {@code "MVI"} for {@code "MVI B,d8"}. */
    public String name() {
        int space = mnemonic.indexOf(' ');
        return space < 0 ? mnemonic : mnemonic.substring(0, space);
    }

    /** The operand text with placeholders, or "" for none: {@code "B,d8"} for {@code "MVI B,d8"}. */
    public String operands() {
        int space = mnemonic.indexOf(' ');
        return space < 0 ? "" : mnemonic.substring(space + 1);
    }

    /** How many bytes of memory it touches at a memory place it declares (0 if it declares none there). */
    public int width(Access place) {
        if (!reads.contains(place) && !writes.contains(place)) {
            return 0;
        }
        return switch (place) {
            case MEM_HL, MEM_BC, MEM_DE -> 1;
            case MEM_STACK, MEM_PUSH -> 2;
            case MEM_DIRECT -> family == Family.LHLD || family == Family.SHLD ? 2 : 1;
            default -> 0;
        };
    }

    /** The 16-bit address of a memory place, given the registers it uses and the operand bytes. */
    public static int address(Access place, CpuState s, int operand1, int operand2) {
        return address(place, s.b(), s.c(), s.d(), s.e(), s.h(), s.l(), s.sp(), operand1, operand2);
    }

    /** As {@link #address(Access, CpuState, int, int)}, from the registers themselves. */
    public static int address(Access place, int b, int c, int d, int e, int h, int l, int sp, int operand1,
                              int operand2) {
        return switch (place) {
            case MEM_HL -> h << 8 | l;
            case MEM_BC -> b << 8 | c;
            case MEM_DE -> d << 8 | e;
            case MEM_STACK -> sp;
            case MEM_PUSH -> (sp - 2) & 0xFFFF;
            case MEM_DIRECT -> operand2 << 8 | operand1;
            default -> throw new IllegalArgumentException(place + " is not a memory place");
        };
    }
}
