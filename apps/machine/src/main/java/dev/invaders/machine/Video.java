package dev.invaders.machine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns video RAM into the upright picture the player sees.
 *
 * <p>Video RAM (0x2400-0x3FFF) holds 224 raster lines of 32 bytes, bit 0 of each byte the leftmost pixel
 * of its raster line. The monitor is turned 90 degrees counter-clockwise, so the upright picture is
 * {@value #WIDTH} wide and {@value #HEIGHT} tall, and its pixel at column X, row Y is raster line X, bit
 * position 255 - Y. Without the overlay, lit pixels are white and the rest black; with it, lit pixels take
 * the colour of the cellophane strip they are under (upright rows from the top): 0-31 white, 32-63 red,
 * 64-183 white, 184-239 green, 240-255 green in columns 16-134 and white elsewhere.
 */
public final class Video {
    public static final int WIDTH = 224;
    public static final int HEIGHT = 256;
    public static final int BLACK = 0xFF000000;
    public static final int WHITE = 0xFFFFFFFF;
    public static final int RED = 0xFFFF0000;
    public static final int GREEN = 0xFF00FF00;

    private static final int[] PLAIN = new int[WIDTH * HEIGHT];
    private static final int[] OVERLAY = new int[WIDTH * HEIGHT];

    static {
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                PLAIN[y * WIDTH + x] = WHITE;
                OVERLAY[y * WIDTH + x] = overlayColour(x, y);
            }
        }
    }

    private Video() {
    }

    /** The colour of the overlay strip over upright pixel (x, y). */
    public static int overlayColour(int x, int y) {
        if (y >= 32 && y < 64) {
            return RED;
        }
        if (y >= 184 && y < 240) {
            return GREEN;
        }
        if (y >= 240 && x >= 16 && x <= 134) {
            return GREEN;
        }
        return WHITE;
    }

    /** The upright picture as ARGB, row by row ({@code pixels[y * 224 + x]}), white on black. */
    public static int[] render(InvadersBoard board) {
        return render(board, false, new int[WIDTH * HEIGHT]);
    }

    /** Renders into {@code argb} (224 x 256 ints, row by row) and returns it. */
    public static int[] render(InvadersBoard board, boolean overlay, int[] argb) {
        if (argb.length != WIDTH * HEIGHT) {
            throw new IllegalArgumentException("the pixel array must hold " + WIDTH * HEIGHT + " ints");
        }
        byte[] mem = board.memoryArray();
        int[] colours = overlay ? OVERLAY : PLAIN;
        for (int x = 0; x < WIDTH; x++) {
            int line = InvadersBoard.VIDEO_START + x * 32;
            for (int i = 0; i < 32; i++) {
                int bits = mem[line + i];
                // Raster bit position p = 8 * i + b is upright row 255 - p.
                int rowBase = 255 - 8 * i;
                for (int b = 0; b < 8; b++) {
                    int idx = (rowBase - b) * WIDTH + x;
                    argb[idx] = (bits & (1 << b)) != 0 ? colours[idx] : BLACK;
                }
            }
        }
        return argb;
    }

    /** The board's picture as an image. */
    public static BufferedImage image(InvadersBoard board, boolean overlay) {
        BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, WIDTH, HEIGHT, render(board, overlay, new int[WIDTH * HEIGHT]), 0, WIDTH);
        return img;
    }

    /** Writes the board's picture as PNG. */
    public static void writePng(InvadersBoard board, boolean overlay, OutputStream out) throws IOException {
        if (!ImageIO.write(image(board, overlay), "png", out)) {
            throw new IOException("this JDK has no PNG writer");
        }
    }

    /** Writes the board's picture as a PNG file. */
    public static void writePng(InvadersBoard board, boolean overlay, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writePng(board, overlay, out);
        }
    }
}
