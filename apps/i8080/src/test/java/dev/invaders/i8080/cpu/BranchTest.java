package dev.invaders.i8080.cpu;

import static dev.invaders.i8080.CpuState.CARRY;
import static dev.invaders.i8080.CpuState.PARITY;
import static dev.invaders.i8080.CpuState.ZERO;
import static dev.invaders.i8080.CpuTestSupport.assertFlags;
import static dev.invaders.i8080.CpuTestSupport.load;
import static dev.invaders.i8080.CpuTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.invaders.i8080.CpuTestSupport.Machine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JMP, Jcc, CALL, Ccc, RET, Rcc, RST, PCHL with their cycle counts: Jcc 10 taken or not, Ccc 17 taken
 * and 11 not, Rcc 11 taken and 5 not, JMP 10, CALL 17, RET 10, RST 11, PCHL 5.
 */
class BranchTest {

    /** Flag set-ups: which conditions each makes true. */
    private static String setup(String name) {
        return switch (name) {
            case "ZERO" -> " XRA A\n";                 // Z=1 P=1 (even) S=0 CY=0
            case "ODD" -> " MVI A,1\n ORA A\n";        // Z=0 P=0 (odd)  S=0 CY=0
            case "MINUS" -> " MVI A,0FFH\n ORA A\n";   // Z=0 P=1        S=1 CY=0
            case "CARRY" -> " STC\n";                  // Z=0 P=0        S=0 CY=1 (flags after reset are clear)
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static final String CONDITIONS = """
            NZ, ZERO,  false
            NZ, ODD,   true
            Z,  ZERO,  true
            Z,  ODD,   false
            NC, CARRY, false
            NC, ZERO,  true
            C,  CARRY, true
            C,  ZERO,  false
            PO, ODD,   true
            PO, ZERO,  false
            PE, ZERO,  true
            PE, ODD,   false
            P,  ODD,   true
            P,  MINUS, false
            M,  MINUS, true
            M,  ODD,   false
            """;

    @ParameterizedTest(name = "J{0} after {1}: taken={2}")
    @CsvSource(textBlock = CONDITIONS)
    void conditionalJumpTakesTenCyclesEitherWay(String cc, String flags, boolean taken) {
        Machine m = load(" LXI SP,1000H\n" + setup(flags) + """
                SITE: J%s YES
                NO: MVI B,1
                 HLT
                YES: MVI B,2
                 HLT
                """.formatted(cc)).runTo("SITE");
        assertEquals(10, m.step());
        assertEquals(m.symbol(taken ? "YES" : "NO"), m.cpu().pc());
        assertEquals(0x1000, m.cpu().sp(), "a jump does not touch the stack");
    }

    @ParameterizedTest(name = "C{0} after {1}: taken={2}")
    @CsvSource(textBlock = CONDITIONS)
    void conditionalCallTakes17TakenAnd11Not(String cc, String flags, boolean taken) {
        Machine m = load(" LXI SP,1000H\n" + setup(flags) + """
                SITE: C%s SUBR
                NEXT: MVI B,1
                 HLT
                SUBR: MVI B,2
                 HLT
                """.formatted(cc)).runTo("SITE");
        if (taken) {
            assertEquals(17, m.step());
            assertEquals(m.symbol("SUBR"), m.cpu().pc());
            assertEquals(0x0FFE, m.cpu().sp());
            assertEquals(m.symbol("NEXT"), m.word(0x0FFE), "return address");
        } else {
            assertEquals(11, m.step());
            assertEquals(m.symbol("NEXT"), m.cpu().pc());
            assertEquals(0x1000, m.cpu().sp());
        }
    }

    @ParameterizedTest(name = "R{0} after {1}: taken={2}")
    @CsvSource(textBlock = CONDITIONS)
    void conditionalReturnTakes11TakenAnd5Not(String cc, String flags, boolean taken) {
        Machine m = load("""
                 LXI SP,1000H
                 CALL SUBR
                BACK: MVI B,1
                 HLT
                SUBR:
                """ + setup(flags) + """
                SITE: R%s
                STAY: MVI B,2
                 HLT
                """.formatted(cc)).runTo("SITE");
        if (taken) {
            assertEquals(11, m.step());
            assertEquals(m.symbol("BACK"), m.cpu().pc());
            assertEquals(0x1000, m.cpu().sp());
        } else {
            assertEquals(5, m.step());
            assertEquals(m.symbol("STAY"), m.cpu().pc());
            assertEquals(0x0FFE, m.cpu().sp());
        }
    }

    @Test
    void jmpTakesTenCycles() {
        Machine m = load("""
                 JMP OVER
                 MVI A,1
                OVER: HLT
                """);
        assertEquals(10, m.step());
        assertEquals(m.symbol("OVER"), m.cpu().pc());
        m.runToHalt();
        assertEquals(0, m.cpu().a());
    }

    @Test
    void callPushesTheReturnAddressHighByteFirstAndRetPopsIt() {
        Machine m = load("""
                 LXI SP,2000H
                 CALL SUBR
                BACK: HLT
                SUBR: MVI A,5
                 RET
                """);
        m.step();
        assertEquals(17, m.step(), "CALL");
        assertEquals(m.symbol("SUBR"), m.cpu().pc());
        assertEquals(0x1FFE, m.cpu().sp());
        int back = m.symbol("BACK");
        assertEquals(back >> 8, m.mem(0x1FFF), "high byte at SP+1");
        assertEquals(back & 0xFF, m.mem(0x1FFE), "low byte at SP");
        m.step();
        assertEquals(10, m.step(), "RET");
        assertEquals(back, m.cpu().pc());
        assertEquals(0x2000, m.cpu().sp());
    }

    @Test
    void nestedCallsReturnInOrder() {
        Machine m = run("""
                 LXI SP,2000H
                 MVI A,1
                 CALL ONE
                 ADI 40H        ; 1, +2, +4, +8 on the way in; +10h, +20h, +40h on the way out
                 HLT
                ONE: ADI 2
                 CALL TWO
                 ADI 20H
                 RET
                TWO: ADI 4
                 CALL THREE
                 ADI 10H
                 RET
                THREE: ADI 8
                 RET
                """);
        assertEquals(0x7F, m.cpu().a());
        assertEquals(0x2000, m.cpu().sp());
    }

    @Test
    void countedLoopRunsTheExpectedInstructionsAndCycles() {
        Machine m = run("""
                 MVI B,5
                LOOP: DCR B
                 JNZ LOOP
                 HLT
                """);
        // MVI 7, five times (DCR 5 + JNZ 10), HLT 7
        assertEquals(1 + 5 * 2 + 1, m.cpu().instructions());
        assertEquals(7 + 5 * 15 + 7, m.cpu().cycles());
        assertEquals(0, m.state().b());
    }

    @Test
    void subroutineWithConditionalReturns() {
        // MAX: A = larger of A and B (unsigned), using CMP and RNC.
        Machine m = run("""
                 LXI SP,2000H
                 MVI A,30H
                 MVI B,70H
                 CALL MAX
                 MOV C,A
                 MVI A,90H
                 MVI B,20H
                 CALL MAX
                 HLT
                MAX: CMP B
                 RNC
                 MOV A,B
                 RET
                """);
        assertEquals(0x70, m.state().c());
        assertEquals(0x90, m.cpu().a());
    }

    @ParameterizedTest(name = "RST {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void rstCallsEightTimesN(int n) {
        Machine m = load(" ORG 100H\n LXI SP,1000H\nSITE: RST " + n + "\n HLT\n").runTo("SITE");
        assertEquals(11, m.step());
        assertEquals(8 * n, m.cpu().pc());
        assertEquals(0x0FFE, m.cpu().sp());
        assertEquals(0x0104, m.word(0x0FFE), "pushes the address after the RST");
    }

    @Test
    void rstAndReturn() {
        Machine m = run("""
                 JMP START
                 ORG 10H
                 MVI B,0AAH     ; the RST 2 routine
                 RET
                 ORG 40H
                START: LXI SP,1000H
                 RST 2
                 MOV A,B
                 HLT
                """);
        assertEquals(0xAA, m.cpu().a());
        assertEquals(0x1000, m.cpu().sp());
    }

    @Test
    void pchlJumpsToHlInFiveCycles() {
        Machine m = load("""
                 LXI H,THERE
                SITE: PCHL
                 MVI A,1
                 HLT
                THERE: MVI A,2
                 HLT
                """).runTo("SITE");
        assertEquals(5, m.step());
        assertEquals(m.symbol("THERE"), m.cpu().pc());
        m.runToHalt();
        assertEquals(2, m.cpu().a());
    }

    @Test
    void branchesLeaveTheFlagsAlone() {
        Machine m = run("""
                 JMP START
                 ORG 8
                 LXI H,DONE     ; RST 1 lands here
                 PCHL
                 ORG 40H
                START: LXI SP,1000H
                 XRA A          ; Z and P
                 STC            ; Z, P and CY
                 JMP A1
                A1: JZ A2
                A2: CZ SUBR
                 RST 1
                 HLT
                SUBR: RC
                DONE: HLT
                """);
        assertEquals(m.symbol("DONE") + 1, m.cpu().pc());
        assertFlags(ZERO | PARITY | CARRY, m.cpu());
    }
}
