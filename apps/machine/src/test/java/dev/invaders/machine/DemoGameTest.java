package dev.invaders.machine;

import dev.invaders.i8080.Cpu;
import dev.invaders.i8080.Ports;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The demo game (src/main/asm/demo.asm, assembled by the build into {@link Programs#DEMO_RESOURCE}) run
 * on the machine: attract mode, a scripted game from coin to game over, determinism, a golden frame,
 * and its use of the board (both interrupts, the shifter, the watchdog). RAM addresses are the ones
 * listed at the top of demo.asm.
 */
class DemoGameTest {
    // RAM variables of demo.asm (EQUs and the RAM map at the top of the source).
    static final int GSTATE = 0x2000;
    static final int CREDITS = 0x2001;
    static final int SCORE = 0x2002;
    static final int HISCORE = 0x2004;
    static final int LIVES = 0x2006;
    static final int PLAYERX = 0x2007;
    static final int ATTRACT = 0;
    static final int PLAYING = 1;
    static final int DYING = 2;
    static final int GAME_OVER = 3;

    /**
     * The scripted game: two coins, 1P start, 40 frames to the right, then the fire button pressed every
     * 24 frames (a shot already in the air makes the game ignore a press). With the default DIP
     * switches (3 lives) this scores three hits (frames 435, 621, 669: 20 + 20 + 20 points), loses its
     * lives to aimed bombs (frames 294, 1114, 1294), shows GAME OVER from frame 1393 and is back in
     * attract mode at frame 1597, with 0060 as the high score and one credit left.
     */
    static final InputLog SCRIPT = script();
    static final int SCRIPT_FRAMES = 1700;

    /** The script lives in {@code examples/demo-game.input}, so the README's example plays the same game. */
    private static InputLog script() {
        try {
            return InputLog.read(java.nio.file.Path.of("examples/demo-game.input"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Regression goldens: {@link InvadersMachine#stateHash()} after this many frames of {@link #SCRIPT}
     * with the default DIP switches. They change whenever demo.asm (or the machine's timing) changes;
     * then check that the game still plays (the other tests here), and regenerate them by running this
     * test: {@link #goldenStateHashes()} fails naming every frame's actual hash, to paste below.
     */
    static final long[] GOLDEN_FRAMES = {300, 900, SCRIPT_FRAMES};
    static final String[] GOLDEN_HASHES = {
            "bea3efbea3cd60e334bcdfd1633da459fd488de887329490b494bd19a7785c19",
            "70838d7a233f3d5bf7983cf28f74a79a7f8265a162fe8cd5532a755757bbaebc",
            "fbbd1d5162ce268b9afd6a720da0c403eebf1d7995934e4dfcce3edf924069ff",
    };

    /** The golden frame: the picture after this many frames of {@link #SCRIPT} (mid-game, three drones down). */
    static final int GOLDEN_PNG_FRAME = 700;
    static final String GOLDEN_PNG = "/dev/invaders/machine/demo-frame-" + GOLDEN_PNG_FRAME + ".png";

    static byte[] demo() {
        return Programs.demo().orElseThrow(() -> new AssertionError(
                "the demo game is not on the classpath: the build assembles it in generate-resources"));
    }

    static InvadersMachine machine(InputLog log) {
        InvadersMachine m = InvadersMachine.create(demo(), DipSwitches.DEFAULT);
        m.setInputLog(log);
        return m;
    }

    static int ram(InvadersMachine m, int address) {
        return m.board().read(address);
    }

    static int score(InvadersMachine m) {
        return ram(m, SCORE + 1) << 8 | ram(m, SCORE);
    }

    static int litPixels(int[] argb) {
        int n = 0;
        for (int p : argb) {
            if (p != Video.BLACK) {
                n++;
            }
        }
        return n;
    }

    @Test
    void imageIsEightKibWithTheInterruptVectors() {
        byte[] rom = demo();
        assertEquals(RomSet.IMAGE_SIZE, rom.length);
        assertEquals(0xC3, rom[0x08] & 0xFF, "RST 1 vector: JMP");
        assertEquals(0xC3, rom[0x10] & 0xFF, "RST 2 vector: JMP");
    }

    @Test
    void attractModeDrawsAndMoves() {
        InvadersMachine m = machine(InputLog.empty());
        m.runFrames(120);
        int[] a = Video.render(m.board());
        m.runFrame();
        int[] b = Video.render(m.board());
        assertEquals(ATTRACT, ram(m, GSTATE));
        assertTrue(litPixels(a) > 500, "attract mode draws its title, texts and sprites: " + litPixels(a) + " lit pixels");
        assertFalse(java.util.Arrays.equals(a, b), "something moves from one frame to the next");
        assertEquals(0, ram(m, CREDITS));
        // Text blinks: the message line (byte row 10, columns 73-150) is lit in some frames, dark in others.
        Set<Boolean> seen = new TreeSet<>();
        for (int i = 0; i < 80; i++) {
            m.runFrame();
            boolean lit = false;
            for (int x = 73; x < 150; x++) {
                lit |= m.board().videoByte(x * 32 + 10) != 0;
            }
            seen.add(lit);
        }
        assertEquals(Set.of(false, true), seen, "INSERT COIN blinks");
    }

    @Test
    void coinCountsOnTheEdgeAndStartNeedsACredit() {
        InvadersMachine m = machine(InputLog.parse("""
                30 p1-start press 10
                60 coin down
                190 coin up
                """));
        m.runFrames(59);
        assertEquals(ATTRACT, ram(m, GSTATE), "1P start without a credit does nothing");
        m.runFrames(200 - 59);
        assertEquals(0x01, ram(m, CREDITS), "a coin held down for 130 frames is one credit");
        for (int i = 0; i < 12; i++) {
            m.board().setInput(Input.COIN, true);
            m.runFrames(3);
            m.board().setInput(Input.COIN, false);
            m.runFrames(3);
        }
        assertEquals(0x13, ram(m, CREDITS), "credits are BCD: 1 + 12 = 13");
    }

    @Test
    void livesComeFromTheDipSwitches() {
        InvadersMachine m = InvadersMachine.create(demo(), DipSwitches.parse("lives=5"));
        m.setInputLog(InputLog.parse("30 coin press\n60 p1-start press 10\n"));
        m.runFrames(120);
        assertEquals(PLAYING, ram(m, GSTATE));
        assertEquals(5, ram(m, LIVES));
    }

    @Test
    void scriptedGameFromCoinToGameOver() {
        InvadersMachine m = machine(SCRIPT);
        int maxCredits = 0;
        int creditsAtStart = -1;
        int startX = -1;
        Set<Integer> xs = new TreeSet<>();
        List<Integer> states = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        EnumSet<SoundEvent> sounds = EnumSet.noneOf(SoundEvent.class);
        int minLives = Integer.MAX_VALUE;
        for (int f = 0; f < SCRIPT_FRAMES; f++) {
            FrameInfo info = m.runFrame();
            sounds.addAll(info.sounds());
            int state = ram(m, GSTATE);
            if (states.isEmpty() || states.getLast() != state) {
                states.add(state);
                if (state == PLAYING && creditsAtStart < 0) {
                    creditsAtStart = ram(m, CREDITS);
                    startX = ram(m, PLAYERX);
                }
            }
            maxCredits = Math.max(maxCredits, ram(m, CREDITS));
            if (state == PLAYING) {
                xs.add(ram(m, PLAYERX));
                minLives = Math.min(minLives, ram(m, LIVES));
            }
            if (scores.isEmpty() || scores.getLast() != score(m)) {
                scores.add(score(m));
            }
        }
        assertEquals(0x02, maxCredits, "two coins, two credits");
        assertEquals(0x01, creditsAtStart, "1P start takes one credit");
        assertEquals(106, startX);
        assertTrue(xs.contains(146), "the player moved right 40 columns: " + xs);
        assertEquals(List.of(0, 0x20, 0x40, 0x60), scores, "three hits of 20 points, in BCD");
        assertEquals(List.of(ATTRACT, PLAYING, DYING, PLAYING, DYING, PLAYING, DYING, GAME_OVER, ATTRACT), states);
        assertEquals(0, ram(m, LIVES));
        assertTrue(minLives < 3);
        assertTrue(sounds.containsAll(EnumSet.of(SoundEvent.SHOT, SoundEvent.INVADER_DIES, SoundEvent.PLAYER_DIES)),
                "OUT 3 sounds: " + sounds);
        assertTrue(sounds.containsAll(EnumSet.of(SoundEvent.FLEET_1, SoundEvent.FLEET_2, SoundEvent.FLEET_3,
                SoundEvent.FLEET_4)), "OUT 5 fleet notes: " + sounds);
        assertEquals(0x60, ram(m, HISCORE) | ram(m, HISCORE + 1) << 8, "the high score is kept");
        assertEquals(0x01, ram(m, CREDITS), "one credit left");
    }

    @Test
    void goldenStateHashes() {
        String[] first = hashes();
        String[] second = hashes();
        assertArrayEquals(first, second, "the same ROM and input log give the same states");
        if (!java.util.Arrays.equals(GOLDEN_HASHES, first)) {
            StringBuilder msg = new StringBuilder("state hashes differ from the goldens; if demo.asm changed on purpose, paste:\n");
            for (String h : first) {
                msg.append("        \"").append(h).append("\",\n");
            }
            fail(msg.toString());
        }
    }

    private static String[] hashes() {
        InvadersMachine m = machine(SCRIPT);
        String[] out = new String[GOLDEN_FRAMES.length];
        for (int i = 0; i < GOLDEN_FRAMES.length; i++) {
            m.runFrames(GOLDEN_FRAMES[i] - m.frame());
            out[i] = m.stateHash();
        }
        return out;
    }

    /**
     * Compares the frame after {@value #GOLDEN_PNG_FRAME} frames of the script with the golden PNG, pixel
     * for pixel. On a difference it writes the actual frame to target/ and fails with the count; if the
     * game changed on purpose, look at that PNG and copy it over the golden in src/test/resources.
     */
    @Test
    void goldenFrame() throws IOException {
        InvadersMachine m = machine(SCRIPT);
        m.runFrames(GOLDEN_PNG_FRAME);
        int[] actual = Video.render(m.board());
        Path out = Path.of("target", "demo-frame-" + GOLDEN_PNG_FRAME + "-actual.png");
        BufferedImage golden;
        try (InputStream in = DemoGameTest.class.getResourceAsStream(GOLDEN_PNG)) {
            if (in == null) {
                write(m, out);
                fail("no golden " + GOLDEN_PNG + "; the actual frame is in " + out.toAbsolutePath());
                return;
            }
            golden = ImageIO.read(in);
        }
        int differing = differingPixels(golden, actual);
        if (differing != 0) {
            write(m, out);
            fail(differing + " pixels differ from " + GOLDEN_PNG + "; the actual frame is in " + out.toAbsolutePath());
        }
    }

    /** The README's picture is what its "run it" command writes: frame 650 of the script, overlay on. */
    @Test
    void readmePictureIsWhatTheReadmeCommandWrites() throws IOException {
        InvadersMachine m = machine(SCRIPT);
        m.runFrames(650);
        BufferedImage picture = ImageIO.read(Path.of("../../docs/demo.png").toFile());
        int differing = differingPixels(picture, Video.render(m.board(), true, new int[Video.WIDTH * Video.HEIGHT]));
        assertEquals(0, differing, "pixels of docs/demo.png that differ from frame 650; regenerate it with the"
                + " README's run command if the game changed on purpose");
    }

    private static int differingPixels(BufferedImage golden, int[] actual) {
        assertNotNull(golden);
        assertEquals(Video.WIDTH, golden.getWidth());
        assertEquals(Video.HEIGHT, golden.getHeight());
        int differing = 0;
        for (int y = 0; y < Video.HEIGHT; y++) {
            for (int x = 0; x < Video.WIDTH; x++) {
                if (golden.getRGB(x, y) != actual[y * Video.WIDTH + x]) {
                    differing++;
                }
            }
        }
        return differing;
    }

    private static void write(InvadersMachine m, Path out) throws IOException {
        Files.createDirectories(out.getParent());
        Video.writePng(m.board(), false, out);
    }

    /** Counts the shifter's port traffic on its way to the board. */
    static final class ShifterCounter implements Ports {
        final InvadersBoard board;
        int amountWrites, dataWrites, resultReads;
        final Set<Integer> amounts = new TreeSet<>();

        ShifterCounter(InvadersBoard board) {
            this.board = board;
        }

        @Override
        public int in(int port) {
            if ((port & 3) == 3) {
                resultReads++;
            }
            return board.in(port);
        }

        @Override
        public void out(int port, int value) {
            switch (port & 7) {
                case 2 -> {
                    amountWrites++;
                    amounts.add(value & 7);
                }
                case 4 -> dataWrites++;
                default -> { }
            }
            board.out(port, value);
        }
    }

    @Test
    void usesBothInterruptsTheShifterAndTheWatchdog() {
        InvadersBoard board = new InvadersBoard(demo(), DipSwitches.DEFAULT);
        ShifterCounter ports = new ShifterCounter(board);
        InvadersMachine m = new InvadersMachine(board, new Cpu(board, ports));
        m.setWatchdogReset(true);
        m.setInputLog(SCRIPT);
        m.runFrames(30);                                  // power-on: RAM and screen cleared with interrupts off
        int maxWatchdog = 0;
        for (int f = 30; f < SCRIPT_FRAMES; f++) {
            FrameInfo info = m.runFrame();
            assertEquals(2, info.interruptsTaken(), "frame " + f + ": RST 1 and RST 2 both taken");
            assertEquals(0, info.interruptsLost(), "frame " + f);
            assertFalse(info.watchdogReset(), "frame " + f);
            maxWatchdog = Math.max(maxWatchdog, board.watchdogFrames());
        }
        // OUT 6 once a frame from the main loop; a frame that starts a game (clear screen, draw) may end
        // before the loop's next write, so at most two frame ends pass between writes (MAME allows 255).
        assertTrue(maxWatchdog <= 2, "at worst " + maxWatchdog + " frame ends between OUT 6 writes");
        assertTrue(ports.dataWrites > 10_000, "OUT 4 writes: " + ports.dataWrites);
        assertTrue(ports.resultReads > 10_000, "IN 3 reads: " + ports.resultReads);
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7), ports.amounts, "sprites at every bit offset (OUT 2)");
        // Two IN 3 reads (the byte and its spill into the byte above) for each OUT 4 column write.
        assertTrue(ports.resultReads >= ports.dataWrites - ports.amountWrites, "IN 3 follows OUT 4");
    }
}
