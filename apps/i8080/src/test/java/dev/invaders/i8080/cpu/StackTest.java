package dev.invaders.i8080.cpu;

import static dev.invaders.i8080.CpuState.AUX_CARRY;
import static dev.invaders.i8080.CpuState.CARRY;
import static dev.invaders.i8080.CpuState.PARITY;
import static dev.invaders.i8080.CpuState.SIGN;
import static dev.invaders.i8080.CpuState.ZERO;
import static dev.invaders.i8080.CpuTestSupport.assertFlags;
import static dev.invaders.i8080.CpuTestSupport.load;
import static dev.invaders.i8080.CpuTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.invaders.i8080.CpuTestSupport.Machine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PUSH, POP (with PSW), XTHL, SPHL, and SP wrapping through 0000h/FFFFh. PUSH stores the high byte at
 * SP-1 and the low byte at SP-2; PUSH PSW stores A high and the flag byte low.
 */
class StackTest {

    @Test
    void pushStoresHighByteAboveLowByte() {
        Machine m = load("""
                 LXI SP,1000H
                 LXI B,1234H
                 LXI D,5678H
                 LXI H,9ABCH
                SITE: PUSH B
                 PUSH D
                 PUSH H
                 HLT
                """).runTo("SITE");
        assertEquals(11, m.step(), "PUSH takes 11 cycles");
        m.runToHalt();
        assertEquals(0x12, m.mem(0x0FFF));
        assertEquals(0x34, m.mem(0x0FFE));
        assertEquals(0x56, m.mem(0x0FFD));
        assertEquals(0x78, m.mem(0x0FFC));
        assertEquals(0x9A, m.mem(0x0FFB));
        assertEquals(0xBC, m.mem(0x0FFA));
        assertEquals(0x0FFA, m.cpu().sp());
    }

    @Test
    void popTakesTheLastPushedFirst() {
        Machine m = load("""
                 LXI SP,1000H
                 LXI B,1234H
                 LXI D,5678H
                 LXI H,9ABCH
                 PUSH B
                 PUSH D
                 PUSH H
                SITE: POP B
                 POP D
                 POP H
                 HLT
                """).runTo("SITE");
        assertEquals(10, m.step(), "POP takes 10 cycles");
        m.runToHalt();
        assertEquals(0x9ABC, m.cpu().bc());
        assertEquals(0x5678, m.cpu().de());
        assertEquals(0x1234, m.cpu().hl());
        assertEquals(0x1000, m.cpu().sp());
    }

    @Test
    void popReadsLowByteFromSp() {
        Machine m = run(" LXI SP,DATA\n POP H\n HLT\nDATA: DB 0EFH, 0BEH\n");
        assertEquals(0xBEEF, m.cpu().hl());
        assertEquals(m.symbol("DATA") + 2, m.cpu().sp());
    }

    @Test
    void pushPswStoresAAndTheFlagByte() {
        // FFh + 01h: Z AC P CY = 40h+10h+04h+01h, plus bit 1 = 57h
        Machine m = load(" LXI SP,1000H\n MVI A,0FFH\n ADI 1\n MVI A,42H\nSITE: PUSH PSW\n HLT\n").runTo("SITE");
        assertEquals(11, m.step());
        assertEquals(0x42, m.mem(0x0FFF), "A at SP+1");
        assertEquals(0x57, m.mem(0x0FFE), "flags at SP");
    }

    @Test
    void pushPswWithNoFlagsStillStoresBitOne() {
        Machine m = run(" LXI SP,1000H\n MVI A,80H\n PUSH PSW\n HLT\n");
        assertEquals(0x02, m.mem(0x0FFE));
        assertEquals(0x80, m.mem(0x0FFF));
    }

    @ParameterizedTest(name = "POP PSW of {0}h gives flags {1}h")
    @CsvSource({
        "FF, D7",   // bits 3 and 5 forced to 0
        "00, 02",   // bit 1 forced to 1
        "28, 02",   // only bits 3 and 5: nothing survives
        "02, 02",
        "D5, D7",
        "01, 03",
        "80, 82",
        "44, 46"})
    void popPswForcesBitOneOnAndBitsThreeAndFiveOff(String popped, String flags) {
        Machine m = load("""
                 LXI SP,DATA
                SITE: POP PSW
                 PUSH PSW
                 HLT
                DATA: DB 0%sH, 0A5H
                """.formatted(popped)).runTo("SITE");
        assertEquals(10, m.step(), "POP PSW takes 10 cycles");
        assertEquals(0xA5, m.cpu().a());
        assertEquals(Integer.parseInt(flags, 16), m.cpu().flags());
        m.runToHalt();
        assertEquals(Integer.parseInt(flags, 16), m.mem(m.symbol("DATA")), "PUSH PSW stores the cleaned byte");
    }

    @Test
    void popPswSetsEveryConditionTheByteSays() {
        Machine m = run("""
                 LXI SP,DATA
                 POP PSW
                 MVI B,0
                 JNZ FAIL
                 JNC FAIL
                 JPO FAIL
                 JP FAIL
                 MVI B,1
                FAIL: HLT
                DATA: DB 0FFH, 0
                """);
        assertEquals(1, m.state().b());
        assertFlags(SIGN | ZERO | AUX_CARRY | PARITY | CARRY, m.cpu());
    }

