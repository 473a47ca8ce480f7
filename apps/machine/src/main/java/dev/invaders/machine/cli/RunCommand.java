package dev.invaders.machine.cli;

import dev.invaders.machine.DipSwitches;
import dev.invaders.machine.InputLog;
import dev.invaders.machine.InvadersMachine;
import dev.invaders.machine.Programs;
import dev.invaders.machine.RomException;
import dev.invaders.machine.RomSet;
import dev.invaders.machine.Video;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code run}: runs the game headless as fast as it can for N frames, optionally writes the last frame
 * as PNG, and prints on standard error (last line) {@code frames= cycles= seconds= fps= mhz= hash=}.
 */
final class RunCommand {
    static final String USAGE = "usage: java -jar invaders.jar run [--demo | --rom PATH] --frames N [--png FILE]"
            + "\n           [--input FILE] [--dip SPEC] [--overlay]";
    static final String HELP = USAGE + """

            Runs the game headless, as fast as it can, for N frames. The last line on standard error is
            frames=<n> cycles=<n> seconds=<s> fps=<f> mhz=<m> hash=<the state's SHA-256>.
              --demo          the project's own demo game, DRONE STORM (the default without --rom)
              --rom PATH      your ROM: invaders.zip, a folder with invaders.h/.g/.f/.e, one 8 KiB
                              image, or the four part files as four --rom options
              --frames N      how many frames to run (59.54 a second on the real board)
              --png FILE      write the last frame as a 224 x 256 PNG
              --input FILE    an input log: "FRAME CONTROL down|up|press [FRAMES]" a line
              --dip SPEC      DIP switches, e.g. lives=3,bonus=1500,coinInfo=on
              --overlay       the colour overlay on the PNG
            Exit status: 0 done, 2 bad input.
            """;
    static final String DEMO_NOT_BUILT = "the demo game is not built yet (no " + Programs.DEMO_RESOURCE
            + " on the classpath); use --rom PATH with your own invaders.zip";

    private RunCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws RomException {
        boolean demo = false;
        boolean overlay = false;
        List<Path> roms = new ArrayList<>();
        Long frames = null;
        Path png = null;
        Path input = null;
        String dip = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--demo" -> demo = true;
                case "--overlay" -> overlay = true;
                case "--rom" -> roms.add(Path.of(Main.value(args, i++)));
                case "--frames" -> frames = Main.parseCount(a, Main.value(args, i++), 1, 1_000_000_000L);
                case "--png" -> png = Path.of(Main.value(args, i++));
                case "--input" -> input = Path.of(Main.value(args, i++));
                case "--dip" -> dip = Main.value(args, i++);
                default -> throw new CliException("run: unknown option '" + a + "'; see java -jar invaders.jar run"
                        + " --help");
            }
        }
        if (demo && !roms.isEmpty()) {
            throw new CliException("run takes --demo or --rom PATH, not both");
        }
        demo = roms.isEmpty(); // the project's own demo game is the default program
        if (frames == null) {
            throw new CliException("run needs --frames N");
        }
        DipSwitches dips;
        try {
            dips = DipSwitches.parse(dip);
        } catch (IllegalArgumentException e) {
            throw new CliException("--dip: " + e.getMessage());
        }
        InputLog log = Main.inputLog(input);
        if (png != null) {
            Path parent = png.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new CliException("--png: no such directory: " + parent);
            }
        }
        RomSet rom = demo ? demoRom() : RomSet.load(roms);
        if (!demo) { // the demo is the project's own program: its hash is not Taito's, and that is no news
            for (String w : rom.warnings()) {
                err.println("warning: " + w);
            }
        }

        InvadersMachine machine = InvadersMachine.create(rom.image(), dips);
        machine.setInputLog(log);
        long t0 = System.nanoTime();
        for (long f = 0; f < frames; f++) {
            machine.runFrame();
        }
        long elapsed = System.nanoTime() - t0;

        if (png != null) {
            try {
                Video.writePng(machine.board(), overlay, png);
            } catch (IOException e) {
                throw new CliException("--png: cannot write " + png + ": " + e.getMessage());
            }
        }
        err.println(summary(machine.frame(), machine.cycles(), elapsed, machine.stateHash()));
        return 0;
    }

    static RomSet demoRom() throws RomException {
        byte[] image = Programs.demo().orElseThrow(() -> new CliException(DEMO_NOT_BUILT));
        return RomSet.fromImage(image, "the demo game");
    }

    /** {@code frames=<n> cycles=<n> seconds=<s> fps=<f> mhz=<m> hash=<h>}. */
    static String summary(long frames, long cycles, long nanos, String hash) {
        double seconds = Math.max(nanos, 1) / 1e9;
        return String.format(Locale.ROOT, "frames=%d cycles=%d seconds=%.3f fps=%.1f mhz=%.2f hash=%s",
                frames, cycles, seconds, frames / seconds, cycles / seconds / 1e6, hash);
    }
}
