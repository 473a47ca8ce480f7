package dev.invaders.machine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VideoTest {
    private final InvadersBoard board = new InvadersBoard(new byte[RomSet.IMAGE_SIZE]);

    private static int lit(int[] px) {
        int n = 0;
        for (int p : px) {
            if (p != Video.BLACK) {
                n++;
            }
        }
        return n;
    }

    private int pixel(int x, int y) {
        return Video.render(board)[y * Video.WIDTH + x];
    }

    @Test
    void blankVideoRamIsBlack() {
        assertEquals(0, lit(Video.render(board)));
    }

    @Test
    void bit0OfTheFirstByteIsBottomLeft() {
        board.write(0x2400, 0x01);              // raster line 0, bit position 0
        assertEquals(1, lit(Video.render(board)));
        assertEquals(Video.WHITE, pixel(0, 255));
    }

    @Test
    void bit7OfTheFirstByteIsEightRowsUp() {
        board.write(0x2400, 0x80);              // raster line 0, bit position 7 -> row 248
        assertEquals(1, lit(Video.render(board)));
        assertEquals(Video.WHITE, pixel(0, 248));
    }

    @Test
    void lastByteOfARasterLineIsTheTopRow() {
        board.write(0x2400 + 31, 0x80);         // bit position 255 -> row 0
        assertEquals(Video.WHITE, pixel(0, 0));
        board.write(0x2400 + 31, 0x01);         // bit position 248 -> row 7
        assertEquals(Video.BLACK, pixel(0, 0));
        assertEquals(Video.WHITE, pixel(0, 7));
    }

    @Test
    void rasterLinesAreColumns() {
        board.write(0x2400 + 100 * 32 + 4, 0x04); // raster line 100, bit position 34 -> column 100, row 221
        assertEquals(1, lit(Video.render(board)));
        assertEquals(Video.WHITE, pixel(100, 221));
        board.write(0x2400, 0);
        board.write(0x3FFF, 0x80);              // raster line 223, bit position 255 -> top-right
        assertEquals(Video.WHITE, pixel(223, 0));
    }

    @Test
    void overlayColoursLitPixelsByStrip() {
        assertEquals(Video.WHITE, Video.overlayColour(0, 0));
        assertEquals(Video.WHITE, Video.overlayColour(100, 31));
        assertEquals(Video.RED, Video.overlayColour(100, 32));
        assertEquals(Video.RED, Video.overlayColour(100, 63));
        assertEquals(Video.WHITE, Video.overlayColour(100, 64));
        assertEquals(Video.WHITE, Video.overlayColour(100, 183));
        assertEquals(Video.GREEN, Video.overlayColour(0, 184));
        assertEquals(Video.GREEN, Video.overlayColour(223, 239));
        assertEquals(Video.WHITE, Video.overlayColour(15, 240));
        assertEquals(Video.GREEN, Video.overlayColour(16, 240));
        assertEquals(Video.GREEN, Video.overlayColour(134, 255));
        assertEquals(Video.WHITE, Video.overlayColour(135, 255));

        // A whole raster line lit: column 20 with the overlay, top to bottom.
        for (int i = 0; i < 32; i++) {
            board.write(0x2400 + 20 * 32 + i, 0xFF);
        }
        int[] px = Video.render(board, true, new int[Video.WIDTH * Video.HEIGHT]);
        assertEquals(256, lit(px));
        for (int y = 0; y < 256; y++) {
            assertEquals(Video.overlayColour(20, y), px[y * Video.WIDTH + 20], "row " + y);
        }
        assertEquals(Video.RED, px[40 * Video.WIDTH + 20]);
        assertEquals(Video.GREEN, px[250 * Video.WIDTH + 20]);
    }

    @Test
    void pngIsUprightAndTheRightSize(@TempDir Path dir) throws Exception {
        board.write(0x2400 + 31, 0x80);         // top-left
        board.write(0x2400 + 5 * 32 + 4, 0x01); // column 5, bit position 32 -> row 223
        Path png = dir.resolve("frame.png");
        Video.writePng(board, false, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(224, img.getWidth());
        assertEquals(256, img.getHeight());
        assertEquals(0xFFFFFF, img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(5, 223) & 0xFFFFFF);
        assertEquals(0, img.getRGB(1, 0) & 0xFFFFFF);
        assertEquals(0, img.getRGB(0, 255) & 0xFFFFFF);
    }
}
