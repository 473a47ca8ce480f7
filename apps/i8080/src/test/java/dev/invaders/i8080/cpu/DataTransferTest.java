package dev.invaders.i8080.cpu;

import static dev.invaders.i8080.CpuState.PARITY;
import static dev.invaders.i8080.CpuState.ZERO;
import static dev.invaders.i8080.CpuTestSupport.assertFlags;
import static dev.invaders.i8080.CpuTestSupport.load;
import static dev.invaders.i8080.CpuTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.CpuTestSupport.Machine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MOV, MVI, LXI, LDA, STA, LHLD, SHLD, LDAX, STAX, XCHG. None of them touches the flags. */
class DataTransferTest {
    private static final List<String> REGS = List.of("B", "C", "D", "E", "H", "L", "A");
    /** The value each register is loaded with before a MOV. */
    private static final Map<String, Integer> START = Map.of(
            "B", 0x11, "C", 0x22, "D", 0x33, "E", 0x44, "H", 0x55, "L", 0x66, "A", 0x77);

    private static int reg(CpuState s, String r) {
        return switch (r) {
            case "A" -> s.a();
            case "B" -> s.b();
            case "C" -> s.c();
            case "D" -> s.d();
            case "E" -> s.e();
            case "H" -> s.h();
            case "L" -> s.l();
            default -> throw new IllegalArgumentException(r);
        };
    }

    @ParameterizedTest(name = "MOV {0},{1}")
    @CsvSource({
        "B,C", "B,D", "B,E", "B,H", "B,L", "B,A", "B,B",
        "C,B", "C,D", "C,E", "C,H", "C,L", "C,A", "C,C",
        "D,B", "D,C", "D,E", "D,H", "D,L", "D,A", "D,D",
        "E,B", "E,C", "E,D", "E,H", "E,L", "E,A", "E,E",
        "H,B", "H,C", "H,D", "H,E", "H,L", "H,A", "H,H",
        "L,B", "L,C", "L,D", "L,E", "L,H", "L,A", "L,L",
        "A,B", "A,C", "A,D", "A,E", "A,H", "A,L", "A,A"})
    void movCopiesSourceToDestinationOnly(String dst, String src) {
        StringBuilder source = new StringBuilder();
        for (String r : REGS) {
            source.append(" MVI ").append(r).append(',').append(START.get(r)).append('\n');
        }
        source.append("SITE: MOV ").append(dst).append(',').append(src).append("\n HLT\n");
        Machine m = load(source.toString()).runTo("SITE");

        assertEquals(5, m.step(), "MOV r,r takes 5 cycles");

        CpuState s = m.state();
        for (String r : REGS) {
            int expected = r.equals(dst) ? START.get(src) : START.get(r);
            assertEquals(expected, reg(s, r), "register " + r);
        }
        assertFlags(0, m.cpu());
    }

    @Test
    void movChainRotatesValuesThroughRegisters() {
        Machine m = run("""
                 MVI B,1
                 MVI C,2
                 MVI D,3
                 MVI E,4
                 MVI H,5
                 MVI L,6
                 MVI A,7
                 MOV A,B
                 MOV B,C
                 MOV C,D
                 MOV D,E
                 MOV E,H
                 MOV H,L
                 MOV L,A
                 HLT
                """);
        CpuState s = m.state();
        assertEquals(1, s.a());
        assertEquals(2, s.b());
        assertEquals(3, s.c());
        assertEquals(4, s.d());
        assertEquals(5, s.e());
        assertEquals(6, s.h());
        assertEquals(1, s.l());
    }

    @Test
    void movFromAndToMemoryUsesHl() {
        Machine m = load("""
                 LXI H,DATA
                 MVI A,0A5H
                 MVI C,3CH
                 MVI D,0FFH
                 MOV B,M
                 MOV E,M
                 MOV M,A
                 MOV A,M
                 INX H
                 MOV M,C
                 HLT
                DATA: DB 42H, 0
                """);
        m.runToHalt();
        int data = m.symbol("DATA");
        CpuState s = m.state();
        assertEquals(0x42, s.b(), "MOV B,M");
        assertEquals(0x42, s.e(), "MOV E,M");
        assertEquals(0xA5, m.mem(data), "MOV M,A");
        assertEquals(0xA5, s.a(), "MOV A,M reads back what MOV M,A wrote");
        assertEquals(0x3C, m.mem(data + 1), "MOV M,C at HL+1");
        assertEquals(0xFF, s.d(), "D untouched");
    }

    @Test
    void movWithMemoryTakesSevenCycles() {
        Machine m = load("""
                 LXI H,2000H
                SITE: MOV B,M
                 MOV M,B
                 HLT
                """).runTo("SITE");
        assertEquals(7, m.step(), "MOV r,M");
        assertEquals(7, m.step(), "MOV M,r");
    }

