package dev.invaders.machine.cli;

import dev.invaders.machine.InvadersMachine;
import dev.invaders.machine.Programs;
import dev.invaders.machine.RomException;
import dev.invaders.machine.RomSet;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench}: frames per second and emulated MHz, headless. Runs the real ROM when given ({@code --rom}
 * or the {@code INVADERS_ROM} environment variable), else the demo game when built, else a synthetic busy
 * loop. Each repeat starts a fresh machine, runs the warm-up frames untimed, then times the frames; the
 * best repeat is printed last.
 */
final class BenchCommand {
    static final String USAGE = "usage: java -jar invaders.jar bench [--rom PATH] [--frames 20000] [--warmup 5000]"
            + " [--repeat 3]";
    static final String HELP = USAGE + """

            Frames per second and emulated MHz, headless: each repeat starts a fresh machine, runs the
            warm-up frames untimed, then times the frames; the best repeat is printed last.
              --rom PATH      your ROM (also INVADERS_ROM); without one the demo game
              --frames N      frames timed per repeat (default 20000)
              --warmup N      frames run first, untimed (default 5000)
              --repeat N      how many runs (default 3, at most 1000)
            Exit status: 0 done, 2 bad input.
            """;
    private BenchCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws RomException {
        List<Path> roms = new ArrayList<>();
        long frames = 20_000;
        long warmup = 5_000;
        long repeat = 3;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--rom" -> roms.add(Path.of(Main.value(args, i++)));
                case "--frames" -> frames = Main.parseCount(a, Main.value(args, i++), 1, 1_000_000_000L);
                case "--warmup" -> warmup = Main.parseCount(a, Main.value(args, i++), 0, 1_000_000_000L);
                case "--repeat" -> repeat = Main.parseCount(a, Main.value(args, i++), 1, 1000);
                default -> throw new CliException("bench: unknown option '" + a + "'; see java -jar invaders.jar bench"
                        + " --help");
            }
        }
        String env = System.getenv("INVADERS_ROM");
        if (roms.isEmpty() && env != null && !env.isBlank()) {
            roms.add(Path.of(env));
        }
        byte[] image;
        String name;
        if (!roms.isEmpty()) {
            RomSet rom = RomSet.load(roms);
            for (String w : rom.warnings()) {
                err.println("warning: " + w);
            }
            image = rom.image();
            name = rom.known() ? "invaders" : rom.source();
        } else if (Programs.demo().isPresent()) {
            image = Programs.demo().get();
            name = "demo";
        } else {
            image = Programs.busyLoop();
            name = "synthetic-busy-loop";
        }
        double best = 0;
        String bestLine = null;
        for (long r = 0; r < repeat; r++) {
            InvadersMachine machine = InvadersMachine.create(image, dev.invaders.machine.DipSwitches.DEFAULT);
            machine.runFrames(warmup);
            long c0 = machine.cycles();
            long t0 = System.nanoTime();
            machine.runFrames(frames);
            long nanos = Math.max(System.nanoTime() - t0, 1);
            double seconds = nanos / 1e9;
            double fps = frames / seconds;
            String line = String.format(Locale.ROOT, "bench rom=%s frames=%d seconds=%.3f fps=%.0f mhz=%.1f realtime=%.0fx",
                    name, frames, seconds, fps, (machine.cycles() - c0) / seconds / 1e6,
                    fps / (InvadersMachine.CLOCK_HZ / InvadersMachine.CYCLES_PER_FRAME));
            out.println(line);
            if (fps > best) {
                best = fps;
                bestLine = line;
            }
        }
        out.println("best: " + bestLine);
        return 0;
    }
}
