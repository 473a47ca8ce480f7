package dev.invaders.machine;

/**
 * Video RAM (0x2400-0x3FFF, {@value #VIDEO_SIZE} bytes) as a delta against an earlier frame: the encoder
 * and the decoder of the frames stream (docs/services.md; the browser UI decodes the same format).
 *
 * <p>The delta is {@code current XOR previous} (a keyframe XORs with zeros, i.e. is the frame itself),
 * written as a sequence of runs, each {@code (skip, count, count literal bytes)}: skip {@code skip} bytes
 * (XOR 0: unchanged), then XOR the next {@code count} bytes with the literals. {@code skip} and
 * {@code count} are unsigned LEB128 (7 bits a byte, least significant first, bit 7 set on every byte but
 * the last). The runs cover exactly {@value #VIDEO_SIZE} bytes; the encoder ends with a run of count 0
 * when the frame ends in unchanged bytes, so an unchanged frame is one run {@code (7168, 0)}, 3 bytes.
 * The encoder keeps gaps of up to {@value #MAX_GAP} unchanged bytes inside a literal run (a new run
 * would cost as much); a decoder needs no such rule.
 */
public final class FrameDelta {
    /** Bytes of video RAM: 224 lines of 32. */
    public static final int VIDEO_SIZE = InvadersBoard.RAM_END - InvadersBoard.VIDEO_START;
    /** The longest encoding of any delta (every byte a literal, plus the run's header). */
    public static final int MAX_ENCODED = VIDEO_SIZE + 8;
    /** Unchanged bytes kept inside a literal run rather than starting a new run. */
    static final int MAX_GAP = 2;

    private FrameDelta() {
    }

    /**
     * Writes the delta from {@code previous} (null: a keyframe) to {@code current} into {@code out} at
     * {@code offset}; returns the bytes written (at most {@link #MAX_ENCODED}).
     */
    public static int encode(byte[] previous, byte[] current, byte[] out, int offset) {
        check(current);
        if (previous != null) {
            check(previous);
        }
        int o = offset;
        int pos = 0;
        while (pos < VIDEO_SIZE) {
            int start = pos;
            while (pos < VIDEO_SIZE && xor(previous, current, pos) == 0) {
                pos++;
            }
            int skip = pos - start;
            if (pos == VIDEO_SIZE) {
                o = leb(out, o, skip);
                o = leb(out, o, 0);
                break;
            }
            int litStart = pos;
            int litEnd = pos; // exclusive end of the literals, after the last changed byte taken
            while (pos < VIDEO_SIZE) {
                if (xor(previous, current, pos) != 0) {
                    pos++;
                    litEnd = pos;
                    continue;
                }
                int gapEnd = pos;
                while (gapEnd < VIDEO_SIZE && gapEnd - pos <= MAX_GAP && xor(previous, current, gapEnd) == 0) {
                    gapEnd++;
                }
                if (gapEnd < VIDEO_SIZE && gapEnd - pos <= MAX_GAP) {
                    pos = gapEnd; // a short gap followed by a change: keep it in this run
                } else {
                    break;
                }
            }
            pos = litEnd;
            o = leb(out, o, skip);
            o = leb(out, o, litEnd - litStart);
            for (int i = litStart; i < litEnd; i++) {
                out[o++] = (byte) xor(previous, current, i);
            }
        }
        return o - offset;
    }

    /** The delta as a new array. */
    public static byte[] encode(byte[] previous, byte[] current) {
        byte[] out = new byte[MAX_ENCODED];
        return java.util.Arrays.copyOf(out, encode(previous, current, out, 0));
    }

    /**
     * Applies a delta to {@code screen} ({@value #VIDEO_SIZE} bytes: the frame the delta was made against,
     * all zeros for a keyframe), which then holds the new frame.
     *
     * @throws IllegalArgumentException when the delta is malformed: a truncated number or run, runs that
     *                                  do not cover exactly {@value #VIDEO_SIZE} bytes, or bytes after them
     */
    public static void decode(byte[] delta, int offset, int length, byte[] screen) {
        check(screen);
        int end = offset + length;
        if (offset < 0 || length < 0 || end > delta.length) {
            throw new IllegalArgumentException("the delta's range is outside its array");
        }
        int[] cursor = {offset};
        int pos = 0;
        while (cursor[0] < end) {
            long skip = readLeb(delta, cursor, end);
            long count = readLeb(delta, cursor, end);
            if (pos + skip + count > VIDEO_SIZE) {
                throw new IllegalArgumentException("the delta's runs cover more than " + VIDEO_SIZE + " bytes");
            }
            pos += (int) skip;
            if (cursor[0] + count > end) {
                throw new IllegalArgumentException("the delta ends inside a run's literals");
            }
            for (int i = 0; i < count; i++) {
                screen[pos++] ^= delta[cursor[0]++];
            }
            if (pos == VIDEO_SIZE && cursor[0] < end) {
                throw new IllegalArgumentException("the delta has " + (end - cursor[0]) + " bytes after its last run");
            }
        }
        if (pos != VIDEO_SIZE) {
            throw new IllegalArgumentException("the delta's runs cover " + pos + " bytes, not " + VIDEO_SIZE);
        }
    }

    private static int xor(byte[] previous, byte[] current, int i) {
        return (previous == null ? current[i] : current[i] ^ previous[i]) & 0xFF;
    }

    private static void check(byte[] frame) {
        if (frame.length != VIDEO_SIZE) {
            throw new IllegalArgumentException("video RAM is " + VIDEO_SIZE + " bytes, not " + frame.length);
        }
    }

    /** Writes {@code value} (not negative) as unsigned LEB128; returns the offset after it. */
    static int leb(byte[] out, int o, int value) {
        while ((value & ~0x7F) != 0) {
            out[o++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[o++] = (byte) value;
        return o;
    }

    private static long readLeb(byte[] in, int[] cursor, int end) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            if (cursor[0] >= end) {
                throw new IllegalArgumentException("the delta ends inside a number");
            }
            if (shift > 28) {
                throw new IllegalArgumentException("a number in the delta is longer than 5 bytes");
            }
            int b = in[cursor[0]++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}
