package dev.invaders.i8080.cpu;

import static dev.invaders.i8080.CpuTestSupport.load;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.CpuTestSupport.Machine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The twelve undocumented opcodes of the 8080 repeat documented ones: 08h, 10h, 18h, 20h, 28h, 30h and
 * 38h are NOP; CBh is JMP; D9h is RET; DDh, EDh and FDh are CALL.
 */
class UndocumentedOpcodesTest {

    @ParameterizedTest(name = "{0} is NOP")
    @ValueSource(strings = {"08H", "10H", "18H", "20H", "28H", "30H", "38H"})
    void nopAliases(String opcode) {
        Machine m = load("""
                 LXI SP,1234H
                 LXI B,0102H
                 LXI D,0304H
                 LXI H,0506H
                 MVI A,7
                 STC
                SITE: DB 0%s
                 HLT
                """.formatted(opcode)).runTo("SITE");
        CpuState before = m.state();
        assertEquals(4, m.step(), "4 cycles like NOP");
        CpuState after = m.state();
        assertEquals(before.withPc(before.pc() + 1), new CpuState(after.a(), after.b(), after.c(), after.d(),
                after.e(), after.h(), after.l(), after.sp(), after.pc(), after.flags(), after.inte(), after.halted(),
                before.cycles()), "only PC moves, by one byte");
    }

    @Test
    void cbIsJmp() {
        Machine m = load("""
                SITE: DB 0CBH
                 DW THERE
                 MVI A,1
                 HLT
                THERE: MVI A,2
                 HLT
                """);
        assertEquals(10, m.step());
        assertEquals(m.symbol("THERE"), m.cpu().pc());
        m.runToHalt();
        assertEquals(2, m.cpu().a());
    }

    @Test
    void d9IsRet() {
        Machine m = load("""
                 LXI SP,1000H
                 CALL SUBR
                BACK: HLT
                SUBR: DB 0D9H
                """).runTo("SUBR");
        assertEquals(10, m.step());
        assertEquals(m.symbol("BACK"), m.cpu().pc());
        assertEquals(0x1000, m.cpu().sp());
    }

    @ParameterizedTest(name = "{0} is CALL")
    @ValueSource(strings = {"0DDH", "0EDH", "0FDH"})
    void callAliases(String opcode) {
        Machine m = load("""
                 LXI SP,1000H
                SITE: DB %s
                 DW SUBR
                BACK: HLT
                SUBR: MVI A,3
                 RET
                """.formatted(opcode)).runTo("SITE");
        assertEquals(17, m.step());
        assertEquals(m.symbol("SUBR"), m.cpu().pc());
        assertEquals(0x0FFE, m.cpu().sp());
        assertEquals(m.symbol("BACK"), m.word(0x0FFE));
        m.runToHalt();
        assertEquals(3, m.cpu().a());
        assertEquals(m.symbol("BACK") + 1, m.cpu().pc());
    }
}
