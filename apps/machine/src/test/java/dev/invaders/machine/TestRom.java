package dev.invaders.machine;

/** Builds synthetic 8 KiB ROM images from raw 8080 bytes for tests. */
final class TestRom {
    private final byte[] rom = new byte[RomSet.IMAGE_SIZE];

    TestRom at(int address, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            rom[address + i] = (byte) bytes[i];
        }
        return this;
    }

    byte[] image() {
        return rom.clone();
    }

    InvadersMachine machine() {
        return InvadersMachine.create(image(), DipSwitches.DEFAULT);
    }

    /** Every byte a function of its address and the seed: stands in for a part of a real ROM. */
    static byte[] noise(int length, int seed) {
        byte[] b = new byte[length];
        int x = seed * 0x9E3779B1 + 1;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            b[i] = (byte) x;
        }
        return b;
    }
}
