package dev.invaders.machine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Frame-stamped changes of the controls, applied by {@link InvadersMachine} at frame boundaries.
 *
 * <p>Text format, one change per line:
 * <pre>
 * # comments start with '#', anywhere on a line; blank lines are ignored
 * 120 coin press          # down before frame 120 runs, up again before frame 120 + 4
 * 300 p1-start press 10   # down for 10 frames (300-309), up before frame 310
 * 400 p1-fire down        # down from frame 400 on
 * 460 p1-fire up
 * </pre>
 * Fields are separated by spaces or tabs: FRAME CONTROL ACTION [FRAMES]. FRAME is the 0-based number
 * of the frame before which the change applies (frame 0 is the first frame run). CONTROL is one of
 * {@code coin p1-start p2-start p1-fire p1-left p1-right p2-fire p2-left p2-right tilt}
 * (case-insensitive). ACTION is {@code down}, {@code up} or {@code press} (down, then up FRAMES later;
 * FRAMES defaults to {@value #DEFAULT_PRESS_FRAMES}, 1-100000). Lines must be in non-decreasing
 * frame order. Changes for the same frame apply in line order; a press's release comes before the
 * lines written for its release frame (so {@code 100 coin press 4} then {@code 104 coin down} leaves
 * the coin down).
 */
public final class InputLog {
    /** How long a {@code press} holds the control down when no length is given. */
    public static final int DEFAULT_PRESS_FRAMES = 4;
    private static final int MAX_PRESS_FRAMES = 100_000;

    /** One change: before frame {@code frame} runs, {@code input} goes down or up. */
    public record Change(long frame, Input input, boolean down) {
        public Change {
            if (frame < 0) {
                throw new IllegalArgumentException("frame must not be negative: " + frame);
            }
        }
    }

    private static final InputLog EMPTY = new InputLog(List.of());
    private final List<Change> changes;

    private InputLog(List<Change> changes) {
        this.changes = List.copyOf(changes);
    }

    public static InputLog empty() {
        return EMPTY;
    }

    /** A log of these changes, sorted by frame (stable: changes for one frame keep their order). */
    public static InputLog of(List<Change> changes) {
        List<Change> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparingLong(Change::frame));
        return new InputLog(sorted);
    }

    /** All changes in the order they apply. */
    public List<Change> changes() {
        return changes;
    }

    /** Reads a log file (UTF-8). */
    public static InputLog read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses the text format above.
     *
     * @throws IllegalArgumentException {@code "line N: ..."} for the first bad line
     */
    public static InputLog parse(String text) {
        List<Change> out = new ArrayList<>();
        long previousFrame = -1;
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int hash = line.indexOf('#');
            if (hash >= 0) {
                line = line.substring(0, hash);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            int lineNo = i + 1;
            String[] f = line.split("[ \t]+");
            if (f.length < 3 || f.length > 4) {
                throw bad(lineNo, "expected FRAME CONTROL ACTION [FRAMES], e.g. '120 coin press', not '" + line + "'");
            }
            long frame;
            try {
                frame = Long.parseLong(f[0]);
            } catch (NumberFormatException e) {
                throw bad(lineNo, "frame must be a whole number, not '" + f[0] + "'");
            }
            if (frame < 0) {
                throw bad(lineNo, "frame must not be negative: " + frame);
            }
            if (frame < previousFrame) {
                throw bad(lineNo, "frame " + frame + " comes before the previous line's frame " + previousFrame
                        + " (lines must be in frame order)");
            }
            previousFrame = frame;
            Input input = Input.fromLogName(f[1]);
            if (input == null) {
                throw bad(lineNo, "unknown control '" + f[1] + "' (controls: " + controlNames() + ")");
            }
            String action = f[2].toLowerCase(java.util.Locale.ROOT);
            switch (action) {
                case "down", "up" -> {
                    if (f.length == 4) {
                        throw bad(lineNo, "'" + action + "' takes no length; only 'press' does");
                    }
                    out.add(new Change(frame, input, action.equals("down")));
                }
                case "press" -> {
                    int n = DEFAULT_PRESS_FRAMES;
                    if (f.length == 4) {
                        try {
                            n = Integer.parseInt(f[3]);
                        } catch (NumberFormatException e) {
                            n = -1;
                        }
                        if (n < 1 || n > MAX_PRESS_FRAMES) {
                            throw bad(lineNo, "press length must be 1 to " + MAX_PRESS_FRAMES + " frames, not '" + f[3] + "'");
                        }
                    }
                    out.add(new Change(frame, input, true));
                    out.add(new Change(frame + n, input, false));
                }
                default -> throw bad(lineNo, "action must be down, up or press, not '" + f[2] + "'");
            }
        }
        return of(out);
    }

    /** This log as text that {@link #parse} reads back to the same changes (down/up lines only). */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Change c : changes) {
            sb.append(c.frame()).append(' ').append(c.input().logName()).append(c.down() ? " down" : " up").append('\n');
        }
        return sb.toString();
    }

    private static String controlNames() {
        StringBuilder sb = new StringBuilder();
        for (Input i : Input.values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(i.logName());
        }
        return sb.toString();
    }

    private static IllegalArgumentException bad(int line, String message) {
        return new IllegalArgumentException("line " + line + ": " + message);
    }
}
