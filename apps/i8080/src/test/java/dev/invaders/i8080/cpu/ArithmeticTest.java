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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ADD, ADC, SUB, SBB and their immediates, INR, DCR, INX, DCX, DAD, DAA. Every expected flag byte is
 * worked out by hand in the comments: subtraction is A + NOT(operand) + (1 - borrow), CY is the
 * inverted carry out of bit 7 and AC the (uninverted) carry out of bit 3 of that sum.
 */
class ArithmeticTest {

    @Nested
    class Add {
        @ParameterizedTest(name = "{0}h + {1}h = {2}h")
        @CsvSource({
            // a,  b,  result, flags        hand check
            "15, 27, 3C, P",          // 5+7=C: no carry out of bit 3; 0011 1100 has 4 ones
            "0F, 01, 10, AC",         // F+1 carries out of bit 3; 0001 0000 has 1 one
            "FF, 01, 00, Z AC P CY",  // 1 0000 0000: carry out of both nibbles
            "70, 10, 80, S",          // 1000 0000: sign, odd parity
            "88, 88, 10, AC CY",      // 8+8=10h in both nibbles
            "00, 00, 00, Z P",
            "3A, C6, 00, Z AC P CY",  // A+6=10h; 3+C+1=10h
            "7F, 7F, FE, S AC"})      // F+F=1Eh; 1111 1110 has 7 ones
        void addRegister(String a, String b, String result, String flags) {
            Machine m = run(" MVI A,0" + a + "H\n MVI B,0" + b + "H\n ADD B\n HLT\n");
            assertEquals(hex(result), m.cpu().a());
            assertFlags(flags(flags), m.cpu());
        }

        @Test
        void addEachSourceRegister() {
            Machine m = run("""
                     MVI A,1
                     MVI B,2
                     MVI C,4
                     MVI D,8
                     MVI E,10H
                     MVI H,20H
                     MVI L,40H
                     ADD B
                     ADD C
                     ADD D
                     ADD E
                     ADD H
                     ADD L
                     HLT
                    """);
            assertEquals(0x7F, m.cpu().a());
        }

        @Test
        void addADoublesTheAccumulator() {
            Machine m = run(" MVI A,41H\n ADD A\n HLT\n");
            assertEquals(0x82, m.cpu().a());
            assertFlags(SIGN | PARITY, m.cpu()); // 1000 0010: two ones; 1+1 no half carry
        }

        @Test
        void addMemoryTakesSevenCyclesAndAdiSeven() {
            Machine m = load("""
                     LXI H,DATA
                     MVI A,20H
                    SITE: ADD M
                     ADI 0F0H
                     HLT
                    DATA: DB 13H
                    """).runTo("SITE");
            assertEquals(7, m.step(), "ADD M");
            assertEquals(0x33, m.cpu().a());
            assertEquals(7, m.step(), "ADI");
            // 33h + F0h = 1 23h: carry out of bit 7; 3+0 no half carry; 0010 0011 has three ones
            assertEquals(0x23, m.cpu().a());
            assertFlags(CARRY, m.cpu());
        }

        @Test
        void addRegisterTakesFourCycles() {
            Machine m = load("SITE: ADD B\n HLT\n");
            assertEquals(4, m.step());
        }

        @Test
        void adcAddsTheCarry() {
            // 3Dh + 42h + 1 = 80h; D+2+1 = 10h sets AC; CY cleared
            Machine m = run(" STC\n MVI A,3DH\n MVI B,42H\n ADC B\n HLT\n");
            assertEquals(0x80, m.cpu().a());
            assertFlags(SIGN | AUX_CARRY, m.cpu());
        }

        @Test
        void adcWithoutCarryIsAdd() {
            // 3Dh + 42h = 7Fh; D+2 = F: no AC; seven ones: odd parity
            Machine m = run(" MVI A,3DH\n MVI C,42H\n ADC C\n HLT\n");
            assertEquals(0x7F, m.cpu().a());
            assertFlags(0, m.cpu());
        }

