package dev.invaders.machine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** ROM images that ship with the machine: the demo game (when built) and a synthetic busy loop. */
public final class Programs {
    /** Where the original demo game's 8 KiB image lives on the classpath, once it is built. */
    public static final String DEMO_RESOURCE = "/dev/invaders/machine/demo.bin";

    private Programs() {
    }

    /** The demo game's image, or empty while it is not built (no resource on the classpath). */
    public static Optional<byte[]> demo() {
        try (InputStream in = Programs.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] image = in.readNBytes(RomSet.IMAGE_SIZE + 1);
            if (image.length != RomSet.IMAGE_SIZE) {
                throw new IllegalStateException("the demo resource " + DEMO_RESOURCE + " is " + image.length
                        + " bytes, not " + RomSet.IMAGE_SIZE);
            }
            return Optional.of(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A synthetic 8 KiB program for benchmarks when no game is at hand: the main loop increments every
     * byte of video RAM over and over; RST 1 counts in 0x2000 and exercises the shifter, RST 2 counts in
     * 0x2001 and feeds the watchdog; both end with EI; RET like the game's.
     */
    public static byte[] busyLoop() {
        byte[] rom = new byte[RomSet.IMAGE_SIZE];
        put(rom, 0x0000, 0xC3, 0x40, 0x00);                 // JMP 0040
        put(rom, 0x0008, 0xC3, 0x60, 0x00);                 // JMP 0060
        put(rom, 0x0010, 0xC3, 0x80, 0x00);                 // JMP 0080
        put(rom, 0x0040,
                0x31, 0x00, 0x24,                           // LXI SP,2400
                0xFB,                                       // EI
                0x21, 0x00, 0x24,                           // 0044: LXI H,2400
                0x7E,                                       // 0047: MOV A,M
                0x3C,                                       // INR A
                0x77,                                       // MOV M,A
                0x23,                                       // INX H
                0x7C,                                       // MOV A,H
                0xFE, 0x40,                                 // CPI 40
                0xC2, 0x47, 0x00,                           // JNZ 0047
                0xC3, 0x44, 0x00);                          // JMP 0044
        put(rom, 0x0060,
                0xF5,                                       // PUSH PSW
                0x3A, 0x00, 0x20,                           // LDA 2000
                0x3C,                                       // INR A
                0x32, 0x00, 0x20,                           // STA 2000
                0xD3, 0x04,                                 // OUT 4
                0x3E, 0x03, 0xD3, 0x02,                     // MVI A,3; OUT 2
                0xDB, 0x03,                                 // IN 3
                0xF1, 0xFB, 0xC9);                          // POP PSW; EI; RET
        put(rom, 0x0080,
                0xF5,                                       // PUSH PSW
                0x3A, 0x01, 0x20,                           // LDA 2001
                0x3C,                                       // INR A
                0x32, 0x01, 0x20,                           // STA 2001
                0xD3, 0x06,                                 // OUT 6
                0xF1, 0xFB, 0xC9);                          // POP PSW; EI; RET
        return rom;
    }

    private static void put(byte[] rom, int address, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            rom[address + i] = (byte) bytes[i];
        }
    }
}
