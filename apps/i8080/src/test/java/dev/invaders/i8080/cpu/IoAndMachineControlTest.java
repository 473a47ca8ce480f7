package dev.invaders.i8080.cpu;

import static dev.invaders.i8080.CpuState.PARITY;
import static dev.invaders.i8080.CpuState.ZERO;
import static dev.invaders.i8080.CpuTestSupport.assertFlags;
import static dev.invaders.i8080.CpuTestSupport.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.invaders.i8080.Cpu;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.CpuTestSupport.Machine;
import dev.invaders.i8080.CpuTestSupport.RecordingPorts.Event;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IN, OUT, EI, DI, NOP, HLT and interrupts (which supply an RST instruction). */
class IoAndMachineControlTest {
    private static final int RST_1 = 0xCF, RST_2 = 0xD7, RST_7 = 0xFF;

    @Test
    void outWritesAToThePortInTheOperand() {
        Machine m = load("""
                 MVI A,42H
                SITE: OUT 10H
                 MVI A,43H
                 OUT 0FFH
                 HLT
                """).runTo("SITE");
        assertEquals(10, m.step(), "OUT takes 10 cycles");
        m.runToHalt();
        assertEquals(List.of(new Event(true, 0x10, 0x42), new Event(true, 0xFF, 0x43)), m.ports().events());
    }

    @Test
    void inReadsThePortIntoAAndLeavesTheFlags() {
        Machine m = load(" XRA A\nSITE: IN 20H\n MOV B,A\n IN 21H\n HLT\n");
        m.ports().input(0x20, 0x5A).input(0x21, 0x80);
        m.runTo("SITE");
        assertEquals(10, m.step(), "IN takes 10 cycles");
        assertEquals(0x5A, m.cpu().a());
        m.runToHalt();
        assertEquals(0x5A, m.state().b());
        assertEquals(0x80, m.cpu().a());
        assertFlags(ZERO | PARITY, m.cpu());
        assertEquals(List.of(new Event(false, 0x20, 0x5A), new Event(false, 0x21, 0x80)), m.ports().events());
    }

    @Test
    void nopChangesNothingButPc() {
        Machine m = load(" NOP\n HLT\n");
        CpuState before = m.state();
        assertEquals(4, m.step());
        assertEquals(before.withPc(1), new CpuState(0, 0, 0, 0, 0, 0, 0, 0, m.cpu().pc(), m.cpu().flags(),
                m.cpu().interruptsEnabled(), m.cpu().halted(), 0));
    }

    @Test
    void eiAndDiSetAndClearInte() {
        Machine m = load(" EI\n DI\n HLT\n");
        assertFalse(m.cpu().interruptsEnabled(), "off after reset");
        assertEquals(4, m.step(), "EI takes 4 cycles");
        assertTrue(m.cpu().interruptsEnabled());
        assertEquals(4, m.step(), "DI takes 4 cycles");
        assertFalse(m.cpu().interruptsEnabled());
    }

    @Test
    void hltStopsAndThenIdlesInStepsOfFourCycles() {
        Machine m = load(" NOP\nSITE: HLT\n MVI A,1\n");
        m.step();
        assertEquals(7, m.step(), "HLT takes 7 cycles");
        Cpu cpu = m.cpu();
        assertTrue(cpu.halted());
        assertEquals(2, cpu.instructions());
        assertEquals(11, cpu.cycles());
        int pc = cpu.pc();
        assertEquals(m.symbol("SITE") + 1, pc, "PC is past the HLT");
        for (int i = 0; i < 3; i++) {
            assertEquals(4, m.step(), "a halted CPU idles 4 cycles a step");
        }
        assertTrue(cpu.halted());
        assertEquals(2, cpu.instructions(), "idling runs no instruction");
        assertEquals(11 + 12, cpu.cycles());
        assertEquals(pc, cpu.pc());
        assertEquals(0, cpu.a(), "the MVI after HLT never ran");
    }

    @Test
    void hltWithInterruptsDisabledStaysHalted() {
        Machine m = load(" DI\n HLT\n").runToHalt();
        assertFalse(m.cpu().acceptsInterrupt());
        assertFalse(m.cpu().interrupt(RST_7), "refused: INTE is off");
        assertEquals(4, m.step());
        assertTrue(m.cpu().halted());
        assertEquals(2, m.cpu().instructions());
        assertEquals(2, m.cpu().pc());
    }

    @Test
    void interruptsAreRefusedAfterReset() {
        Machine m = load(" NOP\n HLT\n");
        assertFalse(m.cpu().acceptsInterrupt());
        assertFalse(m.cpu().interrupt(RST_1));
        assertEquals(0, m.cpu().pc());
    }

