package dev.invaders.machine;

import dev.invaders.i8080.asm.Assembler;
import dev.invaders.i8080.asm.Program;

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
        Program program = Assembler.assemble("busy-loop", """
                        ORG 0000H
                        JMP START
                        ORG 0008H           ; RST 1, mid-screen
                        JMP MID
                        ORG 0010H           ; RST 2, vblank
                        JMP VBLANK
                        ORG 0040H
                START:  LXI SP,2400H
                        EI
                AGAIN:  LXI H,2400H         ; every video RAM byte, incremented, over and over
                NEXT:   MOV A,M
                        INR A
                        MOV M,A
                        INX H
                        MOV A,H
                        CPI 40H
                        JNZ NEXT
                        JMP AGAIN
                MID:    PUSH PSW
                        LDA 2000H           ; count RST 1 in 2000H and work the shifter
                        INR A
                        STA 2000H
                        OUT 4
                        MVI A,3
                        OUT 2
                        IN 3
                        POP PSW
                        EI
                        RET
                VBLANK: PUSH PSW
                        LDA 2001H           ; count RST 2 in 2001H and feed the watchdog
                        INR A
                        STA 2001H
                        OUT 6
                        POP PSW
                        EI
                        RET
                """);
        byte[] rom = new byte[RomSet.IMAGE_SIZE];
        System.arraycopy(program.bytes(), 0, rom, program.origin(), program.size());
        return rom;
    }
}
