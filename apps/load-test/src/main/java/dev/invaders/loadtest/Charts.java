package dev.invaders.loadtest;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** Line and bar charts as PNG bytes, drawn with java.awt (headless). */
public final class Charts {
    public static final int W = 800;
    public static final int H = 320;
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    /** A named series of (x, y) points. */
    public record Series(String name, List<double[]> points) {
    }

    private Charts() {
    }

    /** Lines over x; {@code reference} (NaN: none) is drawn as a dashed horizontal line. */
    public static byte[] lines(String title, String xLabel, String yLabel, List<Series> series, double reference,
                               String referenceLabel) {
        double xMax = 1;
        double yMax = Double.isNaN(reference) ? 1 : reference * 1.1;
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (!Double.isNaN(p[1])) {
                    xMax = Math.max(xMax, p[0]);
                    yMax = Math.max(yMax, p[1] * 1.05);
                }
            }
        }
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(img, title, xLabel, yLabel, xMax, yMax);
        int x0 = 70, y0 = H - 45, pw = W - 90, ph = H - 85;
        if (!Double.isNaN(reference)) {
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
            int y = y0 - (int) (reference / yMax * ph);
            g.drawLine(x0, y, x0 + pw, y);
            g.drawString(referenceLabel, x0 + pw - g.getFontMetrics().stringWidth(referenceLabel) - 4, y - 4);
        }
        g.setStroke(new BasicStroke(1.6f));
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            g.setColor(PALETTE[k % PALETTE.length]);
            int px = -1, py = -1;
            for (double[] p : s.points()) {
                if (Double.isNaN(p[1])) {
                    px = -1;
                    continue;
                }
                int x = x0 + (int) (p[0] / xMax * pw);
                int y = y0 - (int) (p[1] / yMax * ph);
                if (px >= 0) g.drawLine(px, py, x, y);
                else g.fillRect(x - 1, y - 1, 3, 3);
                px = x;
                py = y;
            }
        }
        legend(g, series.stream().map(Series::name).toList());
        g.dispose();
        return png(img);
    }

    /** Grouped bars: one group per category, one bar per named value. */
    public static byte[] bars(String title, String yLabel, List<String> categories, List<String> names,
                              Map<String, double[]> values) {
        double yMax = 1e-9;
        for (double[] v : values.values()) for (double d : v) if (!Double.isNaN(d)) yMax = Math.max(yMax, d * 1.1);
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame(img, title, "", yLabel, Double.NaN, yMax);
        int x0 = 70, y0 = H - 45, pw = W - 90, ph = H - 85;
        int groups = Math.max(1, categories.size());
        double gw = (double) pw / groups;
        double bw = Math.max(1, (gw * 0.8) / Math.max(1, names.size()));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        for (int c = 0; c < categories.size(); c++) {
            double[] v = values.get(categories.get(c));
            for (int k = 0; k < names.size(); k++) {
                if (v == null || Double.isNaN(v[k])) continue;
                g.setColor(PALETTE[k % PALETTE.length]);
                int h = (int) (v[k] / yMax * ph);
                g.fillRect((int) (x0 + c * gw + gw * 0.1 + k * bw), y0 - h, (int) Math.max(1, bw - 1), h);
            }
            g.setColor(Color.DARK_GRAY);
            String label = categories.get(c);
            g.drawString(label, (int) (x0 + c * gw + gw / 2 - g.getFontMetrics().stringWidth(label) / 2.0), y0 + 14);
        }
        legend(g, names);
        g.dispose();
        return png(img);
    }

    private static Graphics2D frame(BufferedImage img, String title, String xLabel, String yLabel, double xMax, double yMax) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        int x0 = 70, y0 = H - 45, pw = W - 90, ph = H - 85;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, x0, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(new Color(0xdddddd));
        for (int i = 0; i <= 4; i++) {
            int y = y0 - ph * i / 4;
            g.drawLine(x0, y, x0 + pw, y);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawLine(x0, y0, x0 + pw, y0);
        g.drawLine(x0, y0, x0, y0 - ph);
        for (int i = 0; i <= 4; i++) {
            int y = y0 - ph * i / 4;
            String s = label(yMax * i / 4);
            g.drawString(s, x0 - 6 - g.getFontMetrics().stringWidth(s), y + 4);
        }
        if (!Double.isNaN(xMax)) {
            for (int i = 0; i <= 5; i++) {
                int x = x0 + pw * i / 5;
                String s = label(xMax * i / 5);
                g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y0 + 14);
            }
            g.drawString(xLabel, x0 + pw / 2 - g.getFontMetrics().stringWidth(xLabel) / 2, y0 + 30);
        }
        g.drawString(yLabel, 6, 40);
        return g;
    }

    private static void legend(Graphics2D g, List<String> names) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        int x = W - 20;
        int shown = Math.min(names.size(), 12);
        for (int k = shown - 1; k >= 0; k--) {
            String n = names.get(k);
            x -= g.getFontMetrics().stringWidth(n) + 18;
            g.setColor(PALETTE[k % PALETTE.length]);
            g.fillRect(x, 30, 10, 10);
            g.setColor(Color.DARK_GRAY);
            g.drawString(n, x + 13, 39);
        }
    }

    static String label(double v) {
        if (v >= 1e6) return String.format("%.1fM", v / 1e6);
        if (v >= 1e4) return String.format("%.0fk", v / 1e3);
        if (v >= 100) return String.format("%.0f", v);
        if (v >= 10) return String.format("%.1f", v);
        return String.format("%.2f", v);
    }

    private static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
