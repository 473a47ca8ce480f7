package dev.invaders.ui;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The frame stream's FRAME payload for tests: the encoder the fake CPU service uses and a decoder that checks
 * what the relay passed on (the page has its own, in protocol.js).
 */
final class FrameCodec {
    static final int VRAM = 7168;

    private FrameCodec() {
    }

    /** A FRAME payload: header, then video RAM XOR {@code previous} (null: a keyframe) as runs. */
    static byte[] encode(long frame, byte[] vram, byte[] previous, int sound3, int sound5, int edges3, int edges5) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ByteBuffer header = ByteBuffer.allocate(13).putLong(frame).put((byte) (previous == null ? 1 : 0))
                .put((byte) sound3).put((byte) sound5).put((byte) edges3).put((byte) edges5);
        out.writeBytes(header.array());
        int pos = 0;
        while (pos < VRAM) {
            int start = pos;
            while (start < VRAM && diff(vram, previous, start) == 0) {
                start++;
            }
            if (start == VRAM) {
                leb(out, VRAM - pos);
                leb(out, 0);
                break;
            }
            int end = start;
            int zeros = 0;
            while (end < VRAM && zeros < 4) {
                zeros = diff(vram, previous, end) == 0 ? zeros + 1 : 0;
                end++;
            }
            end -= zeros;
            leb(out, start - pos);
            leb(out, end - start);
            for (int i = start; i < end; i++) {
                out.write(diff(vram, previous, i));
            }
            pos = end;
        }
        return out.toByteArray();
    }

    private static int diff(byte[] vram, byte[] previous, int i) {
        return (vram[i] ^ (previous == null ? 0 : previous[i])) & 0xFF;
    }

    private static void leb(ByteArrayOutputStream out, int value) {
        while (value >= 0x80) {
            out.write(value & 0x7F | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    /** Applies a FRAME payload to {@code vram}; returns its frame number. Throws on a malformed delta. */
    static long apply(byte[] payload, byte[] vram) {
        ByteBuffer b = ByteBuffer.wrap(payload);
        long frame = b.getLong();
        boolean keyframe = (b.get() & 1) != 0;
        b.position(13);
        if (keyframe) {
            java.util.Arrays.fill(vram, (byte) 0);
        }
        int pos = 0;
        while (pos < VRAM) {
            pos += leb(b);
            if (pos > VRAM) {
                throw new IllegalStateException("skip past the end");
            }
            if (pos == VRAM && !b.hasRemaining()) {
                break;
            }
            int count = leb(b);
            if (pos + count > VRAM) {
                throw new IllegalStateException("run past the end");
            }
            for (int i = 0; i < count; i++) {
                vram[pos + i] ^= b.get();
            }
            pos += count;
        }
        if (b.hasRemaining()) {
            throw new IllegalStateException(b.remaining() + " bytes after the delta");
        }
        return frame;
    }

    private static int leb(ByteBuffer b) {
        int value = 0;
        int shift = 0;
        while (true) {
            int x = b.get() & 0xFF;
            value |= (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return value;
            }
            shift += 7;
        }
    }
}
