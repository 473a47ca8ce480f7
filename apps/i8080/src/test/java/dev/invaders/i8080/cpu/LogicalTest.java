package dev.invaders.i8080.cpu;

import static dev.invaders.i8080.CpuState.AUX_CARRY;
import static dev.invaders.i8080.CpuState.CARRY;
import static dev.invaders.i8080.CpuState.PARITY;
import static dev.invaders.i8080.CpuState.SIGN;
import static dev.invaders.i8080.CpuState.ZERO;
import static dev.invaders.i8080.CpuTestSupport.assertFlags;
import static dev.invaders.i8080.CpuTestSupport.flags;
import static dev.invaders.i8080.CpuTestSupport.load;
import static dev.invaders.i8080.CpuTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.invaders.i8080.CpuTestSupport.Machine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ANA, XRA, ORA, CMP and their immediates; RLC, RRC, RAL, RAR; CMA, CMC, STC; parity. On the 8080
 * (unlike the 8085) ANA and ANI set AC to bit 3 of (A OR operand); XRA and ORA clear AC and CY.
 */
class LogicalTest {
    /** Leaves Z, AC, P and CY all set (FFh + 01h = 1 00h), so a test can see them cleared. */
    private static final String ALL_SET = " MVI A,0FFH\n ADI 1\n";

    private static int hex(String text) {
        return Integer.parseInt(text, 16);
    }

    @ParameterizedTest(name = "{0}h AND {1}h = {2}h: {3}")
    @CsvSource({
        "FC, 0F, 0C, AC P",     // FC OR 0F = FF: bit 3 set
        "F0, 30, 30, P",        // F0 OR 30 = F0: bit 3 clear
        "08, 01, 00, Z AC P",   // only A has bit 3
        "01, 08, 00, Z AC P",   // only the operand has bit 3
        "F7, 80, 80, S",        // F7 OR 80 = F7 = 1111 0111: bit 3 clear
        "FF, FF, FF, S AC P"})
    void anaRegisterAndImmediate(String a, String operand, String result, String flags) {
        Machine m = run(ALL_SET + " MVI A,0" + a + "H\n MVI B,0" + operand + "H\n ANA B\n HLT\n");
        assertEquals(hex(result), m.cpu().a(), "ANA");
        assertFlags(flags(flags), m.cpu());

        m = run(ALL_SET + " MVI A,0" + a + "H\n ANI 0" + operand + "H\n HLT\n");
        assertEquals(hex(result), m.cpu().a(), "ANI");
        assertFlags(flags(flags), m.cpu());
    }

    @Test
    void anaMemoryAndAnaA() {
        Machine m = load("""
                 LXI H,DATA
                 MVI A,0F3H
                SITE: ANA M      ; F3 AND 3C = 30h; F3 OR 3C = FF: AC
                 ANA A           ; 30h AND 30h; 30 OR 30 bit 3 clear: AC cleared
                 HLT
                DATA: DB 3CH
                """).runTo("SITE");
        assertEquals(7, m.step(), "ANA M takes 7 cycles");
        assertEquals(0x30, m.cpu().a());
        assertFlags(AUX_CARRY | PARITY, m.cpu());
        assertEquals(4, m.step(), "ANA r takes 4 cycles");
        assertFlags(PARITY, m.cpu());
    }

    @ParameterizedTest(name = "{0}h XOR {1}h = {2}h: {3}")
    @CsvSource({
        "5C, 78, 24, P",       // 0010 0100
        "FF, FF, 00, Z P",
        "0F, 80, 8F, S",       // 1000 1111: five ones
        "00, 01, 01, ''",
        "18, 08, 10, ''"})     // AC cleared even though both have bit 3
    void xraClearsCarryAndAuxCarry(String a, String operand, String result, String flags) {
        Machine m = run(ALL_SET + " MVI A,0" + a + "H\n MVI C,0" + operand + "H\n XRA C\n HLT\n");
        assertEquals(hex(result), m.cpu().a(), "XRA");
        assertFlags(flags(flags), m.cpu());

        m = run(ALL_SET + " MVI A,0" + a + "H\n XRI 0" + operand + "H\n HLT\n");
        assertEquals(hex(result), m.cpu().a(), "XRI");
        assertFlags(flags(flags), m.cpu());
    }

    @Test
    void xraAZeroesTheAccumulator() {
        Machine m = load(ALL_SET + " MVI A,9CH\nSITE: XRA A\n HLT\n").runTo("SITE");
        assertEquals(4, m.step());
        assertEquals(0, m.cpu().a());
        assertFlags(ZERO | PARITY, m.cpu());
    }

