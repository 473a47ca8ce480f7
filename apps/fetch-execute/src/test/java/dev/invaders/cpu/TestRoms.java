package dev.invaders.cpu;

import dev.invaders.i8080.asm.Assembler;
import dev.invaders.i8080.asm.Program;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Synthetic ROMs built in the tests (the arcade ROM is never in the repository). */
final class TestRoms {
    private TestRoms() {
    }

    /**
     * A tiny 8 KiB program that halts between interrupts, so it runs far faster than real time: RST 2
     * increments the byte at 0x2400 (the picture changes every frame) and writes it to OUT 3 (the sound
     * latch, so its bits rise now and then).
     */
    static byte[] halting() {
        Program p = Assembler.assemble("halting", """
                        ORG 0000H
                        JMP START
                        ORG 0008H           ; RST 1
                        EI
                        RET
                        ORG 0010H           ; RST 2
                        JMP VBLANK
                        ORG 0040H
                START:  LXI SP,2400H
                        LXI H,2400H
                        EI
                LOOP:   HLT
                        JMP LOOP
                VBLANK: PUSH PSW
                        MOV A,M
                        INR A
                        MOV M,A
                        OUT 3
                        POP PSW
                        EI
                        RET
                """);
        byte[] rom = new byte[8192];
        System.arraycopy(p.bytes(), 0, rom, p.origin(), p.bytes().length);
        return rom;
    }

    /** The image as MAME's zip: invaders.h, .g, .f, .e (2 KiB each), in a folder, with a readme. */
    static byte[] zip(byte[] image) {
        String[] names = {"invaders.h", "invaders.g", "invaders.f", "invaders.e"};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("synthetic".getBytes());
            for (int i = 3; i >= 0; i--) {
                z.putNextEntry(new ZipEntry("set/" + names[i]));
                z.write(Arrays.copyOfRange(image, i * 2048, i * 2048 + 2048));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
