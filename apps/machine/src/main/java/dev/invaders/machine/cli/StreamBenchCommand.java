package dev.invaders.machine.cli;

import dev.invaders.machine.DipSwitches;
import dev.invaders.machine.FrameDelta;
import dev.invaders.machine.FrameStream;
import dev.invaders.machine.InputLog;
import dev.invaders.machine.InvadersBoard;
import dev.invaders.machine.InvadersMachine;
import dev.invaders.machine.Programs;
import dev.invaders.machine.RomException;
import dev.invaders.machine.RomSet;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code stream-bench}: the size of the frames stream when every frame is sent. Runs the game (the demo
 * when no {@code --rom}) with an optional input log, encodes each frame as the FRAME message a subscriber
 * that keeps up would get (the first a keyframe, then deltas against the previous frame), decodes it
 * again to check it, and prints the total, the mean and largest message, and bytes per second at the
 * machine's 59.54 frames per second.
 */
final class StreamBenchCommand {
    static final String USAGE = "usage: java -jar invaders.jar stream-bench [--rom PATH] [--frames 3600]"
            + " [--input FILE]";
    static final String HELP = USAGE + """

            The size of fetch-execute's frames stream when every frame is sent: each frame's FRAME
            message is encoded and decoded again; prints the total, the mean and largest message and the
            bytes a second at 59.54 frames a second.
              --rom PATH      your ROM; without one the demo game
              --frames N      how many frames (default 3600)
              --input FILE    an input log to play (e.g. apps/machine/examples/demo-game.input)
            Exit status: 0 done, 2 bad input.
            """;
    private StreamBenchCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws RomException {
        List<Path> roms = new ArrayList<>();
        long frames = 3600;
        Path input = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--rom" -> roms.add(Path.of(Main.value(args, i++)));
                case "--frames" -> frames = Main.parseCount(a, Main.value(args, i++), 1, 100_000_000L);
                case "--input" -> input = Path.of(Main.value(args, i++));
                default -> throw new CliException("stream-bench: unknown option '" + a + "'; see java -jar invaders.jar stream-bench"
                        + " --help");
            }
        }
        byte[] image;
        String name;
        if (!roms.isEmpty()) {
            RomSet rom = RomSet.load(roms);
            rom.warnings().forEach(w -> err.println("warning: " + w));
            image = rom.image();
            name = rom.known() ? "invaders" : rom.source();
        } else {
            image = Programs.demo().orElseThrow(() -> new CliException(RunCommand.DEMO_NOT_BUILT));
            name = "demo";
        }
        InputLog log = Main.inputLog(input);
        Result r = measure(image, log, frames);
        double fps = InvadersMachine.CLOCK_HZ / InvadersMachine.CYCLES_PER_FRAME;
        double perSecond = r.total / (double) frames * fps;
        out.printf(Locale.ROOT, "stream-bench rom=%s input=%s frames=%d%n", name, input == null ? "none" : input, frames);
        out.printf(Locale.ROOT, "  FRAME messages: %d bytes in all (5-byte header + 13 + delta each); keyframe %d bytes%n",
                r.total, r.keyframe);
        out.printf(Locale.ROOT, "  per frame: mean %.1f bytes, max %d bytes (frame %d), unchanged frames %d%n",
                r.total / (double) frames, r.max, r.maxFrame, r.unchanged);
        out.printf(Locale.ROOT, "  at %.2f frames/s, every frame sent: %.0f bytes/s = %.2f KB/s%n", fps, perSecond,
                perSecond / 1000);
        return 0;
    }

    record Result(long total, int keyframe, int max, long maxFrame, long unchanged) {
    }

    /** Runs the frames and sizes (and checks, by decoding) the FRAME message of each. */
    static Result measure(byte[] rom, InputLog log, long frames) {
        InvadersMachine m = InvadersMachine.create(rom, DipSwitches.DEFAULT);
        m.setInputLog(log);
        InvadersBoard board = m.board();
        byte[] message = new byte[FrameStream.MAX_FRAME_MESSAGE];
        byte[] previous = null;
        byte[] decoded = new byte[FrameDelta.VIDEO_SIZE];
        long total = 0;
        int keyframe = 0;
        int max = 0;
        long maxFrame = 0;
        long unchanged = 0;
        for (long f = 0; f < frames; f++) {
            m.runFrame();
            byte[] video = Arrays.copyOfRange(board.flatView(), InvadersBoard.VIDEO_START, InvadersBoard.RAM_END);
            int edges = board.drainLatchEdges();
            int n = FrameStream.writeFrame(message, m.frame(), board.soundPort3(), board.soundPort5(), edges & 0xFF,
                    edges >>> 8, previous, video);
            FrameStream.Frame parsed = FrameStream.readFrame(Arrays.copyOfRange(message, FrameStream.HEADER, n), decoded);
            if (parsed.frame() != m.frame() || !Arrays.equals(decoded, video)) {
                throw new IllegalStateException("frame " + m.frame() + " does not decode to what was encoded");
            }
            if (previous == null) {
                keyframe = n;
            } else if (Arrays.equals(previous, video)) {
                unchanged++;
            }
            total += n;
            if (n > max) {
                max = n;
                maxFrame = m.frame();
            }
            previous = video;
        }
        return new Result(total, keyframe, max, maxFrame, unchanged);
    }
}
