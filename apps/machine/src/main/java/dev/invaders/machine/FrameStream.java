package dev.invaders.machine;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The messages of the frames stream ({@code application/vnd.invaders.frames}, docs/services.md): each is
 * {@code u8 type, u32 payload length (big-endian), payload}.
 * <ul>
 * <li>{@value #FRAME} FRAME: {@code u64 frame number, u8 flags (bit 0 keyframe), u8 sound3, u8 sound5,
 * u8 edges3, u8 edges5} ({@value #FRAME_FIXED} bytes, big-endian), then a {@link FrameDelta};</li>
 * <li>{@value #STATS} STATS, {@value #CONSOLE} CONSOLE, {@value #END} END: UTF-8 text (JSON for STATS
 * and END).</li>
 * </ul>
 * The writer builds whole messages in a byte array; the reader parses a stream of them.
 */
public final class FrameStream {
    public static final int FRAME = 1;
    public static final int STATS = 2;
    public static final int CONSOLE = 3;
    public static final int END = 4;
    /** Type and length. */
    public static final int HEADER = 5;
    /** A FRAME payload's fields before the delta. */
    public static final int FRAME_FIXED = 13;
    /** The largest FRAME message. */
    public static final int MAX_FRAME_MESSAGE = HEADER + FRAME_FIXED + FrameDelta.MAX_ENCODED;
    /** The largest payload the reader accepts (a CONSOLE message may carry a whole console). */
    public static final int MAX_PAYLOAD = 16 << 20;

    private FrameStream() {
    }

    /** A FRAME's fields; {@code edges3}/{@code edges5} are the 0 -> 1 edges since the previous FRAME sent. */
    public record Frame(long frame, boolean keyframe, int sound3, int sound5, int edges3, int edges5) {
    }

    /**
     * Writes a whole FRAME message into {@code out} (at least {@link #MAX_FRAME_MESSAGE} bytes) and returns
     * its length: the delta from {@code previous} (null: a keyframe) to {@code video}.
     */
    public static int writeFrame(byte[] out, long frame, int sound3, int sound5, int edges3, int edges5,
                                 byte[] previous, byte[] video) {
        int o = HEADER;
        for (int shift = 56; shift >= 0; shift -= 8) {
            out[o++] = (byte) (frame >>> shift);
        }
        out[o++] = (byte) (previous == null ? 1 : 0);
        out[o++] = (byte) sound3;
        out[o++] = (byte) sound5;
        out[o++] = (byte) edges3;
        out[o++] = (byte) edges5;
        o += FrameDelta.encode(previous, video, out, o);
        header(out, FRAME, o - HEADER);
        return o;
    }

    /** A whole text message (STATS, CONSOLE, END) of this type. */
    public static byte[] text(int type, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[HEADER + payload.length];
        header(out, type, payload.length);
        System.arraycopy(payload, 0, out, HEADER, payload.length);
        return out;
    }

    private static void header(byte[] out, int type, int length) {
        out[0] = (byte) type;
        out[1] = (byte) (length >>> 24);
        out[2] = (byte) (length >>> 16);
        out[3] = (byte) (length >>> 8);
        out[4] = (byte) length;
    }

    /**
     * Reads a FRAME payload's fields and applies its delta to {@code screen} (what this subscriber last
     * decoded; a keyframe clears it first).
     */
    public static Frame readFrame(byte[] payload, byte[] screen) {
        if (payload.length < FRAME_FIXED) {
            throw new IllegalArgumentException("a FRAME payload is at least " + FRAME_FIXED + " bytes, not "
                    + payload.length);
        }
        long frame = 0;
        for (int i = 0; i < 8; i++) {
            frame = frame << 8 | (payload[i] & 0xFF);
        }
        boolean key = (payload[8] & 1) != 0;
        if (key) {
            java.util.Arrays.fill(screen, (byte) 0);
        }
        FrameDelta.decode(payload, FRAME_FIXED, payload.length - FRAME_FIXED, screen);
        return new Frame(frame, key, payload[9] & 0xFF, payload[10] & 0xFF, payload[11] & 0xFF, payload[12] & 0xFF);
    }

    /** One message as read. */
    public record Message(int type, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** Reads messages from a stream. */
    public static final class Reader {
        private final InputStream in;

        public Reader(InputStream in) {
            this.in = in;
        }

        /** The next message, or null at the end of the stream (between messages). */
        public Message next() throws IOException {
            int type = in.read();
            if (type < 0) {
                return null;
            }
            byte[] len = in.readNBytes(4);
            if (len.length < 4) {
                throw new EOFException("the stream ends inside a message header");
            }
            long length = (len[0] & 0xFFL) << 24 | (len[1] & 0xFF) << 16 | (len[2] & 0xFF) << 8 | (len[3] & 0xFF);
            if (length > MAX_PAYLOAD) {
                throw new IOException("a message of " + length + " bytes (at most " + MAX_PAYLOAD + ")");
            }
            byte[] payload = in.readNBytes((int) length);
            if (payload.length < length) {
                throw new EOFException("the stream ends inside a message of " + length + " bytes");
            }
            return new Message(type, payload);
        }
    }
}
