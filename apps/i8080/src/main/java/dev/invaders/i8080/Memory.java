package dev.invaders.i8080;

/** The CPU's memory bus. Addresses are 0-65535 and values 0-255: the CPU masks both. */
public interface Memory {
    int read(int address);

    void write(int address, int value);
}
