package dev.invaders.loadtest;

import dev.invaders.i8080.Access;
import dev.invaders.i8080.Cpu;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.Opcode;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.i8080.Processor;
import dev.invaders.wire.ExecuteJson;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.machine.InputLog;
import dev.invaders.machine.InvadersBoard;
import dev.invaders.machine.InvadersMachine;
import dev.invaders.machine.Programs;

import static dev.invaders.loadtest.ExecuteLoad.load;
import static dev.invaders.loadtest.ExecuteLoad.percentileMs;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./load-test capacity}: one opcode-service JVM under a CPU quota (cgroup v1, {@code cpu.cfs_quota_us} /
 * {@code cpu.cfs_period_us}, what {@code docker run --cpus} sets), loaded with the execute requests of a demo
 * game (the bodies fetch-execute sends, recorded from the game run in process) by 1, 2, 4, ... concurrent
 * callers: calls a second, p50/p99 latency and CPU per call for each quota and concurrency. Also the calls
 * per opcode family of the demo game (what each family's Deployment must serve per real-time strict session).
 * Everything on 127.0.0.1; bounded: warm-up + quotas x concurrencies x (1 + seconds).
 */
public final class Capacity {
    static final String USAGE = """
            usage: ./load-test capacity [--quotas 0.25,0.5,1] [--concurrency 1,2,4,8,16] [--seconds 5]
                                        [--frames 600] [--out DIR] [--scale-out 1,2,4]
              --quotas Q,...       CPU quotas of the opcode service, in CPUs, 0.05 to 4 (cgroup v1 cpu.cfs_quota_us)
              --concurrency N,...  concurrent callers, 1 to 64
              --seconds S          measured seconds per quota and concurrency, 1 to 60 (default 5; 1 s more warm-up)
              --frames F           demo-game frames traced for the requests and the family mix, 60 to 3600 (default 600)
              --scale-out N,...    afterwards, N instances of 1 CPU each behind the callers (round robin per call,
                                   as a Service with Linkerd balances), the busiest family's requests only, 16 callers
              --out DIR            where capacity.json, capacity.html and the charts go
                                   (default load-test-results/capacity-<UTC time stamp>)
            needs root and the cgroup v1 cpu controller at /sys/fs/cgroup/cpu (exit 2 without them)""";

    static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup/cpu");
    static final int PERIOD_US = 100_000;
    static final int KEEP = 20_000;

    record Opts(List<Double> quotas, List<Integer> concurrency, int seconds, int frames, Path out, List<Integer> scaleOut) {
    }

    /** The requests of a traced demo game: a sample of bodies and the calls per family. */
    record Trace(List<byte[]> bodies, Map<String, Long> perFamily, long calls, long frames) {
    }

    private Capacity() {
    }

    static Opts parse(List<String> args, Path root, String stamp) throws Options.UsageException {
        List<Double> quotas = List.of(0.25, 0.5, 1.0);
        List<Integer> conc = List.of(1, 2, 4, 8, 16);
        int seconds = 5;
        int frames = 600;
        Path out = null;
        List<Integer> scaleOut = List.of();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                v = a.substring(eq + 1);
                a = a.substring(0, eq);
            }
            if (!List.of("--quotas", "--concurrency", "--seconds", "--frames", "--out", "--scale-out").contains(a)) {
                throw new Options.UsageException("unknown argument '" + args.get(i) + "' (capacity --help lists them)");
            }
            if (v == null) {
                if (i + 1 >= args.size()) throw new Options.UsageException(a + " needs a value");
                v = args.get(++i);
            }
            switch (a) {
                case "--quotas" -> {
                    List<Double> q = new ArrayList<>();
                    for (String s : v.split(",")) {
                        double d;
                        try {
                            d = Double.parseDouble(s.trim());
                        } catch (NumberFormatException e) {
                            throw new Options.UsageException("--quotas needs CPUs such as 0.25,0.5,1, not '" + v + "'");
                        }
                        if (!(d >= 0.05 && d <= 4)) throw new Options.UsageException("--quotas: each 0.05 to 4 CPUs, not " + s.trim());
                        q.add(d);
                    }
                    quotas = q;
                }
                case "--concurrency" -> {
                    List<Integer> c = new ArrayList<>();
                    for (String s : v.split(",")) c.add(number("--concurrency", s, 1, 64));
                    conc = c;
                }
                case "--scale-out" -> {
                    List<Integer> c = new ArrayList<>();
                    for (String x : v.split(",")) c.add(number("--scale-out", x, 1, 4));
                    scaleOut = c;
                }
                case "--seconds" -> seconds = number(a, v, 1, 60);
                case "--frames" -> frames = number(a, v, 60, 3600);
                default -> {
                    if (v.isBlank()) throw new Options.UsageException("--out needs a folder");
                    out = Path.of(v);
                }
            }
        }
        if (out == null) out = root.resolve("load-test-results").resolve("capacity-" + stamp);
        return new Opts(quotas, conc, seconds, frames, out, scaleOut);
    }

    private static int number(String flag, String value, int min, int max) throws Options.UsageException {
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new Options.UsageException(flag + " needs whole numbers, not '" + value + "'");
        }
        if (n < min || n > max) throw new Options.UsageException(flag + " must be " + min + " to " + max + ", not " + n);
        return n;
    }

    /**
     * Runs the demo game in process for {@code frames} frames with the scripted input log and records what
     * fetch-execute would send in strict mode for each instruction (interrupts' RSTs included): every call's
     * family, and every {@code stride}-th call's body (ExecuteJson, exactly fetch-execute's wire format).
     */
    static Trace trace(String inputLog, long frames, int keep) {
        byte[] rom = Programs.demo().orElseThrow(() -> new IllegalStateException("the demo ROM is not built"));
        InvadersBoard board = new InvadersBoard(rom);
        Cpu cpu = new Cpu(board, board);
        Map<String, Long> perFamily = new TreeMap<>();
        List<byte[]> bodies = new ArrayList<>();
        long[] calls = {0};
        int stride = 131; // a prime: does not fall in step with the game's loops
        Processor recording = new Processor() {
            private void record(ExecuteRequest r) {
                perFamily.merge(OpcodeTable.get(r.opcode()).family().serviceName(), 1L, Long::sum);
                if (calls[0]++ % stride == 0 && bodies.size() < keep) bodies.add(ExecuteJson.request(r));
            }

            @Override
            public int step() {
                CpuState s = cpu.state();
                if (!s.halted()) {
                    int pc = s.pc();
                    int opcode = board.read(pc);
                    Opcode op = OpcodeTable.get(opcode);
                    List<Integer> operands = switch (op.length()) {
                        case 1 -> List.of();
                        case 2 -> List.of(board.read((pc + 1) & 0xFFFF));
                        default -> List.of(board.read((pc + 1) & 0xFFFF), board.read((pc + 2) & 0xFFFF));
                    };
                    Integer port = op.reads().contains(Access.PORT) ? board.in(operands.getFirst()) & 0xFF : null;
                    record(ExecuteRequest.fromMemory(opcode, operands, s, board::read, port));
                }
                return cpu.step();
            }

            @Override
            public boolean interrupt(int opcode) {
                if (cpu.acceptsInterrupt()) {
                    CpuState s = cpu.state();
                    CpuState at = new CpuState(s.a(), s.b(), s.c(), s.d(), s.e(), s.h(), s.l(), s.sp(), (s.pc() - 1) & 0xFFFF,
                            s.flags(), false, false, s.cycles());
                    record(ExecuteRequest.fromMemory(opcode, List.of(), at, board::read, null));
                }
                return cpu.interrupt(opcode);
            }

            @Override
            public boolean acceptsInterrupt() {
                return cpu.acceptsInterrupt();
            }

            @Override
            public CpuState state() {
                return cpu.state();
            }

            @Override
            public void setState(CpuState state) {
                cpu.setState(state);
            }

            @Override
            public long cycles() {
                return cpu.cycles();
            }

            @Override
            public long instructions() {
                return cpu.instructions();
            }
        };
        InvadersMachine m = new InvadersMachine(board, recording);
        m.setInputLog(InputLog.parse(inputLog));
        m.runFrames(frames);
        return new Trace(bodies, perFamily, calls[0], frames);
    }

    /** The family mix: calls per frame and per second of a real-time session, busiest first. */
    static List<Map<String, Object>> families(Trace t) {
        List<Map<String, Object>> out = new ArrayList<>();
        t.perFamily().entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).forEach(e -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("family", e.getKey());
            f.put("calls", e.getValue());
            f.put("share", e.getValue() / (double) t.calls());
            f.put("callsPerFrame", e.getValue() / (double) t.frames());
            f.put("callsPerSecondRealtime", e.getValue() / (double) t.frames() * LoadTest.REALTIME_FPS);
            out.add(f);
        });
        return out;
    }

    static String jvmOptions(Path root) throws IOException {
        for (String line : Files.readAllLines(root.resolve("apps/jvm-options.properties"))) {
            if (line.startsWith("opcode-service=")) return line.substring("opcode-service=".length()).trim();
        }
        return "";
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("-h") || args.contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        Opts o;
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
        try {
            o = parse(args, Main.root(), stamp);
        } catch (Options.UsageException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Path jar = Main.root().resolve("apps/opcode-service/target/opcode-service.jar");
        if (!Files.isRegularFile(jar)) {
            err.println("error: " + jar + " is missing (./mvnw -q -B -DskipTests -pl apps/opcode-service -am package)");
            return 2;
        }
        if (!Files.isWritable(CGROUP_ROOT.resolve("cgroup.procs"))) {
            err.println("error: capacity needs root and the cgroup v1 cpu controller at " + CGROUP_ROOT + " (cpu.cfs_quota_us)");
            return 2;
        }
        Path cgroup = CGROUP_ROOT.resolve("invaders-capacity-" + ProcessHandle.current().pid());
        List<QuotaInstance> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread cleanup = new Thread(() -> instances.forEach(QuotaInstance::kill));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Files.createDirectories(o.out());
            String input = Files.readString(Main.root().resolve("apps/machine/examples/demo-game.input"));
            out.printf("tracing %d frames of the demo game for its execute requests ...%n", o.frames());
            Trace trace = trace(input, o.frames(), KEEP);
            out.printf("  %,d calls (%.0f a frame), %d sampled request bodies%n", trace.calls(),
                    trace.calls() / (double) trace.frames(), trace.bodies().size());

            byte[] raw = new byte[32];
            new java.security.SecureRandom().nextBytes(raw);
            String token = java.util.HexFormat.of().formatHex(raw);
            String jvm = jvmOptions(Main.root());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
            QuotaInstance first = QuotaInstance.start(cgroup, 1.0, jar, jvm, token, o.out().resolve("opcode-service.log"),
                    instances);
            Process service = first.process();
            if (!first.ready(http)) {
                err.println("error: the opcode service did not get ready in 120 s; see " + o.out().resolve("opcode-service.log"));
                return 2;
            }
            URI execute = first.execute();
            Map<String, Object> report0 = new LinkedHashMap<>();
            Map<String, Object> runInfo = new LinkedHashMap<>();
            runInfo.put("startedAt", Instant.now().toString());
            runInfo.put("cpus", Runtime.getRuntime().availableProcessors());
            runInfo.put("loadAverageStart", Main.loadAverage());
            runInfo.put("opcodeServiceJvmOptions", jvm);
            runInfo.put("families", "all (one opcode-service JVM serving every family, as ./run-local on 2 cores)");
            runInfo.put("quota", "cgroup v1 cpu.cfs_quota_us / cpu.cfs_period_us (" + PERIOD_US + " us), as docker run --cpus");
            runInfo.put("client", "this JVM on the same machine, HTTP/1.1 keep-alive, Authorization: Bearer, the sampled bodies in turn");
            out.println("warming the opcode service up (10 s, 4 callers, quota 1 CPU) ...");
            ExecuteLoad.Step warm = load(http, execute, token, trace.bodies(), 4, 10);
            if (warm.calls() == 0 || warm.errors() > warm.calls() / 100) {
                err.println("error: the warm-up failed: " + warm.errors() + " errors in " + warm.calls() + " calls; see "
                        + o.out().resolve("opcode-service.log"));
                return 2;
            }
            List<Map<String, Object>> results = new ArrayList<>();
            out.println("quota CPUs | callers | calls/s | p50 ms | p99 ms | CPU us/call | throttled % | errors");
            for (double q : o.quotas()) {
                QuotaInstance.setQuota(cgroup, q);
                for (int c : o.concurrency()) {
                    load(http, execute, token, trace.bodies(), c, 1); // settle at this quota and concurrency
                    long cpu0 = QuotaInstance.cpuNanos(service);
                    long[] thr0 = QuotaInstance.throttled(cgroup);
                    ExecuteLoad.Step s = load(http, execute, token, trace.bodies(), c, o.seconds());
                    long cpu1 = QuotaInstance.cpuNanos(service);
                    long[] thr1 = QuotaInstance.throttled(cgroup);
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("quotaCpus", q);
                    r.put("concurrency", c);
                    r.put("calls", s.calls());
                    r.put("seconds", s.seconds());
                    r.put("callsPerSecond", s.calls() / s.seconds());
                    r.put("p50ms", percentileMs(s.latencies(), 50));
                    r.put("p99ms", percentileMs(s.latencies(), 99));
                    r.put("errors", s.errors());
                    double cpuUs = s.calls() == 0 || cpu0 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e3 / s.calls();
                    r.put("cpuMicrosPerCall", cpuUs);
                    r.put("cpuUsedCpus", cpu0 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e9 / s.seconds());
                    double periods = thr1[0] - thr0[0];
                    r.put("throttledPeriodsShare", periods <= 0 ? 0.0 : (thr1[1] - thr0[1]) / periods);
                    results.add(r);
                    out.printf("%10.2f | %7d | %,7.0f | %6.2f | %6.2f | %11.0f | %11.0f | %d%n", q, c, s.calls() / s.seconds(),
                            percentileMs(s.latencies(), 50), percentileMs(s.latencies(), 99), cpuUs,
                            100 * (double) r.get("throttledPeriodsShare"), s.errors());
                }
            }
            if (!o.scaleOut().isEmpty()) {
                report0.put("scaleOut", scaleOut(o, trace, cgroup, jar, jvm, token, http, instances, out, err));
            }
            runInfo.put("loadAverageEnd", Main.loadAverage());
            Map<String, Object> report = report0;
            report.put("format", 1);
            report.put("kind", "capacity");
            report.put("run", runInfo);
            Map<String, Object> opt = new LinkedHashMap<>();
            opt.put("quotas", o.quotas());
            opt.put("concurrency", o.concurrency());
            opt.put("seconds", o.seconds());
            opt.put("frames", o.frames());
            report.put("options", opt);
            Map<String, Object> tr = new LinkedHashMap<>();
            tr.put("frames", trace.frames());
            tr.put("calls", trace.calls());
            tr.put("callsPerFrame", trace.calls() / (double) trace.frames());
            tr.put("callsPerSecondRealtime", trace.calls() / (double) trace.frames() * LoadTest.REALTIME_FPS);
            tr.put("sampledBodies", trace.bodies().size());
            tr.put("source", "the demo game with apps/machine/examples/demo-game.input, run in process; each instruction "
                    + "and accepted interrupt is one strict-mode execute call");
            report.put("trace", tr);
            report.put("families", families(trace));
            report.put("results", results);
            if (report.containsKey("scaleOut")) report.put("scaleOut", report.remove("scaleOut"));
            List<String> files = CapacityReport.write(o.out(), report);
            out.println("report: " + o.out().resolve("capacity.html") + " (" + String.join(", ", files) + ")");
            return 0;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 130;
        } finally {
            for (QuotaInstance i : instances) {
                String left = i.stop();
                if (left != null) err.println("warning: " + left);
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down
            }
        }
    }

    /**
     * The busiest family's requests at 16 callers against 1, 2, ... instances of 1 CPU each (more are started as
     * needed), round robin per call: throughput against instances.
     */
    static List<Map<String, Object>> scaleOut(Opts o, Trace trace, Path cgroup, Path jar, String jvm, String token,
                                              HttpClient http, List<QuotaInstance> instances, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        String family = families(trace).getFirst().get("family").toString();
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] b : trace.bodies()) {
            ExecuteRequest r = ExecuteJson.readRequest(b, b.length);
            if (OpcodeTable.get(r.opcode()).family().serviceName().equals(family)) bodies.add(b);
        }
        QuotaInstance.setQuota(instances.getFirst().cgroup(), 1.0);
        int want = o.scaleOut().stream().mapToInt(Integer::intValue).max().orElse(1);
        for (int k = instances.size(); k < want; k++) {
            QuotaInstance i = QuotaInstance.start(Path.of(cgroup + "-" + k), 1.0, jar, jvm, token,
                    o.out().resolve("opcode-service-" + k + ".log"), instances);
            if (!i.ready(http)) throw new IOException("opcode service " + k + " did not get ready in 120 s");
            load(http, i.execute(), token, bodies, 4, 5); // its warm-up
        }
        out.printf("scale-out: family %s (%d request bodies), 16 callers, 1 CPU per instance%n", family, bodies.size());
        out.println("instances | calls/s | p50 ms | p99 ms | errors");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n : o.scaleOut()) {
            List<URI> targets = instances.subList(0, n).stream().map(QuotaInstance::execute).toList();
            load(http, targets, token, bodies, 16, 1);
            ExecuteLoad.Step s = load(http, targets, token, bodies, 16, o.seconds());
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("family", family);
            r.put("instances", n);
            r.put("quotaCpusEach", 1.0);
            r.put("concurrency", 16);
            r.put("callsPerSecond", s.calls() / s.seconds());
            r.put("p50ms", percentileMs(s.latencies(), 50));
            r.put("p99ms", percentileMs(s.latencies(), 99));
            r.put("errors", s.errors());
            r.put("loadAverage", Main.loadAverage());
            rows.add(r);
            out.printf("%9d | %,7.0f | %6.2f | %6.2f | %d%n", n, s.calls() / s.seconds(), percentileMs(s.latencies(), 50),
                    percentileMs(s.latencies(), 99), s.errors());
        }
        return rows;
    }
}
