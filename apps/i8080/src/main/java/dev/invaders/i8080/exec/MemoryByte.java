package dev.invaders.i8080.exec;

/**
 * One byte of memory: an address (0-65535) and its value (0-255). A memory byte an instruction reads,
 * or one it writes.
 */
public record MemoryByte(int address, int value) {

    public MemoryByte {
        if ((address & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("a memory address must be 0-65535: " + address);
        }
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException("the byte at address " + address + " must be 0-255: " + value);
        }
    }
}