    @ParameterizedTest(name = "{0}h OR {1}h = {2}h: {3}")
    @CsvSource({
        "33, 0F, 3F, P",       // six ones
        "00, 00, 00, Z P",
        "01, 80, 81, S P",
        "08, 08, 08, ''"})     // AC cleared even with bit 3 set in both
    void oraClearsCarryAndAuxCarry(String a, String operand, String result, String flags) {
        Machine m = run(ALL_SET + " MVI A,0" + a + "H\n MVI D,0" + operand + "H\n ORA D\n HLT\n");
        assertEquals(hex(result), m.cpu().a(), "ORA");
        assertFlags(flags(flags), m.cpu());

        m = run(ALL_SET + " MVI A,0" + a + "H\n ORI 0" + operand + "H\n HLT\n");
        assertEquals(hex(result), m.cpu().a(), "ORI");
        assertFlags(flags(flags), m.cpu());
    }

    @Test
    void xraAndOraMemory() {
        Machine m = run("""
                 LXI H,DATA
                 MVI A,0F0H
                 XRA M          ; F0 XOR 0F = FF
                 MOV B,A
                 MVI A,20H
                 ORA M          ; 20 OR 0F = 2F
                 HLT
                DATA: DB 0FH
                """);
        assertEquals(0xFF, m.state().b());
        assertEquals(0x2F, m.cpu().a());
        assertFlags(0, m.cpu()); // 0010 1111: five ones
    }

    @ParameterizedTest(name = "CMP: A={0}h, operand {1}h: {2}")
    @CsvSource({
        // A - operand as A + NOT operand + 1; CY is the borrow, AC the carry out of bit 3
        "0A, 05, AC P",        // 0A + FA + 1 = 1 05: no borrow; A + A + 1 = 15h; 05h even
        "02, 05, S CY",        // 02 + FA + 1 = FD: borrow; 2 + A + 1 = D; FDh odd
        "42, 42, Z AC P",      // equal
        "E5, 05, S AC",        // E0h: 5 + A + 1 = 10h; E0h three ones
        "00, 01, S P CY",      // FFh: 0 + E + 1 = F
        "80, 7F, ''",          // unsigned 80h > 7Fh: 01h, no borrow; 0 + 0 + 1 = 1
        "7F, 80, S AC P CY"})  // 7F + 7F + 1 = FF: borrow; F + F + 1 = 1Fh: AC; FFh even
    void cmpSetsFlagsLikeSubButKeepsA(String a, String operand, String flags) {
        int expected = flags(flags);
        Machine m = run(" MVI A,0" + a + "H\n MVI E,0" + operand + "H\n CMP E\n HLT\n");
        assertEquals(hex(a), m.cpu().a(), "CMP leaves A");
        assertFlags(expected, m.cpu());

        m = run(" MVI A,0" + a + "H\n CPI 0" + operand + "H\n HLT\n");
        assertEquals(hex(a), m.cpu().a(), "CPI leaves A");
        assertFlags(expected, m.cpu());
    }

    @Test
    void cmpWithALargerOperandSetsCarryAndEqualSetsZero() {
        Machine m = run(" MVI A,10H\n MVI B,11H\n CMP B\n HLT\n");
        assertEquals(CARRY, m.cpu().flags() & (CARRY | ZERO));
        m = run(" MVI A,10H\n MVI B,10H\n CMP B\n HLT\n");
        assertEquals(ZERO, m.cpu().flags() & (CARRY | ZERO));
        m = run(" MVI A,11H\n MVI B,10H\n CMP B\n HLT\n");
        assertEquals(0, m.cpu().flags() & (CARRY | ZERO));
    }

    @Test
    void cmpMemoryAndCpiCycles() {
        Machine m = load("""
                 LXI H,DATA
                 MVI A,4AH
                SITE: CMP M      ; 4A - 40 = 0A: 4A + BF + 1: A + F + 1 = 1Ah, AC
                 CPI 4BH
                 CMP A
                 HLT
                DATA: DB 40H
                """).runTo("SITE");
        assertEquals(7, m.step(), "CMP M");
        assertFlags(AUX_CARRY | PARITY, m.cpu());
        assertEquals(7, m.step(), "CPI");
        // 4A + B4 + 1 = FFh: borrow; A + 4 + 1 = F: no AC
        assertFlags(SIGN | PARITY | CARRY, m.cpu());
        assertEquals(4, m.step(), "CMP r");
        assertFlags(ZERO | AUX_CARRY | PARITY, m.cpu());
        assertEquals(0x4A, m.cpu().a());
    }

