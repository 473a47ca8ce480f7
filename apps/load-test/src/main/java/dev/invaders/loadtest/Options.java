package dev.invaders.loadtest;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code ./load-test}. {@link #parse} throws {@link UsageException} (one line, exit 2)
 * on anything it does not accept; the bounds are hard caps, so a run is always bounded in count and time.
 */
public record Options(URI target, int sessions, int rampSeconds, int durationSeconds, String mode, String workload,
                      boolean chaos, Path out, Path cpuTests, URI metrics, int chaosEverySeconds, int stallSeconds) {

    public static final int MAX_SESSIONS = 32;
    public static final int MAX_DURATION = 1800;
    public static final int MAX_RAMP = 600;
    public static final int DEFAULT_STALL = 60;
    public static final List<String> MODES = List.of("strict", "cached", "local");
    public static final List<String> WORKLOADS = List.of("demo", "cpm", "mixed");

    public static final String USAGE = """
            usage: ./load-test [--target URL] [--sessions N] [--ramp SECONDS] [--duration SECONDS]
                               [--mode strict|cached|local] [--workload demo|cpm|mixed] [--chaos]
                               [--out DIR] [--cpu-tests DIR] [--metrics URL] [--chaos-every SECONDS]
                               [--stall SECONDS]
              --target URL     the public API's base (e.g. http://127.0.0.1:8080); without it ./run-local is
                               started on a free port and stopped at the end
              --sessions N     concurrent sessions, 1 to 32 (default 4)
              --ramp S         seconds over which the sessions start, 0 to 600 (default 0)
              --duration S     seconds each session slot runs, 1 to 1800 (default 30)
              --mode M         strict, cached (default) or local
              --workload W     demo (default: the demo game, realtime, with its scripted input log), cpm (the
                               CP/M test programs TST8080 and 8080PRE) or mixed (half each)
              --chaos          kills services while the games run (./run-local: an opcode service every few
                               seconds, fetch-execute once, the memory bus once; a cluster: kubectl delete pod)
              --out DIR        where the report goes (default load-test-results/<UTC time stamp>)
              --cpu-tests DIR  the CP/M test programs (default $INVADERS_CPU_TESTS or ../shared/roms/cpu-tests)
              --metrics URL    fetch-execute's base URL for /actuator/prometheus (default: the target's port + 1
                               on 127.0.0.1, which is ./run-local's layout)
              --chaos-every S  seconds between opcode-service kills, 2 to 120 (default 6)
              --stall S        a session whose frame counter (a CP/M program's instruction counter) does not
                               advance for S seconds is lost, 2 to 3600 (default 60); a slow session that
                               keeps advancing is not
              ./load-test capacity --help: one opcode service's capacity under CPU quotas
            exit: 0 all sessions finished with local mode's state hash; 1 a mismatch, a failed or lost session;
                  2 bad arguments or the target could not be used""";

    /** Thrown for a bad command line: its message is the one line printed. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public static Options parse(List<String> args, Path root, String cpuTestsEnv, String now) throws UsageException {
        URI target = null;
        URI metrics = null;
        int sessions = 4;
        int ramp = 0;
        int duration = 30;
        int chaosEvery = 6;
        int stall = DEFAULT_STALL;
        String mode = "cached";
        String workload = "demo";
        boolean chaos = false;
        Path out = null;
        Path cpuTests = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            switch (a) {
                case "--chaos" -> {
                    if (value != null) throw new UsageException("--chaos takes no value");
                    chaos = true;
                }
                case "--target", "--sessions", "--ramp", "--duration", "--mode", "--workload", "--out", "--cpu-tests",
                     "--metrics", "--chaos-every", "--stall" -> {
                    if (value == null) {
                        if (i + 1 >= args.size()) throw new UsageException(a + " needs a value");
                        value = args.get(++i);
                    }
                    switch (a) {
                        case "--target" -> target = url(a, value);
                        case "--metrics" -> metrics = url(a, value);
                        case "--sessions" -> sessions = number(a, value, 1, MAX_SESSIONS);
                        case "--ramp" -> ramp = number(a, value, 0, MAX_RAMP);
                        case "--duration" -> duration = number(a, value, 1, MAX_DURATION);
                        case "--chaos-every" -> chaosEvery = number(a, value, 2, 120);
                        case "--stall" -> stall = number(a, value, 2, 3600);
                        case "--mode" -> mode = oneOf(a, value, MODES);
                        case "--workload" -> workload = oneOf(a, value, WORKLOADS);
                        case "--out" -> {
                            if (value.isBlank()) throw new UsageException("--out needs a folder");
                            out = Path.of(value);
                        }
                        case "--cpu-tests" -> {
                            if (value.isBlank()) throw new UsageException("--cpu-tests needs a folder");
                            cpuTests = Path.of(value);
                        }
                        default -> throw new IllegalStateException(a);
                    }
                }
                default -> throw new UsageException("unknown argument '" + args.get(i) + "' (--help lists them)");
            }
        }
        if (out == null) out = root.resolve("load-test-results").resolve(now);
        if (cpuTests == null) {
            cpuTests = cpuTestsEnv != null && !cpuTestsEnv.isBlank() ? Path.of(cpuTestsEnv)
                    : root.resolve("../shared/roms/cpu-tests").normalize();
        }
        return new Options(target, sessions, ramp, duration, mode, workload, chaos, out, cpuTests, metrics, chaosEvery, stall);
    }

    private static URI url(String flag, String value) throws UsageException {
        try {
            URI u = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new UsageException(flag + " needs an http(s) URL such as http://127.0.0.1:8080, not '" + value + "'");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new UsageException(flag + " needs an http(s) URL such as http://127.0.0.1:8080, not '" + value + "'");
        }
    }

    private static int number(String flag, String value, int min, int max) throws UsageException {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " needs a whole number, not '" + value + "'");
        }
        if (n < min || n > max) throw new UsageException(flag + " must be " + min + " to " + max + ", not " + n);
        return n;
    }

    private static String oneOf(String flag, String value, List<String> allowed) throws UsageException {
        if (!allowed.contains(value)) {
            throw new UsageException(flag + " takes " + String.join(", ", allowed) + ", not '" + value + "'");
        }
        return value;
    }
}
