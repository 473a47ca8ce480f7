package dev.invaders.machine;

import dev.invaders.i8080.Cpu;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Processor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvadersMachineTest {

    /** Wraps the real CPU and records each accepted interrupt: its opcode and the cycle it was taken at. */
    static final class Recorder implements Processor {
        final Cpu cpu;
        final List<long[]> taken = new ArrayList<>();

        Recorder(InvadersBoard board) {
            cpu = new Cpu(board, board);
        }

        @Override
        public int step() {
            return cpu.step();
        }

        @Override
        public boolean interrupt(int opcode) {
            long at = cpu.cycles();
            boolean ok = cpu.interrupt(opcode);
            if (ok) {
                taken.add(new long[] {opcode, at});
            }
            return ok;
        }

        @Override
        public boolean acceptsInterrupt() {
            return cpu.acceptsInterrupt();
        }

        @Override
        public CpuState state() {
            return cpu.state();
        }

        @Override
        public void setState(CpuState state) {
            cpu.setState(state);
        }

        @Override
        public long cycles() {
            return cpu.cycles();
        }

        @Override
        public long instructions() {
            return cpu.instructions();
        }
    }

    /**
     * EI; HLT and service routines whose cycles are multiples of 4, so the halted CPU (4 cycles a step)
     * meets every interrupt on its exact cycle. Vector 0x08 counts in 0x2000, 0x10 in 0x2001.
     */
    static TestRom haltingProgram() {
        // From acceptance to halted again: RST 11 + JMP 10 + 36 + EI 4 + RET 10 + JMP 10 + HLT 7 = 88.
        return new TestRom()
                .at(0x0000, 0xC3, 0x40, 0x00)                       // JMP 0040            10
                .at(0x0008, 0xC3, 0x60, 0x00)                       // JMP 0060            10
                .at(0x0010, 0xC3, 0x80, 0x00)                       // JMP 0080
                .at(0x0060, 0x3A, 0x00, 0x20, 0x3C, 0x32, 0x00, 0x20, // LDA 2000; INR A; STA 2000  31
                        0x7F, 0xFB, 0xC9)                           // MOV A,A; EI; RET     5 + 14
                .at(0x0080, 0x3A, 0x01, 0x20, 0x3C, 0x32, 0x01, 0x20, // LDA 2001; INR A; STA 2001
                        0x7F, 0xFB, 0xC9)                           // MOV A,A; EI; RET
                .at(0x0040, 0x31, 0x00, 0x24,                       // LXI SP,2400         10
                        0x7F,                                       // MOV A,A              5
                        0xFB,                                       // EI                   4
                        0x76,                                       // 0045: HLT            7
                        0xC3, 0x45, 0x00);                          // JMP 0045            10
    }

    @Test
    void interruptsComeAtMameCyclesAndInOrder() {
        InvadersBoard board = new InvadersBoard(haltingProgram().image());
        Recorder rec = new Recorder(board);
        InvadersMachine m = new InvadersMachine(board, rec);
        int frames = 20;
        for (int i = 0; i < frames; i++) {
            FrameInfo info = m.runFrame();
            assertEquals(i, info.frame());
            assertEquals(2, info.interruptsTaken());
            assertEquals(0, info.interruptsLost());
        }
        assertEquals(2 * frames, rec.taken.size());
        for (int i = 0; i < rec.taken.size(); i++) {
            long[] t = rec.taken.get(i);
            long frameStart = (long) (i / 2) * InvadersMachine.CYCLES_PER_FRAME;
            if (i % 2 == 0) {
                assertEquals(0xCF, t[0], "first interrupt of frame " + i / 2 + " is RST 1");
                assertEquals(frameStart + 12_288, t[1], "RST 1 at scanline 96");
            } else {
                assertEquals(0xD7, t[0], "second interrupt of frame " + i / 2 + " is RST 2");
                assertEquals(frameStart + 28_672, t[1], "RST 2 at scanline 224");
            }
            if (i > 0) {
                long gap = t[1] - rec.taken.get(i - 1)[1];
                assertEquals(i % 2 == 1 ? 16_384 : 17_152, gap, "gap before interrupt " + i);
            }
        }
        assertEquals(frames, board.read(0x2000), "vector 0x08 ran once a frame");
        assertEquals(frames, board.read(0x2001), "vector 0x10 ran once a frame");
    }

    @Test
    void rst1RunsBeforeRst2InTheFrame() {
        // Vector 0x08 copies the RST 2 count into 0x2002; vector 0x10 copies the RST 1 count into 0x2003.
        TestRom rom = new TestRom()
                .at(0x0000, 0xC3, 0x40, 0x00)
                .at(0x0008, 0xC3, 0x60, 0x00)
                .at(0x0010, 0xC3, 0x80, 0x00)
                .at(0x0040, 0x31, 0x00, 0x24, 0xFB, 0xC3, 0x44, 0x00) // LXI SP; EI; 0044: JMP 0044
                .at(0x0060, 0x21, 0x00, 0x20, 0x34,                   // LXI H,2000; INR M
                        0x3A, 0x01, 0x20, 0x32, 0x02, 0x20, 0xFB, 0xC9) // LDA 2001; STA 2002; EI; RET
                .at(0x0080, 0x21, 0x01, 0x20, 0x34,                   // LXI H,2001; INR M
                        0x3A, 0x00, 0x20, 0x32, 0x03, 0x20, 0xFB, 0xC9); // LDA 2000; STA 2003; EI; RET
        InvadersMachine m = rom.machine();
        m.runFrame();
        InvadersBoard b = m.board();
        assertEquals(1, b.read(0x2000));
        assertEquals(1, b.read(0x2001));
        assertEquals(0, b.read(0x2002), "RST 1 ran before any RST 2");
        assertEquals(1, b.read(0x2003), "RST 2 ran after RST 1");
        m.runFrames(4);
        assertEquals(5, b.read(0x2000));
        assertEquals(5, b.read(0x2001));
        assertEquals(4, b.read(0x2002));
        assertEquals(5, b.read(0x2003));
    }

    @Test
    void interruptsWhileDisabledAreLost() {
        // DI; JMP self: no interrupt is ever taken, and none is saved up.
        InvadersMachine m = new TestRom()
                .at(0x0000, 0xF3, 0xC3, 0x01, 0x00)
                .at(0x0008, 0x3E, 0x01, 0x32, 0x00, 0x20, 0x76)      // would mark 0x2000 and halt
                .at(0x0010, 0x3E, 0x02, 0x32, 0x00, 0x20, 0x76)
                .machine();
        for (int i = 0; i < 5; i++) {
            FrameInfo info = m.runFrame();
            assertEquals(0, info.interruptsTaken());
            assertEquals(2, info.interruptsLost());
        }
        assertEquals(0, m.board().read(0x2000));
    }

    @Test
    void anInterruptLostBeforeEiIsNotHeld() {
        // Interrupts off for about 15,000 cycles (past RST 1 at 12,288), then EI and spin.
        // Vector 0x08 counts in 0x2000, 0x10 in 0x2001.
        InvadersMachine m = new TestRom()
                .at(0x0000, 0xC3, 0x40, 0x00)
                .at(0x0008, 0xE5, 0x21, 0x00, 0x20, 0x34, 0xE1, 0xFB, 0xC9) // PUSH H; LXI H,2000; INR M; POP H; EI; RET
                .at(0x0010, 0xE5, 0x21, 0x01, 0x20, 0x34, 0xE1, 0xFB, 0xC9)
                .at(0x0040, 0x31, 0x00, 0x24,                         // LXI SP,2400
                        0x01, 0x71, 0x02,                             // LXI B,625 (24 cycles a turn)
                        0x0B, 0x78, 0xB1, 0xC2, 0x46, 0x00,           // 0046: DCX B; MOV A,B; ORA C; JNZ 0046
                        0xFB,                                         // EI
                        0xC3, 0x4D, 0x00)                             // 004D: JMP 004D
                .machine();
        FrameInfo first = m.runFrame();
        assertEquals(1, first.interruptsLost());
        assertEquals(1, first.interruptsTaken());
        assertEquals(0, m.board().read(0x2000), "RST 1 offered while INTE was off is gone");
        assertEquals(1, m.board().read(0x2001));
        FrameInfo second = m.runFrame();
        assertEquals(2, second.interruptsTaken());
        assertEquals(1, m.board().read(0x2000));
        assertEquals(2, m.board().read(0x2001));
    }

    /**
     * EI ends exactly at cycle 12,288, when RST 1 is due: 10 (JMP) + 10 (LXI SP) + 10 (LXI B) + 510 * 24
     * (loop) + 14 (two MVI) = 12,284, and EI takes 4. The instruction after EI is {@code next}.
     */
    private static InvadersMachine eiAtTheDeadline(int... next) {
        TestRom rom = new TestRom()
                .at(0x0000, 0xC3, 0x40, 0x00)
                .at(0x0008, 0x32, 0x00, 0x20, 0xFB, 0xC9)              // STA 2000; EI; RET
                .at(0x0010, 0xFB, 0xC9)                                // EI; RET
                .at(0x0040, 0x31, 0x00, 0x24,                         // LXI SP,2400
                        0x01, 0xFE, 0x01,                             // LXI B,510
                        0x0B, 0x78, 0xB1, 0xC2, 0x46, 0x00,           // 0046: DCX B; MOV A,B; ORA C; JNZ 0046
                        0x3E, 0x11, 0x16, 0x00,                       // MVI A,11; MVI D,0
                        0xFB)                                         // EI (ends at 12,288)
                .at(0x0051, next)
                .at(0x0051 + next.length, 0xC3, 0x51 + next.length, 0x00); // JMP self
        return rom.machine();
    }

    @Test
    void interruptDuringEiShadowIsTakenAfterTheNextInstruction() {
        InvadersMachine m = eiAtTheDeadline(0x3E, 0x55);               // MVI A,55
        FrameInfo info = m.runFrame();
        assertEquals(0x55, m.board().read(0x2000), "RST 1 taken after the instruction following EI, not lost");
        assertEquals(2, info.interruptsTaken());
        assertEquals(0, info.interruptsLost());
    }

    @Test
    void interruptDuringEiShadowIsLostWhenTheNextInstructionIsDi() {
        InvadersMachine m = eiAtTheDeadline(0xF3);                     // DI
        FrameInfo info = m.runFrame();
        assertEquals(0, m.board().read(0x2000));
        assertEquals(0, info.interruptsTaken());
        assertEquals(2, info.interruptsLost());
    }

    @Test
    void overshootIsCarriedSoTheLongRunRateIsExact() {
        // A busy loop of 17-cycle CALLs and 10-cycle RETs never lands on the frame boundary.
        InvadersMachine m = new TestRom()
                .at(0x0000, 0xC3, 0x40, 0x00)
                .at(0x0008, 0xFB, 0xC9)
                .at(0x0010, 0xFB, 0xC9)
                .at(0x0040, 0x31, 0x00, 0x24, 0xFB,
                        0xCD, 0x50, 0x00, 0xC3, 0x44, 0x00)           // 0044: CALL 0050; JMP 0044
                .at(0x0050, 0x7E, 0xC9)                               // MOV A,M; RET
                .machine();
        long total = 0;
        boolean sawLong = false;
        boolean sawShort = false;
        int frames = 1000;
        for (int i = 0; i < frames; i++) {
            FrameInfo info = m.runFrame();
            total += info.cycles();
            sawLong |= info.cycles() > InvadersMachine.CYCLES_PER_FRAME;
            sawShort |= info.cycles() < InvadersMachine.CYCLES_PER_FRAME;
            assertTrue(Math.abs(info.cycles() - InvadersMachine.CYCLES_PER_FRAME) < 64, "frame " + i + ": " + info.cycles());
        }
        assertEquals(total, m.cycles());
        long carry = total - (long) frames * InvadersMachine.CYCLES_PER_FRAME;
        assertTrue(carry >= 0 && carry < 40, "carry " + carry);
        assertTrue(sawLong && sawShort, "frames vary around 33,536 but their sum does not drift");
    }

    @Test
    void soundEventsAreCollectedPerFrame() {
        // Each RST 2 toggles OUT 3 bit 1 (shot): a SHOT event every second frame.
        InvadersMachine m = new TestRom()
                .at(0x0000, 0xC3, 0x40, 0x00)
                .at(0x0008, 0xFB, 0xC9)
                .at(0x0010, 0x3A, 0x00, 0x20, 0xEE, 0x02, 0x32, 0x00, 0x20, 0xD3, 0x03, 0xFB, 0xC9)
                // LDA 2000; XRI 02; STA 2000; OUT 3; EI; RET
                .at(0x0040, 0x31, 0x00, 0x24, 0xFB, 0xC3, 0x44, 0x00)
                .machine();
        assertEquals(List.of(SoundEvent.SHOT), m.runFrame().sounds());
        assertEquals(List.of(), m.runFrame().sounds());
        assertEquals(List.of(SoundEvent.SHOT), m.runFrame().sounds());
    }

    @Test
    void inputLogChangesApplyAtFrameBoundaries() {
        InvadersMachine m = haltingProgram().machine();
        m.setInputLog(InputLog.parse("2 coin press 3\n4 p1-fire down\n6 p1-fire up\n"));
        boolean[] coin = new boolean[8];
        boolean[] fire = new boolean[8];
        for (int f = 0; f < 8; f++) {
            m.runFrame();
            coin[f] = m.board().isDown(Input.COIN);
            fire[f] = m.board().isDown(Input.P1_FIRE);
        }
        assertEquals("[false, false, true, true, true, false, false, false]", java.util.Arrays.toString(coin));
        assertEquals("[false, false, false, false, true, true, false, false]", java.util.Arrays.toString(fire));
    }

    @Test
    void watchdogResetIsAnOption() {
        // A program that never writes OUT 6.
        InvadersMachine off = haltingProgram().machine();
        off.runFrames(300);
        assertEquals(300, off.board().watchdogFrames());
        assertEquals(300 % 256, off.board().read(0x2001), "no reset: RST 2 counted every frame (mod 256)");

        InvadersMachine on = haltingProgram().machine();
        on.setWatchdogReset(true);
        int resets = 0;
        for (int i = 0; i < 300; i++) {
            FrameInfo info = on.runFrame();
            if (info.watchdogReset()) {
                resets++;
                assertEquals(InvadersMachine.WATCHDOG_FRAMES - 1, info.frame());
                assertEquals(0, on.processor().state().pc());
                assertFalse(on.processor().state().inte());
            }
        }
        assertEquals(1, resets);
        assertEquals(300 - InvadersMachine.WATCHDOG_FRAMES, on.board().watchdogFrames());
    }

    /** Reads IN 1 and IN 2 each RST 2 and folds them into a running sum in RAM. */
    static TestRom inputFolder() {
        return new TestRom()
                .at(0x0000, 0xC3, 0x40, 0x00)
                .at(0x0008, 0xFB, 0xC9)
                .at(0x0010, 0xC3, 0x60, 0x00)
                .at(0x0040, 0x31, 0x00, 0x24, 0xFB, 0x21, 0x00, 0x24,
                        0x34, 0x23, 0x7C, 0xE6, 0x3F, 0xF6, 0x24, 0x67, 0xC3, 0x47, 0x00)
                // LXI SP; EI; LXI H,2400; 0047: INR M; INX H; MOV A,H; ANI 3F; ORI 24; MOV H,A; JMP 0047
                .at(0x0060, 0xF5, 0xE5, 0xDB, 0x01, 0x47, 0xDB, 0x02, 0xA8,
                        0x21, 0x10, 0x20, 0x86, 0x77, 0x07, 0x32, 0x11, 0x20, 0xE1, 0xF1, 0xFB, 0xC9);
        // PUSH PSW; PUSH H; IN 1; MOV B,A; IN 2; XRA B; LXI H,2010; ADD M; MOV M,A; RLC; STA 2011;
        // POP H; POP PSW; EI; RET
    }

    @Test
    void sameProgramAndLogGiveTheSameHash() {
        InputLog log = InputLog.parse("10 coin press\n20 p1-start press 2\n30 p2-fire down\n41 p2-fire up\n");
        String a = runHashed(log, 60);
        String b = runHashed(log, 60);
        assertEquals(a, b);
        assertEquals(64, a.length());
        assertTrue(a.matches("[0-9a-f]{64}"));
        String other = runHashed(InputLog.parse("10 coin press\n20 p1-start press 3\n30 p2-fire down\n41 p2-fire up\n"), 60);
        assertNotEquals(a, other, "a different log gives a different hash");
        assertNotEquals(a, runHashed(log, 59), "a different frame count gives a different hash");
    }

    private static String runHashed(InputLog log, int frames) {
        InvadersMachine m = inputFolder().machine();
        m.setInputLog(log);
        m.runFrames(frames);
        return m.stateHash();
    }

    @Test
    void hashCoversCpuRamShifterAndLatches() {
        InvadersMachine m = haltingProgram().machine();
        m.runFrames(3);
        String base = m.stateHash();
        assertEquals(base, m.stateHash(), "hashing changes nothing");
        m.board().write(0x3FFF, 1);
        String ram = m.stateHash();
        assertNotEquals(base, ram);
        m.board().out(4, 0x12);
        String shifter = m.stateHash();
        assertNotEquals(ram, shifter);
        m.board().out(3, 0x20);
        String latch = m.stateHash();
        assertNotEquals(shifter, latch);
        m.board().setInput(Input.TILT, true);
        String input = m.stateHash();
        assertNotEquals(latch, input);
        CpuState s = m.processor().state();
        m.processor().setState(new CpuState(s.a(), s.b() ^ 1, s.c(), s.d(), s.e(), s.h(), s.l(), s.sp(), s.pc(),
                s.flags(), s.inte(), s.halted(), s.cycles()));
        assertNotEquals(input, m.stateHash());
    }
}
