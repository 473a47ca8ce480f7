package dev.invaders.i8080;

/** The CPU's memory bus. Addresses are 0-65535 and values 0-255: the CPU masks both. */
public interface Memory {
    int read(int address);

    void write(int address, int value);

    /**
     * A 64 KiB array whose byte at each address always equals {@link #read(int)} there, which the CPU may
     * read instead of calling read(); or null (the default) when reads must go through read(). Writes always
     * go through {@link #write(int, int)}, which keeps the view up to date.
     */
    default byte[] flatView() {
        return null;
    }
}
