package dev.invaders.machine;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frames stream's video delta and messages: round trips over the demo game's frames and edge cases. */
class FrameDeltaTest {
    private static final int N = FrameDelta.VIDEO_SIZE;

    private static byte[] roundTrip(byte[] previous, byte[] current) {
        byte[] delta = FrameDelta.encode(previous, current);
        assertTrue(delta.length <= FrameDelta.MAX_ENCODED, "encoded " + delta.length);
        byte[] screen = previous == null ? new byte[N] : previous.clone();
        FrameDelta.decode(delta, 0, delta.length, screen);
        assertArrayEquals(current, screen);
        return delta;
    }

    @Test
    void anUnchangedFrameIsOneSkipOf7168() {
        byte[] frame = new byte[N];
        Arrays.fill(frame, (byte) 0x5A);
        // 7168 = 0x1C00: LEB128 0x80 0x38, then count 0.
        assertArrayEquals(new byte[] {(byte) 0x80, 0x38, 0}, roundTrip(frame, frame.clone()));
        assertArrayEquals(new byte[] {(byte) 0x80, 0x38, 0}, roundTrip(null, new byte[N]), "an empty keyframe");
    }

    @Test
    void everyByteChangedIsOneLiteralRun() {
        byte[] frame = new byte[N];
        Arrays.fill(frame, (byte) 0xFF);
        byte[] delta = roundTrip(null, frame);
        assertEquals(3 + N, delta.length);
        assertArrayEquals(new byte[] {0, (byte) 0x80, 0x38}, Arrays.copyOf(delta, 3));
    }

    @Test
    void runsSkipsAndShortGaps() {
        byte[] previous = new byte[N];
        byte[] current = new byte[N];
        current[0] = 1;                 // at the very start: skip 0
        current[2] = 2;                 // a gap of 1 stays inside the run
        current[100] = 3;               // a new run after a long gap
        current[103] = 4;               // a gap of 2 stays inside too
        current[N - 1] = 5;             // at the very end: no trailing run
        byte[] delta = roundTrip(previous, current);
        assertArrayEquals(new byte[] {0, 3, 1, 0, 2, 97, 4, 3, 0, 0, 4,
                (byte) (N - 1 - 104 & 0x7F | 0x80), (byte) (N - 1 - 104 >>> 7), 1, 5}, delta);
        current[N - 1] = 0;
        current[N - 2] = 7;             // one unchanged byte at the end: a trailing run (1, 0)
        delta = roundTrip(previous, current);
        assertArrayEquals(new byte[] {1, 0}, Arrays.copyOfRange(delta, delta.length - 2, delta.length));
        current[103] = 0;
        current[104] = 4;               // a gap of 3 starts a new run
        delta = roundTrip(previous, current);
        assertTrue(contains(delta, (byte) 97, (byte) 1, (byte) 3, (byte) 3, (byte) 1, (byte) 4),
                "runs (97, 1, [3]) and (3, 1, [4]): " + Arrays.toString(Arrays.copyOf(delta, 16)));
    }

