package dev.invaders.i8080;

import java.util.Arrays;

/** 64 KiB of plain read-write memory. */
public final class Ram implements Memory {
    private final byte[] bytes = new byte[0x10000];

    @Override
    public int read(int address) {
        return bytes[address] & 0xFF;
    }

    @Override
    public void write(int address, int value) {
        bytes[address] = (byte) value;
    }

    @Override
    public byte[] flatView() {
        return bytes;
    }

    /** Copies data into memory starting at address. */
    public void load(int address, byte[] data) {
        if (address < 0 || address + data.length > bytes.length) {
            throw new IllegalArgumentException("data of " + data.length + " bytes does not fit at 0x"
                    + Integer.toHexString(address));
        }
        System.arraycopy(data, 0, bytes, address, data.length);
    }

    /** A copy of the whole 64 KiB. */
    public byte[] snapshot() {
        return Arrays.copyOf(bytes, bytes.length);
    }
}