        @Test
        void adcCarryInCanMakeTheCarryOut() {
            // FFh + 00h + 1 = 1 00h
            Machine m = run(" STC\n MVI A,0FFH\n MVI D,0\n ADC D\n HLT\n");
            assertEquals(0x00, m.cpu().a());
            assertFlags(ZERO | AUX_CARRY | PARITY | CARRY, m.cpu());
        }

        @Test
        void aciAndAdcMemory() {
            // STC; A=0Fh: ACI 0 -> 10h (AC); ADC M with M=0F0h and CY=0 -> 00h with CY
            Machine m = run("""
                     STC
                     MVI A,0FH
                     ACI 0
                     MOV B,A
                     LXI H,DATA
                     ADC M
                     HLT
                    DATA: DB 0F0H
                    """);
            assertEquals(0x10, m.state().b());
            assertEquals(0x00, m.cpu().a());
            // 10h + F0h = 1 00h: 0+0 no half carry
            assertFlags(ZERO | PARITY | CARRY, m.cpu());
        }
    }

    @Nested
    class Subtract {
        @ParameterizedTest(name = "{0}h - {1}h = {2}h")
        @CsvSource({
            // a, b, result, flags         A + NOT b + 1
            "3E, 3E, 00, Z AC P",        // E+1+1 = 10h: AC; carry out of bit 7, so no borrow
            "10, 20, F0, S AC P CY",     // 0+F+1 = 10h: AC; borrow; 1111 0000 even
            "10, 01, 0F, P",             // 0+E+1 = F: no AC; no borrow
            "3A, 12, 28, AC P",          // A+D+1 = 18h: AC
            "05, 06, FF, S P CY",        // 5+9+1 = F: no AC; borrow
            "00, 01, FF, S P CY",        // 0+E+1 = F
            "80, 01, 7F, ''"})           // 0+E+1 = F: no AC; 80h + FEh + 1 carries out: no borrow
        void subRegister(String a, String b, String result, String flags) {
            Machine m = run(" MVI A,0" + a + "H\n MVI B,0" + b + "H\n SUB B\n HLT\n");
            assertEquals(hex(result), m.cpu().a());
            assertFlags(flags(flags), m.cpu());
        }

        @Test
        void subAClearsAAndSetsZeroParityAndAuxCarry() {
            // x + NOT x + 1 = 100h for any x: no borrow, and the low nibble always carries
            Machine m = run(" STC\n MVI A,0A7H\n SUB A\n HLT\n");
            assertEquals(0, m.cpu().a());
            assertFlags(ZERO | AUX_CARRY | PARITY, m.cpu());
        }

        @Test
        void sbbSubtractsTheBorrow() {
            // Intel manual example: A=04h, L=02h, CY=1. 04h + NOT(02h) + 0 = 04h + FDh = 1 01h: no borrow;
            // 4 + D = 11h: AC; 0000 0001 odd.
            Machine m = run(" STC\n MVI A,4\n MVI L,2\n SBB L\n HLT\n");
            assertEquals(0x01, m.cpu().a());
            assertFlags(AUX_CARRY, m.cpu());
        }

        @Test
        void sbbWithoutBorrowIsSub() {
            Machine m = run(" MVI A,10H\n MVI E,1\n SBB E\n HLT\n");
            assertEquals(0x0F, m.cpu().a());
            assertFlags(PARITY, m.cpu());
        }

        @Test
        void sbbBorrowInCanMakeTheBorrowOut() {
            // 00h - 00h - 1: 00h + FFh + 0 = FFh: no carry out, so CY (borrow); F+0 no AC
            Machine m = run(" STC\n MVI A,0\n MVI H,0\n SBB H\n HLT\n");
            assertEquals(0xFF, m.cpu().a());
            assertFlags(SIGN | PARITY | CARRY, m.cpu());
        }

        @Test
        void sbbEqualOperandWithBorrowGoesNegative() {
            // 42h - 42h - 1 = FFh: 2 + D + 0 = F: no AC
            Machine m = run(" STC\n MVI A,42H\n MVI C,42H\n SBB C\n HLT\n");
            assertEquals(0xFF, m.cpu().a());
            assertFlags(SIGN | PARITY | CARRY, m.cpu());
        }