    @Test
    void eiTakesEffectAfterTheNextInstruction() {
        Machine m = load(" ORG 100H\n LXI SP,1000H\n EI\nNEXT: NOP\nLATER: NOP\n HLT\n");
        m.step();
        m.step(); // EI
        assertTrue(m.cpu().interruptsEnabled());
        assertFalse(m.cpu().acceptsInterrupt(), "not right after EI");
        assertFalse(m.cpu().interrupt(RST_1), "refused right after EI");
        assertEquals(m.symbol("NEXT"), m.cpu().pc(), "a refused interrupt changes nothing");
        assertEquals(0x1000, m.cpu().sp());
        assertTrue(m.cpu().interruptsEnabled(), "a refused interrupt leaves INTE on");

        m.step(); // NOP
        assertTrue(m.cpu().acceptsInterrupt());
        assertTrue(m.cpu().interrupt(RST_1), "accepted one instruction after EI");
        assertEquals(0x0008, m.cpu().pc());
        assertEquals(m.symbol("LATER"), m.word(0x0FFE));
    }

    @Test
    void diRefusesInterrupts() {
        Machine m = load(" EI\n NOP\n DI\n NOP\n HLT\n");
        m.step();
        m.step();
        assertTrue(m.cpu().acceptsInterrupt());
        m.step(); // DI
        assertFalse(m.cpu().acceptsInterrupt());
        assertFalse(m.cpu().interrupt(RST_1));
        m.step();
        assertFalse(m.cpu().interrupt(RST_1), "still refused later");
        assertEquals(4, m.cpu().pc());
    }

    @Test
    void diRightAfterEiRefuses() {
        Machine m = load(" EI\n DI\n NOP\n HLT\n");
        m.step();
        m.step();
        m.step();
        assertFalse(m.cpu().interrupt(RST_1));
    }

    @Test
    void acceptedInterruptPushesTheNextAddressClearsInteAndRunsTheRst() {
        Machine m = load("""
                 ORG 100H
                 LXI SP,1000H
                 EI
                 NOP
                SITE: MVI A,1
                 HLT
                """).runTo("SITE");
        long cycles = m.cpu().cycles();

        assertTrue(m.cpu().interrupt(RST_2));

        assertEquals(cycles + 11, m.cpu().cycles(), "the RST takes 11 cycles");
        assertEquals(0x0010, m.cpu().pc(), "RST 2 goes to 0010h");
        assertEquals(0x0FFE, m.cpu().sp());
        assertEquals(m.symbol("SITE"), m.word(0x0FFE), "returns to the instruction that had not run yet");
        assertFalse(m.cpu().interruptsEnabled(), "accepting clears INTE");
        assertFalse(m.cpu().interrupt(RST_2), "so a second one is refused");
        assertEquals(0, m.cpu().a(), "the interrupted instruction has not run");
    }

    @ParameterizedTest(name = "interrupt with RST {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7})
    void everyRstVector(int n) {
        Machine m = load(" ORG 100H\n LXI SP,1000H\n EI\n NOP\n HLT\n");
        m.step();
        m.step();
        m.step();
        assertTrue(m.cpu().interrupt(0xC7 | n << 3));
        assertEquals(8 * n, m.cpu().pc());
        assertEquals(0x0105, m.word(0x0FFE));
    }

    @Test
    void interruptLeavesHltAndReturnsPastIt() {
        Machine m = load("""
                 JMP START
                 ORG 8
                 MVI B,77H      ; RST 1 service routine
                 EI
                 RET
                 ORG 40H
                START: LXI SP,1000H
                 EI
                 HLT
                AFTER: MOV A,B
                 HLT
                """).runToHalt();
        assertEquals(4, m.step(), "halted, idling");
        assertTrue(m.cpu().acceptsInterrupt(), "the instruction after EI (HLT) has run");

        assertTrue(m.cpu().interrupt(RST_1));

        assertFalse(m.cpu().halted(), "an accepted interrupt leaves HLT");
        assertEquals(0x0008, m.cpu().pc());
        assertEquals(m.symbol("AFTER"), m.word(0x0FFE), "pushes the address after the HLT");
        m.runToHalt();
        assertEquals(0x77, m.cpu().a());
        assertEquals(m.symbol("AFTER") + 2, m.cpu().pc());
        assertTrue(m.cpu().interruptsEnabled(), "the service routine's EI");
        assertEquals(0x1000, m.cpu().sp());
    }

    @Test
    void interruptMustSupplyAnRst() {
        Machine m = load(" EI\n NOP\n HLT\n");
        m.step();
        m.step();
        assertThrows(IllegalArgumentException.class, () -> m.cpu().interrupt(0x00));
        assertThrows(IllegalArgumentException.class, () -> m.cpu().interrupt(0xCD));
        assertThrows(IllegalArgumentException.class, () -> m.cpu().interrupt(0x1C7));
    }
}
