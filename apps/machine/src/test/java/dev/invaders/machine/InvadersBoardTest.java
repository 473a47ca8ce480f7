package dev.invaders.machine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvadersBoardTest {
    private final byte[] rom = TestRom.noise(RomSet.IMAGE_SIZE, 7);
    private final InvadersBoard board = new InvadersBoard(rom);

    @Test
    void romIsReadableAndWriteProtected() {
        for (int a : new int[] {0x0000, 0x0123, 0x1FFF}) {
            assertEquals(rom[a] & 0xFF, board.read(a));
            board.write(a, ~rom[a] & 0xFF);
            assertEquals(rom[a] & 0xFF, board.read(a), "ROM byte at " + Integer.toHexString(a) + " changed");
        }
    }

    @Test
    void ramAndVideoRamAreReadWrite() {
        board.write(0x2000, 0x12);
        board.write(0x23FF, 0x34);
        board.write(0x2400, 0x56);
        board.write(0x3FFF, 0x78);
        assertEquals(0x12, board.read(0x2000));
        assertEquals(0x34, board.read(0x23FF));
        assertEquals(0x56, board.read(0x2400));
        assertEquals(0x78, board.read(0x3FFF));
        assertEquals(0x56, board.videoByte(0));
        assertEquals(0x78, board.videoByte(0x1BFF));
    }

    @Test
    void mirrorAt6000AndA15Ignored() {
        board.write(0x6000, 0xAA);
        assertEquals(0xAA, board.read(0x2000));
        board.write(0x3ABC, 0xBB);
        assertEquals(0xBB, board.read(0x7ABC));
        assertEquals(0xBB, board.read(0xBABC));
        assertEquals(0xBB, board.read(0xFABC));
        board.write(0xA123, 0xCC);
        assertEquals(0xCC, board.read(0x2123));
        assertEquals(rom[0x0456] & 0xFF, board.read(0x8456));
        board.write(0x8456, 0);
        assertEquals(rom[0x0456] & 0xFF, board.read(0x0456));
    }

    @Test
    void noDeviceAt4000() {
        board.write(0x4000, 0x99);
        board.write(0x5FFF, 0x99);
        board.write(0xC100, 0x99);
        assertEquals(InvadersBoard.UNMAPPED_READ, board.read(0x4000));
        assertEquals(InvadersBoard.UNMAPPED_READ, board.read(0x5FFF));
        assertEquals(InvadersBoard.UNMAPPED_READ, board.read(0xC100));
        // and the writes landed nowhere else
        assertEquals(0, board.read(0x2000));
        assertEquals(0, board.read(0x2100));
        assertEquals(0, board.read(0x3FFF));
    }

    @Test
    void shifterFormulaOverSeveralWrites() {
        board.out(4, 0xAB);
        board.out(2, 0);
        assertEquals(0xAB, board.in(3), "amount 0 gives the high byte");
        board.out(4, 0xCD);                       // register 0xCDAB
        assertEquals(0xCDAB, board.shiftRegister());
        for (int amount = 0; amount < 8; amount++) {
            board.out(2, amount);
            assertEquals((0xCDAB >> (8 - amount)) & 0xFF, board.in(3), "amount " + amount);
        }
        board.out(2, 0x0B);                       // only bits 0-2 count: amount 3
        assertEquals((0xCDAB >> 5) & 0xFF, board.in(3));
        board.out(4, 0x01);                       // register 0x01CD
        assertEquals(0x01CD, board.shiftRegister());
        board.out(2, 4);
        assertEquals(0x1C, board.in(3));
        board.out(2, 7);
        assertEquals(0xE6, board.in(3));
        assertEquals(board.in(3), board.in(7), "IN 7 mirrors IN 3");
        assertEquals(board.in(3), board.in(0xFB), "port number masked to 3 bits");
    }

    @Test
    void idlePortsAndDefaultDips() {
        assertEquals(0x08, board.in(0));
        assertEquals(0x09, board.in(1), "bit 3 always 1, coin (active-low) idle reads 1");
        assertEquals(0x00, board.in(2), "3 lives, bonus at 1500, coin info shown");
    }

    @Test
    void controlsSetTheirBits() {
        board.setInput(Input.COIN, true);
        assertEquals(0x08, board.in(1), "coin inserted reads 0");
        board.setInput(Input.COIN, false);
        board.setInput(Input.P2_START, true);
        assertEquals(0x0B, board.in(1));
        board.setInput(Input.P2_START, false);
        board.setInput(Input.P1_START, true);
        assertEquals(0x0D, board.in(1));
        board.releaseAll();
        board.setInput(Input.P1_FIRE, true);
        board.setInput(Input.P1_RIGHT, true);
        assertEquals(0x09 | 0x10 | 0x40, board.in(1));
        assertEquals(0x08 | 0x10 | 0x40, board.in(0));
        board.setInput(Input.P1_FIRE, false);
        board.setInput(Input.P1_LEFT, true);
        assertEquals(0x09 | 0x20 | 0x40, board.in(1));
        board.releaseAll();
        board.setInput(Input.TILT, true);
        assertEquals(0x04, board.in(2));
        board.setInput(Input.TILT, false);
        board.setInput(Input.P2_FIRE, true);
        board.setInput(Input.P2_LEFT, true);
        board.setInput(Input.P2_RIGHT, true);
        assertEquals(0x70, board.in(2));
        assertTrue(board.isDown(Input.P2_LEFT));
        assertFalse(board.isDown(Input.P1_LEFT));
        assertEquals(0x09, board.in(1), "P2 controls do not show on IN 1");
    }

    @Test
    void dipSwitchBits() {
        assertEquals(0x00, DipSwitches.parse("lives=3,bonus=1500,coinInfo=on").port2Bits());
        assertEquals(0x01, DipSwitches.parse("lives=4").port2Bits());
        assertEquals(0x02, DipSwitches.parse("lives=5").port2Bits());
        assertEquals(0x03, DipSwitches.parse("lives=6").port2Bits());
        assertEquals(0x08, DipSwitches.parse("bonus=1000").port2Bits());
        assertEquals(0x80, DipSwitches.parse("coinInfo=off").port2Bits());
        assertEquals(0x8B, DipSwitches.parse(" coininfo = off , LIVES=6, bonusLifeAt=1000").port2Bits());
        board.setDipSwitches(DipSwitches.parse("lives=6,bonus=1000,coinInfo=off"));
        board.setInput(Input.P2_FIRE, true);
        assertEquals(0x8B | 0x10, board.in(2));
        assertEquals(board.in(2), board.in(6), "IN 6 mirrors IN 2");
    }

    @Test
    void dipSwitchErrorsAreClear() {
        assertEquals(DipSwitches.DEFAULT, DipSwitches.parse(""));
        assertEquals("lives=5,bonus=1000,coinInfo=off", DipSwitches.parse("lives=5,bonus=1000,coinInfo=off").toString());
        assertMessage("lives must be 3, 4, 5 or 6, not 7", () -> DipSwitches.parse("lives=7"));
        assertMessage("bonus must be 1000 or 1500, not 2000", () -> DipSwitches.parse("bonus=2000"));
        assertMessage("coinInfo must be on or off, not 'maybe'", () -> DipSwitches.parse("coinInfo=maybe"));
        assertMessage("unknown DIP switch 'speed'", () -> DipSwitches.parse("speed=3"));
        assertMessage("is not key=value", () -> DipSwitches.parse("lives"));
        assertMessage("given twice", () -> DipSwitches.parse("lives=3,lives=4"));
        assertMessage("lives must be a number, not 'x'", () -> DipSwitches.parse("lives=x"));
        assertThrows(IllegalArgumentException.class, () -> new DipSwitches(2, 1500, true));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message was: " + e.getMessage());
    }

    @Test
    void soundEventsOnRisingEdgesOnly() {
        board.out(3, 0x01);
        board.out(3, 0x01);
        board.out(3, 0x03);
        board.out(3, 0x20);                       // amplifier only: no event, UFO and shot fall
        board.out(3, 0x3F);
        assertEquals(List.of(SoundEvent.UFO, SoundEvent.SHOT, SoundEvent.UFO, SoundEvent.SHOT,
                SoundEvent.PLAYER_DIES, SoundEvent.INVADER_DIES, SoundEvent.EXTRA_LIFE), board.drainSoundEvents());
        assertEquals(List.of(), board.drainSoundEvents(), "drained");
        assertEquals(0x3F, board.soundPort3());
        board.out(5, 0x01);
        board.out(5, 0x02);
        board.out(5, 0x04);
        board.out(5, 0x08);
        board.out(5, 0x18);
        board.out(5, 0x20);                       // screen flip: no event
        assertEquals(List.of(SoundEvent.FLEET_1, SoundEvent.FLEET_2, SoundEvent.FLEET_3, SoundEvent.FLEET_4,
                SoundEvent.UFO_HIT), board.drainSoundEvents());
        board.out(0xFD, 0x01);                    // port 5 with high bits set
        assertEquals(List.of(SoundEvent.FLEET_1), board.drainSoundEvents());
        board.out(1, 0xFF);
        board.out(7, 0xFF);
        assertEquals(List.of(), board.drainSoundEvents(), "OUT 1 and 7 make no sound");
    }

    @Test
    void latchEdgesAccumulateEveryBitUntilDrained() {
        assertEquals(0, board.drainLatchEdges());
        board.out(3, 0x21);                       // UFO and amplifier rise
        board.out(3, 0x00);
        board.out(3, 0x02);                       // shot rises; UFO fell, still reported once
        board.out(5, 0x80);
        board.out(5, 0x81);                       // bit 7 stays up: only bit 0 is a new edge
        assertEquals(0x23 | 0x81 << 8, board.drainLatchEdges());
        assertEquals(0, board.drainLatchEdges(), "drained");
        board.out(3, 0x02);                       // no change: no edge
        assertEquals(0, board.drainLatchEdges());
        board.out(3, 0x40);
        board.restoreDevices(board.devices());
        assertEquals(0, board.drainLatchEdges(), "a restore drops undrained edges like sound events");
    }

    @Test
    void watchdogCountsFramesSinceLastWrite() {
        assertEquals(0, board.watchdogFrames());
        board.frameEnded();
        board.frameEnded();
        assertEquals(2, board.watchdogFrames());
        board.out(6, 0);
        assertEquals(0, board.watchdogFrames());
        assertEquals(1, board.watchdogWrites());
    }

    @Test
    void romMustBe8KiB() {
        assertThrows(IllegalArgumentException.class, () -> new InvadersBoard(new byte[100]));
    }
}