    @Test
    void mviLoadsEachRegisterAndMemory() {
        Machine m = load("""
                 LXI H,3000H
                SITE: MVI M,0ABH
                 MVI A,1
                 MVI B,2
                 MVI C,3
                 MVI D,4
                 MVI E,5
                 MVI H,6
                 MVI L,7
                 HLT
                """).runTo("SITE");
        assertEquals(10, m.step(), "MVI M takes 10 cycles");
        assertEquals(7, m.step(), "MVI r takes 7 cycles");
        m.runToHalt();
        assertEquals(0xAB, m.mem(0x3000));
        CpuState s = m.state();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), List.of(s.a(), s.b(), s.c(), s.d(), s.e(), s.h(), s.l()));
    }

    @Test
    void lxiLoadsHighByteIntoFirstRegisterOfThePair() {
        Machine m = load("""
                 LXI B,1234H
                 LXI D,5678H
                 LXI H,9ABCH
                 LXI SP,0DEF0H
                 HLT
                """);
        assertEquals(10, m.step(), "LXI takes 10 cycles");
        m.runToHalt();
        CpuState s = m.state();
        assertEquals(0x12, s.b());
        assertEquals(0x34, s.c());
        assertEquals(0x56, s.d());
        assertEquals(0x78, s.e());
        assertEquals(0x9A, s.h());
        assertEquals(0xBC, s.l());
        assertEquals(0xDEF0, s.sp());
    }

    @Test
    void ldaAndStaUseTheDirectAddress() {
        Machine m = load("""
                SITE: LDA SRC
                 STA DST
                 HLT
                SRC: DB 9EH
                DST: DB 0
                """);
        assertEquals(13, m.step(), "LDA takes 13 cycles");
        assertEquals(0x9E, m.cpu().a());
        assertEquals(13, m.step(), "STA takes 13 cycles");
        assertEquals(0x9E, m.mem(m.symbol("DST")));
    }

    @Test
    void shldStoresLowByteFirstAndLhldLoadsIt() {
        Machine m = load("""
                 LXI H,1234H
                 SHLD 2000H
                 LHLD WORD
                 HLT
                WORD: DW 0BEEFH
                """);
        m.step();
        assertEquals(16, m.step(), "SHLD takes 16 cycles");
        assertEquals(0x34, m.mem(0x2000), "L goes to the lower address");
        assertEquals(0x12, m.mem(0x2001), "H goes to the higher address");
        assertEquals(16, m.step(), "LHLD takes 16 cycles");
        assertEquals(0xEF, m.state().l());
        assertEquals(0xBE, m.state().h());
    }

    @Test
    void lhldAndShldWrapAtTheTopOfMemory() {
        Machine m = load("""
                 ORG 100H
                 LHLD 0FFFFH
                 XCHG
                 LXI H,5AA5H
                 SHLD 0FFFFH
                 HLT
                """);
        m.ram().write(0xFFFF, 0x22);
        m.ram().write(0x0000, 0x11);
        m.runToHalt();
        assertEquals(0x1122, m.cpu().de(), "LHLD FFFFh reads L from FFFFh and H from 0000h");
        assertEquals(0xA5, m.mem(0xFFFF));
        assertEquals(0x5A, m.mem(0x0000));
    }

    @Test
    void ldaxAndStaxUseBcAndDe() {
        Machine m = load("""
                 LXI B,SRC1
                 LXI D,SRC2
                SITE: LDAX B
                 MOV H,A
                 LDAX D
                 MOV L,A
                 LXI B,DST1
                 LXI D,DST2
                 MVI A,77H
                 STAX B
                 MVI A,88H
                 STAX D
                 HLT
                SRC1: DB 0C1H
                SRC2: DB 0D2H
                DST1: DB 0
                DST2: DB 0
                """).runTo("SITE");
        assertEquals(7, m.step(), "LDAX takes 7 cycles");
        m.runToHalt();
        assertEquals(0xC1, m.state().h(), "LDAX B");
        assertEquals(0xD2, m.state().l(), "LDAX D");
        assertEquals(0x77, m.mem(m.symbol("DST1")), "STAX B");
        assertEquals(0x88, m.mem(m.symbol("DST2")), "STAX D");
    }

    @Test
    void staxTakesSevenCycles() {
        Machine m = load(" LXI B,2000H\nSITE: STAX B\n HLT\n").runTo("SITE");
        assertEquals(7, m.step());
    }

    @Test
    void xchgSwapsHlAndDe() {
        Machine m = load("""
                 LXI D,1234H
                 LXI H,0ABCDH
                SITE: XCHG
                 HLT
                """).runTo("SITE");
        assertEquals(4, m.step(), "XCHG takes 4 cycles");
        assertEquals(0xABCD, m.cpu().de());
        assertEquals(0x1234, m.cpu().hl());
    }

    @Test
    void dataTransfersLeaveTheFlagsAlone() {
        Machine m = run("""
                 XRA A        ; A=0: Z and P set, CY and AC clear
                 MVI B,0FFH
                 MOV A,B
                 LXI H,DATA
                 MOV C,M
                 MVI M,80H
                 LDA DATA
                 STA DATA+1
                 LHLD DATA
                 SHLD DATA+2
                 LXI D,DATA
                 LDAX D
                 STAX D
                 XCHG
                 HLT
                DATA: DB 1, 2, 3, 4
                """);
        assertFlags(ZERO | PARITY, m.cpu());
        assertEquals(0x80, m.cpu().a());
    }
}