        @Test
        void suiAndSbi() {
            Machine m = run("""
                     MVI A,5
                     SUI 6        ; FFh with borrow
                     MOV B,A
                     MVI A,50H
                     SBI 10H      ; CY=1 from SUI: 50h - 10h - 1 = 3Fh
                     HLT
                    """);
            assertEquals(0xFF, m.state().b());
            assertEquals(0x3F, m.cpu().a());
            // 50h + EFh + 0 = 1 3Fh: no borrow; 0 + F + 0 = F: no AC; 0011 1111 six ones
            assertFlags(PARITY, m.cpu());
        }

        @Test
        void subAndSbbMemory() {
            Machine m = load("""
                     LXI H,DATA
                     MVI A,20H
                    SITE: SUB M       ; 20h - 21h = FFh, borrow
                     SBB M            ; FFh - 21h - 1 = DDh
                     HLT
                    DATA: DB 21H
                    """).runTo("SITE");
            assertEquals(7, m.step(), "SUB M takes 7 cycles");
            assertEquals(0xFF, m.cpu().a());
            m.runToHalt();
            assertEquals(0xDD, m.cpu().a());
            // FFh + DEh + 0 = 1 DDh: no borrow; F + E = 1Dh: AC; 1101 1101 six ones
            assertFlags(SIGN | AUX_CARRY | PARITY, m.cpu());
        }
    }

    @Nested
    class IncrementDecrement {
        @ParameterizedTest(name = "INR {0}h = {1}h")
        @CsvSource({
            "0F, 10, AC",
            "FF, 00, Z AC P",
            "7F, 80, S AC",
            "00, 01, ''",
            "12, 13, ''",           // 0001 0011: three ones
            "02, 03, P"})
        void inr(String value, String result, String flags) {
            Machine m = run(" MVI D,0" + value + "H\n INR D\n HLT\n");
            assertEquals(hex(result), m.state().d());
            assertFlags(flags(flags), m.cpu());
        }

        @ParameterizedTest(name = "DCR {0}h = {1}h")
        @CsvSource({
            // DCR adds FFh: AC is the carry out of bit 3 of value + F
            "10, 0F, P",             // 0 + F = F: no AC
            "01, 00, Z AC P",        // 1 + F = 10h
            "00, FF, S P",
            "80, 7F, ''",            // 0 + F: no AC; seven ones
            "22, 21, AC P"})         // 2 + F = 11h
        void dcr(String value, String result, String flags) {
            Machine m = run(" MVI E,0" + value + "H\n DCR E\n HLT\n");
            assertEquals(hex(result), m.state().e());
            assertFlags(flags(flags), m.cpu());
        }

        @Test
        void inrAndDcrKeepTheCarry() {
            Machine m = run(" STC\n MVI A,0FFH\n INR A\n HLT\n");
            assertFlags(ZERO | AUX_CARRY | PARITY | CARRY, m.cpu());
            m = run(" STC\n MVI A,0\n DCR A\n HLT\n");
            assertFlags(SIGN | PARITY | CARRY, m.cpu());
            m = run(" MVI A,0FFH\n INR A\n HLT\n");
            assertFlags(ZERO | AUX_CARRY | PARITY, m.cpu());
        }

        @Test
        void inrAndDcrOnEveryRegister() {
            Machine m = run("""
                     INR B
                     INR C
                     INR C
                     DCR D
                     INR E
                     DCR E
                     DCR E
                     INR H
                     DCR L
                     INR A
                     INR A
                     INR A
                     HLT
                    """);
            assertEquals(0x01, m.state().b());
            assertEquals(0x02, m.state().c());
            assertEquals(0xFF, m.state().d());
            assertEquals(0xFF, m.state().e());
            assertEquals(0x01, m.state().h());
            assertEquals(0xFF, m.state().l());
            assertEquals(0x03, m.state().a());
        }

        @Test
        void inrAndDcrMemoryTakeTenCycles() {
            Machine m = load("""
                     LXI H,DATA
                    SITE: INR M
                     DCR M
                     DCR M
                     HLT
                    DATA: DB 0FH
                    """).runTo("SITE");
            assertEquals(10, m.step(), "INR M");
            assertEquals(0x10, m.mem(m.symbol("DATA")));
            assertFlags(AUX_CARRY, m.cpu());
            assertEquals(10, m.step(), "DCR M");
            assertEquals(0x0F, m.mem(m.symbol("DATA")));
            assertFlags(PARITY, m.cpu());
            m.runToHalt();
            assertEquals(0x0E, m.mem(m.symbol("DATA")));
            assertFlags(AUX_CARRY, m.cpu()); // F + F = 1Eh; 0000 1110 three ones
        }

