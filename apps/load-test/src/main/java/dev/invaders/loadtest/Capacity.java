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

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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

    /** One measurement: calls, errors and each call's latency in nanoseconds. */
    record Step(long calls, long errors, double seconds, long[] latencies) {
    }

    /** {@code callers} virtual threads calling execute as fast as answered for {@code seconds}. */
    static Step load(HttpClient http, URI execute, String token, List<byte[]> bodies, int callers, double seconds)
            throws InterruptedException {
        return load(http, List.of(execute), token, bodies, callers, seconds);
    }

    /** As above, each call to the next of {@code targets} in turn (round robin per call). */
    static Step load(HttpClient http, List<URI> targets, String token, List<byte[]> bodies, int callers, double seconds)
            throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        List<long[]> lat = new ArrayList<>();
        long[] counts = new long[callers];
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            long[] mine = new long[1 << 16];
            lat.add(mine);
            int id = c;
            threads.add(Thread.ofVirtual().start(() -> {
                long[] buf = mine;
                int n = 0;
                int i = (int) ((long) id * bodies.size() / callers);
                while (System.nanoTime() < end) {
                    byte[] body = bodies.get(i++ % bodies.size());
                    HttpRequest req = HttpRequest.newBuilder(targets.get((n + id) % targets.size())).timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        if (r.statusCode() != 200) errors.incrementAndGet();
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
                    buf[n++] = System.nanoTime() - t0;
                }
                lat.set(id, Arrays.copyOf(buf, n));
                counts[id] = n;
            }));
        }
        for (Thread t : threads) t.join();
        double took = (System.nanoTime() - start) / 1e9;
        long total = 0;
        for (long n : counts) total += n;
        long[] all = new long[(int) total];
        int k = 0;
        for (long[] l : lat) {
            System.arraycopy(l, 0, all, k, l.length);
            k += l.length;
        }
        Arrays.sort(all);
        return new Step(total, errors.get(), took, all);
    }

    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
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
        List<Instance> instances = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread cleanup = new Thread(() -> instances.forEach(Instance::kill));
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            Files.createDirectories(o.out());
            String input = Files.readString(Main.root().resolve("apps/invaders/examples/demo-game.input"));
            out.printf("tracing %d frames of the demo game for its execute requests ...%n", o.frames());
            Trace trace = trace(input, o.frames(), KEEP);
            out.printf("  %,d calls (%.0f a frame), %d sampled request bodies%n", trace.calls(),
                    trace.calls() / (double) trace.frames(), trace.bodies().size());

            byte[] raw = new byte[32];
            new java.security.SecureRandom().nextBytes(raw);
            String token = java.util.HexFormat.of().formatHex(raw);
            String jvm = jvmOptions(Main.root());
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
            Instance first = Instance.start(cgroup, 1.0, jar, jvm, token, o.out().resolve("opcode-service.log"), instances);
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
            Step warm = load(http, execute, token, trace.bodies(), 4, 10);
            if (warm.calls() == 0 || warm.errors() > warm.calls() / 100) {
                err.println("error: the warm-up failed: " + warm.errors() + " errors in " + warm.calls() + " calls; see "
                        + o.out().resolve("opcode-service.log"));
                return 2;
            }
            List<Map<String, Object>> results = new ArrayList<>();
            out.println("quota CPUs | callers | calls/s | p50 ms | p99 ms | CPU us/call | throttled % | errors");
            for (double q : o.quotas()) {
                setQuota(cgroup, q);
                for (int c : o.concurrency()) {
                    load(http, execute, token, trace.bodies(), c, 1); // settle at this quota and concurrency
                    long cpu0 = cpuNanos(service);
                    long[] thr0 = throttled(cgroup);
                    Step s = load(http, execute, token, trace.bodies(), c, o.seconds());
                    long cpu1 = cpuNanos(service);
                    long[] thr1 = throttled(cgroup);
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
            tr.put("source", "the demo game with apps/invaders/examples/demo-game.input, run in process; each instruction "
                    + "and accepted interrupt is one strict-mode execute call");
            report.put("trace", tr);
            report.put("families", families(trace));
            report.put("results", results);
            if (report.containsKey("scaleOut")) report.put("scaleOut", report.remove("scaleOut"));
            List<String> files = write(o.out(), report);
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
            for (Instance i : instances) {
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

    /** One opcode-service JVM in a cgroup of its own. */
    record Instance(Process process, Path cgroup, int port) {
        static Instance start(Path cgroup, double quota, Path jar, String jvm, String token, Path log, List<Instance> all)
                throws IOException {
            Files.createDirectories(cgroup);
            Files.writeString(cgroup.resolve("cpu.cfs_period_us"), Integer.toString(PERIOD_US));
            setQuota(cgroup, quota);
            int port = Main.freePorts();
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && shift && exec \"$@\"",
                    cgroup.resolve("cgroup.procs").toString(), "placeholder",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            if (!jvm.isEmpty()) cmd.addAll(List.of(jvm.split("\\s+")));
            cmd.addAll(List.of("-jar", jar.toString(), "--server.address=127.0.0.1", "--server.port=" + port,
                    "--invaders.opcode.families=all"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("INVADERS_INTERNAL_TOKEN", token);
            pb.environment().remove("INVADERS_INTERNAL_TOKEN_FILE");
            Instance i = new Instance(pb.start(), cgroup, port);
            all.add(i);
            return i;
        }

        URI execute() {
            return URI.create("http://127.0.0.1:" + port + "/api/v1/execute");
        }

        /** Waits (at most 120 s) for readiness UP. */
        boolean ready(HttpClient http) throws InterruptedException {
            URI ready = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (process.isAlive() && System.nanoTime() < until) {
                try {
                    if (http.send(HttpRequest.newBuilder(ready).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return true;
                    }
                } catch (IOException e) {
                    // starting
                }
                Thread.sleep(200);
            }
            return false;
        }

        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
                Files.deleteIfExists(cgroup);
            } catch (Exception e) {
                // best effort at exit
            }
        }

        /** Stops it (SIGTERM, then SIGKILL) and removes its cgroup; what could not be removed, or null. */
        String stop() {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                Files.deleteIfExists(cgroup);
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while stopping pid " + process.pid();
            } catch (IOException e) {
                return "could not remove " + cgroup + ": " + e.getMessage();
            }
        }
    }

    /**
     * The busiest family's requests at 16 callers against 1, 2, ... instances of 1 CPU each (more are started as
     * needed), round robin per call: throughput against instances.
     */
    static List<Map<String, Object>> scaleOut(Opts o, Trace trace, Path cgroup, Path jar, String jvm, String token,
                                              HttpClient http, List<Instance> instances, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        String family = families(trace).getFirst().get("family").toString();
        List<byte[]> bodies = new ArrayList<>();
        for (byte[] b : trace.bodies()) {
            ExecuteRequest r = ExecuteJson.readRequest(b, b.length);
            if (OpcodeTable.get(r.opcode()).family().serviceName().equals(family)) bodies.add(b);
        }
        setQuota(instances.getFirst().cgroup(), 1.0);
        int want = o.scaleOut().stream().mapToInt(Integer::intValue).max().orElse(1);
        for (int k = instances.size(); k < want; k++) {
            Instance i = Instance.start(Path.of(cgroup + "-" + k), 1.0, jar, jvm, token,
                    o.out().resolve("opcode-service-" + k + ".log"), instances);
            if (!i.ready(http)) throw new IOException("opcode service " + k + " did not get ready in 120 s");
            load(http, i.execute(), token, bodies, 4, 5); // its warm-up
        }
        out.printf("scale-out: family %s (%d request bodies), 16 callers, 1 CPU per instance%n", family, bodies.size());
        out.println("instances | calls/s | p50 ms | p99 ms | errors");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int n : o.scaleOut()) {
            List<URI> targets = instances.subList(0, n).stream().map(Instance::execute).toList();
            load(http, targets, token, bodies, 16, 1);
            Step s = load(http, targets, token, bodies, 16, o.seconds());
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

    private static void setQuota(Path cgroup, double cpus) throws IOException {
        Files.writeString(cgroup.resolve("cpu.cfs_quota_us"), Long.toString(Math.round(cpus * PERIOD_US)));
    }

    /** The process's CPU time (user + system) in nanoseconds, or -1. */
    private static long cpuNanos(Process p) {
        return p.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** cpu.stat's nr_periods and nr_throttled. */
    private static long[] throttled(Path cgroup) {
        long[] r = {0, 0};
        try {
            for (String line : Files.readAllLines(cgroup.resolve("cpu.stat"))) {
                String[] kv = line.split(" ");
                if (kv[0].equals("nr_periods")) r[0] = Long.parseLong(kv[1]);
                if (kv[0].equals("nr_throttled")) r[1] = Long.parseLong(kv[1]);
            }
        } catch (IOException | RuntimeException e) {
            // not available: 0
        }
        return r;
    }

    @SuppressWarnings("unchecked")
    static List<String> write(Path dir, Map<String, Object> report) throws IOException {
        Files.writeString(dir.resolve("capacity.json"), Json.write(report) + "\n");
        List<Map<String, Object>> results = (List<Map<String, Object>>) report.get("results");
        List<Double> quotas = results.stream().map(r -> ((Number) r.get("quotaCpus")).doubleValue()).distinct().toList();
        List<Charts.Series> tput = new ArrayList<>();
        List<Charts.Series> p99 = new ArrayList<>();
        for (double q : quotas) {
            List<double[]> a = new ArrayList<>();
            List<double[]> b = new ArrayList<>();
            for (Map<String, Object> r : results) {
                if (((Number) r.get("quotaCpus")).doubleValue() != q) continue;
                double c = ((Number) r.get("concurrency")).doubleValue();
                a.add(new double[]{c, ((Number) r.get("callsPerSecond")).doubleValue()});
                b.add(new double[]{c, ((Number) r.get("p99ms")).doubleValue()});
            }
            tput.add(new Charts.Series(q + " CPU", a));
            p99.add(new Charts.Series(q + " CPU", b));
        }
        Map<String, byte[]> charts = new LinkedHashMap<>();
        charts.put("capacity-throughput.png", Charts.lines("execute calls a second, one opcode service, by CPU quota",
                "concurrent callers", "calls/s", tput, Double.NaN, ""));
        charts.put("capacity-p99.png", Charts.lines("p99 latency of execute calls, by CPU quota", "concurrent callers", "ms",
                p99, Double.NaN, ""));
        List<Map<String, Object>> fams = (List<Map<String, Object>>) report.get("families");
        List<String> names = fams.stream().limit(16).map(f -> (String) f.get("family")).toList();
        Map<String, double[]> v = new LinkedHashMap<>();
        v.put("calls/s per real-time strict session", fams.stream().limit(16)
                .mapToDouble(f -> ((Number) f.get("callsPerSecondRealtime")).doubleValue()).toArray());
        charts.put("capacity-families.png", Charts.bars("execute calls per family, one real-time demo game (busiest 16)",
                "calls/s", names, List.of("calls/s per real-time strict session"), v));
        List<Map<String, Object>> scale = (List<Map<String, Object>>) report.get("scaleOut");
        if (scale != null && !scale.isEmpty()) {
            List<double[]> pts = new ArrayList<>();
            for (Map<String, Object> r : scale) {
                pts.add(new double[]{((Number) r.get("instances")).doubleValue(), ((Number) r.get("callsPerSecond")).doubleValue()});
            }
            charts.put("capacity-scale-out.png", Charts.lines("family " + scale.getFirst().get("family")
                    + ": calls/s against instances (1 CPU each, 16 callers)", "instances", "calls/s",
                    List.of(new Charts.Series("calls/s", pts)), Double.NaN, ""));
        }
        List<String> files = new ArrayList<>(List.of("capacity.json", "capacity.html"));
        for (var e : charts.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
            files.add(e.getKey());
        }
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Opcode service capacity"
                + "</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:2px 8px;text-align:right}</style></head><body><h1>One opcode service's capacity under a CPU quota</h1>");
        h.append("<p>").append(esc(Json.write(report.get("run")))).append("</p>");
        h.append("<table><tr><th>quota CPUs</th><th>callers</th><th>calls/s</th><th>p50 ms</th><th>p99 ms</th>"
                + "<th>CPU &micro;s/call</th><th>throttled periods</th><th>errors</th></tr>");
        for (Map<String, Object> r : results) {
            h.append(String.format("<tr><td>%.2f</td><td>%d</td><td>%,.0f</td><td>%.2f</td><td>%.2f</td><td>%.0f</td><td>%.0f%%</td><td>%d</td></tr>",
                    ((Number) r.get("quotaCpus")).doubleValue(), ((Number) r.get("concurrency")).intValue(),
                    ((Number) r.get("callsPerSecond")).doubleValue(), ((Number) r.get("p50ms")).doubleValue(),
                    ((Number) r.get("p99ms")).doubleValue(), ((Number) r.get("cpuMicrosPerCall")).doubleValue(),
                    100 * ((Number) r.get("throttledPeriodsShare")).doubleValue(), ((Number) r.get("errors")).longValue()));
        }
        h.append("</table><h2>Calls per family (demo game)</h2><table><tr><th>family</th><th>share</th><th>calls/frame</th>"
                + "<th>calls/s, one real-time strict session</th></tr>");
        for (Map<String, Object> f : fams) {
            h.append(String.format("<tr><td>%s</td><td>%.2f%%</td><td>%.1f</td><td>%,.0f</td></tr>", esc(f.get("family")),
                    100 * ((Number) f.get("share")).doubleValue(), ((Number) f.get("callsPerFrame")).doubleValue(),
                    ((Number) f.get("callsPerSecondRealtime")).doubleValue()));
        }
        h.append("</table>");
        if (scale != null && !scale.isEmpty()) {
            h.append("<h2>Scale-out</h2><table><tr><th>instances</th><th>calls/s</th><th>p50 ms</th><th>p99 ms</th><th>errors</th></tr>");
            for (Map<String, Object> r : scale) {
                h.append(String.format("<tr><td>%d</td><td>%,.0f</td><td>%.2f</td><td>%.2f</td><td>%d</td></tr>",
                        ((Number) r.get("instances")).intValue(), ((Number) r.get("callsPerSecond")).doubleValue(),
                        ((Number) r.get("p50ms")).doubleValue(), ((Number) r.get("p99ms")).doubleValue(),
                        ((Number) r.get("errors")).longValue()));
            }
            h.append("</table>");
        }
        for (var e : charts.entrySet()) {
            h.append("<p><img alt=\"").append(e.getKey()).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(e.getValue())).append("\"></p>");
        }
        h.append("</body></html>\n");
        Files.writeString(dir.resolve("capacity.html"), h.toString(), StandardCharsets.UTF_8);
        return files;
    }

    private static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