    private static boolean contains(byte[] haystack, byte... needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void randomFramesAndSparseChangesRoundTrip() {
        Random random = new Random(42);
        byte[] previous = new byte[N];
        for (int round = 0; round < 200; round++) {
            byte[] current = previous.clone();
            int changes = round % 4 == 0 ? N : random.nextInt(300);
            for (int i = 0; i < changes; i++) {
                current[random.nextInt(N)] = (byte) random.nextInt(256);
            }
            roundTrip(previous, current);
            roundTrip(null, current);
            previous = current;
        }
    }

    @Test
    void theDemoGamesFramesRoundTripAsAStreamOfMessages() throws Exception {
        InvadersMachine m = InvadersMachine.create(Programs.demo().orElseThrow(), DipSwitches.DEFAULT);
        m.setInputLog(InputLog.read(Path.of("examples/demo-game.input")));
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        byte[] message = new byte[FrameStream.MAX_FRAME_MESSAGE];
        byte[][] frames = new byte[901][];
        byte[] previous = null;
        int sent = 0;
        stream.write(FrameStream.text(FrameStream.STATS, "{\"frames\":0}"));
        for (int f = 1; f <= 900; f++) {
            m.runFrame();
            byte[] video = Arrays.copyOfRange(m.board().flatView(), InvadersBoard.VIDEO_START, InvadersBoard.RAM_END);
            frames[f] = video;
            int edges = m.board().drainLatchEdges();
            if (f % 3 == 0 || f < 10) { // a slow subscriber: deltas span several frames
                int n = FrameStream.writeFrame(message, m.frame(), m.board().soundPort3(), m.board().soundPort5(),
                        edges & 0xFF, edges >>> 8, previous, video);
                stream.write(message, 0, n);
                previous = video;
                sent++;
            }
        }
        stream.write(FrameStream.text(FrameStream.END, "{\"status\":\"finished\"}"));

        FrameStream.Reader reader = new FrameStream.Reader(new ByteArrayInputStream(stream.toByteArray()));
        assertEquals("{\"frames\":0}", reader.next().text());
        byte[] screen = new byte[N];
        Arrays.fill(screen, (byte) 0x77); // a keyframe does not depend on what the screen held
        int decoded = 0;
        boolean changedSeen = false;
        FrameStream.Message msg;
        while ((msg = reader.next()).type() == FrameStream.FRAME) {
            FrameStream.Frame f = FrameStream.readFrame(msg.payload(), screen);
            assertEquals(decoded == 0, f.keyframe(), "only the first is a keyframe");
            assertArrayEquals(frames[(int) f.frame()], screen, "frame " + f.frame());
            changedSeen |= f.frame() > 1 && !Arrays.equals(frames[(int) f.frame()], frames[1]);
            decoded++;
        }
        assertEquals(FrameStream.END, msg.type());
        assertNull(reader.next(), "the end of the stream");
        assertEquals(sent, decoded);
        assertTrue(changedSeen, "the picture changes over the game");
    }

    @Test
    void latchesAndEdgesTravelInTheFrameHeader() {
        byte[] message = new byte[FrameStream.MAX_FRAME_MESSAGE];
        byte[] video = new byte[N];
        video[5] = 9;
        int n = FrameStream.writeFrame(message, 0x0102030405060708L, 0x21, 0x81, 0x02, 0x10, null, video);
        assertEquals(FrameStream.FRAME, message[0]);
        assertEquals(n - FrameStream.HEADER, (message[1] & 0xFF) << 24 | (message[2] & 0xFF) << 16
                | (message[3] & 0xFF) << 8 | (message[4] & 0xFF));
        byte[] screen = new byte[N];
        FrameStream.Frame f = FrameStream.readFrame(Arrays.copyOfRange(message, FrameStream.HEADER, n), screen);
        assertEquals(new FrameStream.Frame(0x0102030405060708L, true, 0x21, 0x81, 0x02, 0x10), f);
        assertEquals(9, screen[5]);
        n = FrameStream.writeFrame(message, 7, 0, 0, 0, 0, video, video);
        assertFalse(FrameStream.readFrame(Arrays.copyOfRange(message, FrameStream.HEADER, n), screen).keyframe());
    }

    @Test
    void malformedDeltasAreRefused() {
        byte[] screen = new byte[N];
        assertRefused(new byte[] {}, "cover 0 bytes");
        assertRefused(new byte[] {(byte) 0x80}, "inside a number");
        assertRefused(new byte[] {0, 5, 1, 2}, "inside a run's literals");
        assertRefused(new byte[] {(byte) 0x81, 0x38, 0}, "more than 7168");
        assertRefused(new byte[] {(byte) 0x80, 0x38, 0, 0}, "after its last run");
        assertRefused(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1}, "longer than 5");
        assertRefused(new byte[] {10, 0}, "cover 10 bytes");
        assertThrows(IllegalArgumentException.class, () -> FrameDelta.decode(new byte[3], 0, 3, new byte[10]));
        assertThrows(IllegalArgumentException.class, () -> FrameStream.readFrame(new byte[12], screen));
    }

    private static void assertRefused(byte[] delta, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameDelta.decode(delta, 0, delta.length, new byte[N]));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aTruncatedStreamIsAnError() throws Exception {
        byte[] msg = FrameStream.text(FrameStream.CONSOLE, "hello");
        assertEquals("hello", new FrameStream.Reader(new ByteArrayInputStream(msg)).next().text());
        assertThrows(EOFException.class, () -> new FrameStream.Reader(new ByteArrayInputStream(
                Arrays.copyOf(msg, msg.length - 1))).next());
        assertThrows(EOFException.class, () -> new FrameStream.Reader(new ByteArrayInputStream(
                Arrays.copyOf(msg, 3))).next());
    }
}
