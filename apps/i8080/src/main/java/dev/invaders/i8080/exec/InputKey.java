package dev.invaders.i8080.exec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Exactly what one instruction's outcome depends on, as a few bytes: see {@link Execution#inputKey}.
 * Two requests with equal keys produce the same result up to {@link ExecuteResult#applyTo}. Immutable;
 * equal by content; usable as a hash key.
 */
public final class InputKey {
    private final byte[] bytes;
    private final int hash;

    InputKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = mix(bytes);
    }

    /**
     * A well-spread hash of the bytes. {@code Arrays.hashCode} (31 * h + b) collides for most keys of one
     * opcode: a key's last bytes are often H, L and a memory byte, and (H + 1, L - 31) hashes as (H, L), so
     * the cache's buckets filled up and turned into trees (a fifth of a cached session's CPU time in
     * {@code HashMap$TreeNode.getTreeNode}). A 64-bit multiply-add per byte, then a MurmurHash3 finaliser.
     */
    private static int mix(byte[] bytes) {
        long h = bytes.length;
        for (byte b : bytes) {
            h = (h + (b & 0xFF)) * 0x9E3779B97F4A7C15L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h;
    }

    /** A copy of the key's bytes (opcode first). */
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputKey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** The bytes in hex, e.g. {@code "cd0010a1242401"}. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
