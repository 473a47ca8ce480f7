package dev.invaders.i8080.asm;

import dev.invaders.i8080.Memory;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An assembled program: the bytes from the lowest to the highest address emitted (gaps zero), and
 * the symbols with their final values, in order of definition.
 *
 * @param origin  the address of the first byte (0 for an empty program)
 * @param bytes   the image; the accessor returns a copy
 * @param symbols labels, EQUs and SETs (case-sensitive names), unmodifiable
 */
public record Program(int origin, byte[] bytes, Map<String, Integer> symbols) {

    public Program {
        bytes = bytes.clone();
        symbols = Collections.unmodifiableMap(new LinkedHashMap<>(symbols));
    }

    /** A copy of the image. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** A copy of the image: the same as {@link #bytes()}. */
    public byte[] image() {
        return bytes.clone();
    }

    /** The image's length in bytes. */
    public int size() {
        return bytes.length;
    }

    /** The address just past the last byte. */
    public int end() {
        return origin + bytes.length;
    }

    /** The value of a symbol; throws if it is not defined. */
    public int symbol(String name) {
        Integer v = symbols.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no symbol '" + name + "'");
        }
        return v;
    }

    /** Writes the image into memory at its origin. */
    public void load(Memory memory) {
        for (int i = 0; i < bytes.length; i++) {
            memory.write(origin + i, bytes[i] & 0xFF);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Program p && origin == p.origin && Arrays.equals(bytes, p.bytes)
                && symbols.equals(p.symbols);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * origin + Arrays.hashCode(bytes)) + symbols.hashCode();
    }

    @Override
    public String toString() {
        return "Program[origin=" + Disassembler.hex(origin, 4) + ", size=" + bytes.length + ", symbols="
                + symbols + "]";
    }
}