        @Test
        void inrAndDcrRegisterTakeFiveCycles() {
            Machine m = load(" INR B\n DCR B\n HLT\n");
            assertEquals(5, m.step());
            assertEquals(5, m.step());
        }

        @Test
        void inxAndDcxCarryAcrossTheBytesAndWrap() {
            Machine m = run("""
                     LXI B,00FFH
                     INX B
                     LXI D,0100H
                     DCX D
                     LXI H,0FFFFH
                     INX H
                     LXI SP,0
                     DCX SP
                     HLT
                    """);
            assertEquals(0x0100, m.cpu().bc());
            assertEquals(0x00FF, m.cpu().de());
            assertEquals(0x0000, m.cpu().hl());
            assertEquals(0xFFFF, m.cpu().sp());
            assertFlags(0, m.cpu()); // INX H to 0000h does not set Z
        }

        @Test
        void inxAndDcxMoreRegisters() {
            Machine m = run("""
                     LXI B,0
                     DCX B
                     INX D
                     DCX H
                     LXI SP,0FFFFH
                     INX SP
                     INX SP
                     HLT
                    """);
            assertEquals(0xFFFF, m.cpu().bc());
            assertEquals(0x0001, m.cpu().de());
            assertEquals(0xFFFF, m.cpu().hl());
            assertEquals(0x0001, m.cpu().sp());
        }

        @Test
        void inxAndDcxTakeFiveCyclesAndLeaveFlags() {
            Machine m = load(" XRA A\n INX B\n DCX D\n HLT\n");
            m.step();
            assertEquals(5, m.step());
            assertEquals(5, m.step());
            assertFlags(ZERO | PARITY, m.cpu());
        }
    }

    @Nested
    class DoubleAdd {
        @Test
        void dadAddsAPairToHl() {
            Machine m = load(" LXI H,1234H\n LXI D,4321H\nSITE: DAD D\n HLT\n").runTo("SITE");
            assertEquals(10, m.step(), "DAD takes 10 cycles");
            assertEquals(0x5555, m.cpu().hl());
            assertFlags(0, m.cpu());
        }

        @Test
        void dadSetsOnlyTheCarry() {
            // XRA A: Z and P; DAD overflows to 0000h: CY set, Z and P unchanged, not recomputed
            Machine m = run(" XRA A\n LXI H,0FFFFH\n LXI B,1\n DAD B\n HLT\n");
            assertEquals(0x0000, m.cpu().hl());
            assertFlags(ZERO | PARITY | CARRY, m.cpu());
        }

        @Test
        void dadClearsTheCarryWhenNoOverflow() {
            Machine m = run(" STC\n LXI H,8000H\n LXI B,7FFFH\n DAD B\n HLT\n");
            assertEquals(0xFFFF, m.cpu().hl());
            assertFlags(0, m.cpu());
        }

        @Test
        void dadHDoublesHl() {
            Machine m = run(" LXI H,8001H\n DAD H\n HLT\n");
            assertEquals(0x0002, m.cpu().hl());
            assertFlags(CARRY, m.cpu());
        }

        @Test
        void dadSp() {
            Machine m = run(" LXI SP,0F000H\n LXI H,1001H\n DAD SP\n HLT\n");
            assertEquals(0x0001, m.cpu().hl());
            assertFlags(CARRY, m.cpu());
            assertEquals(0xF000, m.cpu().sp());
        }
    }

    @Nested
    class DecimalAdjust {
        @Test
        void afterAddLowDigitAboveNine() {
            // 15h + 27h = 3Ch (no AC). DAA: C > 9, add 06h -> 42h; C + 6 = 12h carries out of bit 3: AC.
            // 0100 0010: two ones.
            Machine m = load(" MVI A,15H\n MVI B,27H\n ADD B\nSITE: DAA\n HLT\n").runTo("SITE");
            assertEquals(0x3C, m.cpu().a());
            assertFlags(PARITY, m.cpu());
            assertEquals(4, m.step(), "DAA takes 4 cycles");
            assertEquals(0x42, m.cpu().a());
            assertFlags(AUX_CARRY | PARITY, m.cpu());
        }

