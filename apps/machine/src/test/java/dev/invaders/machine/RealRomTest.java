package dev.invaders.machine;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the user's genuine ROM when one is given: {@code -Dinvaders.rom=PATH} (Maven passes it on) or the
 * environment variable {@code INVADERS_ROM}, PATH being invaders.zip, a directory with invaders.h/.g/.f/.e,
 * or an 8 KiB image. Without one these tests are skipped: the ROM is never in the repository.
 *
 * <p>RAM addresses (from the game's disassembly): 0x20EB credits (BCD), 0x20EF game mode (1 while a game
 * is being played, 0 in attract mode).
 */
class RealRomTest {
    private static final int CREDITS = 0x20EB;
    private static final int GAME_MODE = 0x20EF;
    private static byte[] image;

    @BeforeEach
    void loadRom() throws RomException {
        if (image != null) {
            return;
        }
        String path = System.getProperty("invaders.rom");
        if (path == null || path.isBlank()) {
            path = System.getenv("INVADERS_ROM");
        }
        assumeTrue(path != null && !path.isBlank(), "no Space Invaders ROM given: put your invaders.zip somewhere outside"
                + " the repository and run with -Dinvaders.rom=/path/to/invaders.zip (or set INVADERS_ROM)");
        RomSet rom = RomSet.load(Path.of(path));
        assertTrue(rom.known(), "not the genuine ROM: " + rom.warnings());
        image = rom.image();
    }

    private static int litBytes(InvadersBoard b) {
        int n = 0;
        for (int i = 0; i < 0x1C00; i++) {
            if (b.videoByte(i) != 0) {
                n++;
            }
        }
        return n;
    }

    @Test
    void attractModeDrawsTheTitleScreen() {
        InvadersMachine m = InvadersMachine.create(image, DipSwitches.DEFAULT);
        m.runFrames(300);
        assertTrue(litBytes(m.board()) > 100, "after 5 seconds the screen shows text: " + litBytes(m.board()));
        assertEquals(0, m.board().read(GAME_MODE), "still in attract mode");
        assertTrue(m.board().watchdogWrites() > 0, "the game feeds the watchdog");
    }

    @Test
    void coinAndStartBeginAGame() {
        InvadersMachine m = InvadersMachine.create(image, DipSwitches.DEFAULT);
        m.runFrames(120);
        assertEquals(0, m.board().read(CREDITS));
        m.setInputLog(InputLog.parse("120 coin press 5"));
        int f = 0;
        while (m.board().read(CREDITS) != 1 && f++ < 200) {
            m.runFrame();
        }
        assertEquals(1, m.board().read(CREDITS), "one coin, one credit");
        m.board().setInput(Input.P1_START, true);
        f = 0;
        while (m.board().read(GAME_MODE) != 1 && f++ < 600) {
            m.runFrame();
        }
        m.board().setInput(Input.P1_START, false);
        assertEquals(1, m.board().read(GAME_MODE), "1-player start began a game");
        assertEquals(0, m.board().read(CREDITS), "the credit was used");
        m.runFrames(300);
        assertTrue(litBytes(m.board()) > 100, "the game draws the fleet");
    }

    @Test
    void sameInputsSameHash() {
        String log = "100 coin press\n300 p1-start press 30\n500 p1-fire press\n520 p1-left down\n560 p1-left up\n";
        InvadersMachine a = InvadersMachine.create(image, DipSwitches.DEFAULT);
        InvadersMachine b = InvadersMachine.create(image, DipSwitches.DEFAULT);
        a.setInputLog(InputLog.parse(log));
        b.setInputLog(InputLog.parse(log));
        a.runFrames(800);
        b.runFrames(800);
        assertEquals(a.stateHash(), b.stateHash());
    }
}
