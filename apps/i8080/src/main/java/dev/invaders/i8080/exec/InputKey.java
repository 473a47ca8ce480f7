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
        this.hash = Arrays.hashCode(bytes);
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