    @ParameterizedTest(name = "{0} of {1}h with CY={2} = {3}h, CY={4}")
    @CsvSource({
        "RLC, F2, 0, E5, 1",    // Intel manual: 1111 0010 -> 1110 0101
        "RLC, 01, 1, 02, 0",    // the old carry is not used
        "RRC, F2, 0, 79, 0",
        "RRC, 01, 0, 80, 1",
        "RAL, B5, 0, 6A, 1",    // Intel manual: 1011 0101 -> 0110 1010, CY=1
        "RAL, 80, 1, 01, 1",
        "RAL, 40, 1, 81, 0",
        "RAR, 6A, 1, B5, 0",
        "RAR, 01, 0, 00, 1",    // rotates never set Z
        "RAR, 80, 0, 40, 0"})
    void rotates(String op, String a, int carryIn, String result, int carryOut) {
        // 7Fh + 1 = 80h leaves S and AC set and Z, P, CY clear: a rotate must keep S, Z, AC and P.
        String setCarry = carryIn == 1 ? " STC\n" : "";
        Machine m = load(" MVI A,7FH\n ADI 1\n" + setCarry + " MVI A,0" + a + "H\nSITE: " + op + "\n HLT\n")
                .runTo("SITE");
        assertEquals(4, m.step(), op + " takes 4 cycles");
        assertEquals(hex(result), m.cpu().a());
        assertFlags(SIGN | AUX_CARRY | (carryOut == 1 ? CARRY : 0), m.cpu());
    }

    @Test
    void rotatesKeepZeroAndParity() {
        Machine m = run(" XRA A\n MVI A,81H\n RLC\n RRC\n RAL\n RAR\n HLT\n");
        // RLC 81 -> 03 CY1; RRC 03 -> 81 CY1; RAL 81 CY1 -> 03 CY1; RAR 03 CY1 -> 81 CY1
        assertEquals(0x81, m.cpu().a());
        assertFlags(ZERO | PARITY | CARRY, m.cpu());
    }

    @Test
    void nineRotatesThroughCarryRestoreAAndCarry() {
        StringBuilder s = new StringBuilder(" STC\n MVI A,5AH\n RAL\n MOV B,A\n");
        for (int i = 0; i < 8; i++) {
            s.append(" RAL\n");
        }
        Machine m = run(s + " HLT\n");
        assertEquals(0xB5, m.state().b(), "after one RAL: 0101 1010 with CY=1 -> 1011 0101");
        assertEquals(0x5A, m.cpu().a());
        assertFlags(CARRY, m.cpu());

        s = new StringBuilder(" MVI A,5AH\n");
        for (int i = 0; i < 9; i++) {
            s.append(" RAR\n");
        }
        m = run(s + " HLT\n");
        assertEquals(0x5A, m.cpu().a());
        assertFlags(0, m.cpu());
    }

    @Test
    void eightRotatesWithoutCarryRestoreA() {
        Machine m = run(" MVI A,96H\n RLC\n RLC\n RLC\n RLC\n RLC\n RLC\n RLC\n RLC\n HLT\n");
        assertEquals(0x96, m.cpu().a());
        m = run(" MVI A,96H\n RRC\n RRC\n RRC\n RRC\n HLT\n");
        assertEquals(0x69, m.cpu().a(), "four RRCs swap the nibbles");
        assertFlags(0, m.cpu()); // last bit rotated out was bit 3 of 96h = 0
    }

    @Test
    void cmaComplementsAAndLeavesFlags() {
        Machine m = load(" XRA A\n MVI A,51H\nSITE: CMA\n HLT\n").runTo("SITE");
        assertEquals(4, m.step());
        assertEquals(0xAE, m.cpu().a());
        assertFlags(ZERO | PARITY, m.cpu());
    }

    @Test
    void stcSetsAndCmcComplementsOnlyTheCarry() {
        Machine m = load(" XRA A\nSITE: STC\n CMC\n CMC\n STC\n HLT\n").runTo("SITE");
        assertEquals(4, m.step(), "STC");
        assertFlags(ZERO | PARITY | CARRY, m.cpu());
        assertEquals(4, m.step(), "CMC");
        assertFlags(ZERO | PARITY, m.cpu());
        m.step();
        assertFlags(ZERO | PARITY | CARRY, m.cpu());
        m.step();
        assertFlags(ZERO | PARITY | CARRY, m.cpu(), "STC with CY already set");
    }

    @ParameterizedTest(name = "{0}h: {1}")
    @CsvSource({
        "00, Z P",
        "01, ''",
        "03, P",
        "07, ''",
        "0E, ''",
        "55, P",
        "7F, ''",
        "80, S",
        "96, S P",
        "FF, S P"})
    void parityIsSetForAnEvenNumberOfOnes(String value, String flags) {
        Machine m = run(" MVI A,0" + value + "H\n ORI 0\n HLT\n");
        assertFlags(flags(flags), m.cpu());
    }
}