        @Test
        void afterAddWithAuxCarry() {
            // 19h + 28h = 41h with AC (9 + 8 = 11h). DAA adds 06h -> 47h; 1 + 6 no half carry; 0100 0111
            Machine m = run(" MVI A,19H\n ADI 28H\n DAA\n HLT\n");
            assertEquals(0x47, m.cpu().a());
            assertFlags(PARITY, m.cpu());
        }

        @Test
        void afterAdcWithCarryIn() {
            // CY=1: 38h + 45h + 1 = 7Eh, no AC. DAA: E > 9 -> 84h with AC; 1000 0100
            Machine m = run(" STC\n MVI A,38H\n MVI B,45H\n ADC B\n DAA\n HLT\n");
            assertEquals(0x84, m.cpu().a());
            assertFlags(SIGN | AUX_CARRY | PARITY, m.cpu());
        }

        @Test
        void producingACarry() {
            // 99h + 01h = 9Ah (A + 1: no AC). DAA: A > 9 -> +06h = A0h with AC; high digit A > 9 -> +60h
            // = 1 00h: CY. Decimal 99 + 1 = 100.
            Machine m = run(" MVI A,99H\n ADI 1\n DAA\n HLT\n");
            assertEquals(0x00, m.cpu().a());
            assertFlags(ZERO | AUX_CARRY | PARITY | CARRY, m.cpu());
        }

        @Test
        void keepingTheCarryFromTheAdd() {
            // 90h + 90h = 1 20h: CY. DAA: low digit 0, no AC; CY -> +60h = 80h, CY stays. 90 + 90 = 180.
            Machine m = run(" MVI A,90H\n MVI C,90H\n ADD C\n DAA\n HLT\n");
            assertEquals(0x80, m.cpu().a());
            assertFlags(SIGN | CARRY, m.cpu());
        }

        @Test
        void highDigitAboveNine() {
            // ORA A clears CY and AC; A5h: low digit 5 stays; high A > 9 -> +60h = 05h with CY
            Machine m = run(" MVI A,0A5H\n ORA A\n DAA\n HLT\n");
            assertEquals(0x05, m.cpu().a());
            assertFlags(PARITY | CARRY, m.cpu());
        }

        @Test
        void lowCorrectionPushingTheHighDigitAboveNine() {
            // 9Bh: B > 9 -> +06h = A1h; now the high digit A > 9 -> +60h = 01h with CY; B + 6 = 11h: AC
            Machine m = run(" MVI A,9BH\n ORA A\n DAA\n HLT\n");
            assertEquals(0x01, m.cpu().a());
            assertFlags(AUX_CARRY | CARRY, m.cpu());
        }

        @Test
        void validBcdIsLeftAlone() {
            Machine m = run(" MVI A,59H\n ORA A\n DAA\n HLT\n");
            assertEquals(0x59, m.cpu().a());
            assertFlags(PARITY, m.cpu()); // 0101 1001: four ones
        }

        @Test
        void afterSubDoesNotKnowItWasASubtraction() {
            // The 8080's DAA only adds: it corrects for an addition whatever came before.
            // 42h - 15h: 42h + EAh + 1 = 1 2Dh: no borrow; 2 + A + 1 = D: no AC; 0010 1101 four ones.
            // DAA sees 2Dh: D > 9 -> +06h = 33h with AC (D + 6 = 13h); the decimal answer 27 is NOT produced.
            Machine m = load(" MVI A,42H\n SUI 15H\nSITE: DAA\n HLT\n").runTo("SITE");
            assertEquals(0x2D, m.cpu().a());
            assertFlags(PARITY, m.cpu());
            m.runToHalt();
            assertEquals(0x33, m.cpu().a());
            assertFlags(AUX_CARRY | PARITY, m.cpu());
        }
    }

    static int hex(String text) {
        return Integer.parseInt(text, 16);
    }
}