    @Test
    void pswRoundTripKeepsAAndFlags() {
        Machine m = run("""
                 LXI SP,1000H
                 MVI A,7FH
                 ADI 1          ; 80h: S AC
                 PUSH PSW
                 XRA A          ; Z P
                 POP PSW
                 HLT
                """);
        assertEquals(0x80, m.cpu().a());
        assertFlags(SIGN | AUX_CARRY, m.cpu());
    }

    @Test
    void pushAndPopOfPairsLeaveTheFlags() {
        Machine m = run(" LXI SP,1000H\n XRA A\n STC\n PUSH B\n PUSH H\n POP D\n POP H\n HLT\n");
        assertFlags(ZERO | PARITY | CARRY, m.cpu());
    }

    @Test
    void xthlSwapsHlWithTheTopOfTheStack() {
        Machine m = load("""
                 LXI SP,DATA
                 LXI H,0ABCDH
                SITE: XTHL
                 HLT
                DATA: DW 1234H
                """).runTo("SITE");
        assertEquals(18, m.step(), "XTHL takes 18 cycles");
        assertEquals(0x1234, m.cpu().hl());
        int data = m.symbol("DATA");
        assertEquals(0xCD, m.mem(data), "L goes to SP");
        assertEquals(0xAB, m.mem(data + 1), "H goes to SP+1");
        assertEquals(data, m.cpu().sp(), "SP unchanged");
    }

    @Test
    void sphlLoadsSpFromHl() {
        Machine m = load(" LXI H,2345H\nSITE: SPHL\n LXI B,0BEEFH\n PUSH B\n HLT\n").runTo("SITE");
        assertEquals(5, m.step(), "SPHL takes 5 cycles");
        assertEquals(0x2345, m.cpu().sp());
        assertEquals(0x2345, m.cpu().hl());
        m.runToHalt();
        assertEquals(0xBEEF, m.word(0x2343));
    }

    @Test
    void pushWrapsBelowZero() {
        Machine m = run(" ORG 100H\n LXI SP,0\n LXI B,1234H\n PUSH B\n HLT\n");
        assertEquals(0xFFFE, m.cpu().sp());
        assertEquals(0x12, m.mem(0xFFFF));
        assertEquals(0x34, m.mem(0xFFFE));
    }

    @Test
    void pushWithSpOneSplitsTheWordAcrossTheWrap() {
        Machine m = run(" ORG 100H\n LXI SP,1\n LXI D,1234H\n PUSH D\n HLT\n");
        assertEquals(0xFFFF, m.cpu().sp());
        assertEquals(0x12, m.mem(0x0000), "high byte at SP-1 = 0000h");
        assertEquals(0x34, m.mem(0xFFFF), "low byte at SP-2 = FFFFh");
    }

    @Test
    void popWrapsAboveFfff() {
        Machine m = load(" ORG 100H\n LXI SP,0FFFFH\n POP D\n LXI SP,0FFFEH\n POP H\n HLT\n");
        m.ram().write(0xFFFE, 0x78);
        m.ram().write(0xFFFF, 0x34);
        m.ram().write(0x0000, 0x12);
        m.step();
        m.step();
        assertEquals(0x1234, m.cpu().de(), "low from FFFFh, high from 0000h");
        assertEquals(0x0001, m.cpu().sp());
        m.runToHalt();
        assertEquals(0x3478, m.cpu().hl());
        assertEquals(0x0000, m.cpu().sp());
    }

    @Test
    void callAndRetWrapTheStack() {
        Machine m = load("""
                 ORG 100H
                 LXI SP,0
                 CALL SUBR
                BACK: LXI SP,1
                 CALL SUBR
                 HLT
                SUBR: RET
                """);
        m.step();
        m.step();
        assertEquals(0xFFFE, m.cpu().sp());
        int back = m.symbol("BACK");
        assertEquals(back, m.word(0xFFFE));
        m.step();
        assertEquals(0x0000, m.cpu().sp(), "RET wraps back to 0000h");
        assertEquals(back, m.cpu().pc());
        m.step();
        m.step();
        assertEquals(0xFFFF, m.cpu().sp());
        int after = back + 6;
        assertEquals(after & 0xFF, m.mem(0xFFFF), "return address low byte at FFFFh");
        assertEquals(after >> 8, m.mem(0x0000), "return address high byte at 0000h");
        m.step();
        assertEquals(0x0001, m.cpu().sp());
        assertEquals(after, m.cpu().pc());
    }

    @Test
    void xthlAtTheTopOfMemoryWraps() {
        Machine m = load(" ORG 100H\n LXI SP,0FFFFH\n LXI H,0ABCDH\n XTHL\n HLT\n");
        m.ram().write(0xFFFF, 0x34);
        m.ram().write(0x0000, 0x12);
        m.runToHalt();
        assertEquals(0x1234, m.cpu().hl());
        assertEquals(0xCD, m.mem(0xFFFF));
        assertEquals(0xAB, m.mem(0x0000));
        assertEquals(0xFFFF, m.cpu().sp());
    }
}
