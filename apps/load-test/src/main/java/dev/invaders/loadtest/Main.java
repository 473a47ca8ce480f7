package dev.invaders.loadtest;

import dev.invaders.machine.Programs;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** {@code ./load-test}: see {@link Options#USAGE} and apps/load-test/README.md. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        AtomicReference<LoadTest> current = new AtomicReference<>();
        AtomicInteger code = new AtomicInteger(-1);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            if (code.get() >= 0) return; // a normal exit
            LoadTest lt = current.get();
            if (lt != null) {
                System.err.println("interrupted: stopping the sessions and writing the report ...");
                lt.stop();
            }
            try {
                done.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(code.get() == 1 ? 1 : 130);
        });
        Runtime.getRuntime().addShutdownHook(hook);
        int exit;
        try {
            exit = run(Arrays.asList(args), System.out, System.err, current);
        } finally {
            done.countDown();
        }
        code.set(exit);
        System.exit(exit);
    }

    static Path root() {
        String r = System.getProperty("invaders.root");
        return Path.of(r == null ? "." : r).toAbsolutePath().normalize();
    }

    /** The whole run; returns the exit code (0 good, 1 mismatch/failed/lost, 2 bad arguments or target). */
    public static int run(List<String> args, PrintStream out, PrintStream err, AtomicReference<LoadTest> current) {
        if (!args.isEmpty() && args.getFirst().equals("capacity")) {
            return Capacity.run(args.subList(1, args.size()), out, err);
        }
        if (args.contains("-h") || args.contains("--help")) {
            out.println(Options.USAGE);
            return 0;
        }
        Options o;
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        try {
            o = Options.parse(args, root(), System.getenv("INVADERS_CPU_TESTS"), stamp);
        } catch (Options.UsageException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        Process runLocal = null;
        try {
            if (Programs.demo().isEmpty() && !o.workload().equals("cpm")) {
                err.println("error: the demo ROM is not in this jar (build apps/machine: ./mvnw -q -B -DskipTests -pl apps/load-test -am package)");
                return 2;
            }
            Path input = root().resolve("apps/machine/examples/demo-game.input");
            if (!Files.isRegularFile(input)) {
                err.println("error: the demo game's input log " + input + " is missing (run from the repository or set -Dinvaders.root)");
                return 2;
            }
            String demoInput = Files.readString(input);
            Files.createDirectories(o.out());
            URI target = o.target();
            if (target == null) {
                int port = freePorts();
                out.println("starting ./run-local --port " + port + " (log: " + o.out().resolve("run-local.log") + ") ...");
                runLocal = startRunLocal(port, o.out().resolve("run-local.log"), err);
                if (runLocal == null) return 2;
                target = URI.create("http://127.0.0.1:" + port);
            }
            Api api = new Api(target);
            try {
                Api.Response r = api.get("/api/v1/sessions");
                if (!r.ok()) {
                    err.println("error: " + target + "/api/v1/sessions answered " + r.status() + "; is --target the public API?");
                    return 2;
                }
            } catch (IOException e) {
                err.println("error: " + target + " does not answer (" + e.getClass().getSimpleName() + "); is --target right?");
                return 2;
            }
            api.errors.set(0);
            LoadTest lt = new LoadTest(o, api, out, demoInput);
            current.set(lt);
            lt.loadPrograms();
            lt.notes.forEach(n -> out.println("note: " + n));
            if (o.workload().equals("cpm") && !lt.hasPrograms()) {
                err.println("error: --workload cpm and no CP/M test programs in " + o.cpuTests() + " (--cpu-tests DIR)");
                return 2;
            }
            boolean loopback = isLoopback(target);
            int uiPort = target.getPort() > 0 ? target.getPort() : 80;
            Chaos.LocalKiller local = loopback ? new Chaos.LocalKiller(target.getHost(), uiPort, api) : null;
            boolean isRunLocal = local != null && local.found();
            if (o.chaos()) {
                if (isRunLocal) {
                    lt.setKiller(local);
                } else {
                    Optional<String> why = Kube.unavailable();
                    if (why.isPresent()) {
                        err.println("error: --chaos needs ./run-local's processes on this machine (none serves port "
                                + (uiPort + 1) + ") or a cluster (" + why.get() + ")");
                        return 2;
                    }
                    List<String> opcodes = new ArrayList<>(Kube.replicas(Kube.run(Kube.deploymentsCommand()).orElse("{}"))
                            .keySet().stream().filter(n -> n.startsWith("opcode-")).toList());
                    if (opcodes.isEmpty()) opcodes.add("opcode-mov");
                    lt.setKiller(new Chaos.KubeKiller(Kube.NAMESPACE, opcodes, n -> lt.notes.add(n)));
                }
            }
            if (isRunLocal) {
                lt.replicasOmitted = "the target is ./run-local (processes on this machine, no Deployments)";
            } else {
                lt.replicasOmitted = Kube.unavailable().orElse(null);
            }
            URI metrics = o.metrics() != null ? o.metrics()
                    : loopback ? URI.create("http://" + target.getHost() + ":" + (uiPort + 1)) : null;
            String startScrape = null;
            if (metrics != null) {
                try {
                    startScrape = api.getText(URI.create(metrics + "/actuator/prometheus"));
                } catch (IOException e) {
                    lt.notes.add("no metrics scrape at the start from " + metrics + ": " + e.getMessage());
                }
            }
            if (lt.hasPrograms()) {
                out.println("local mode's hashes of the CP/M programs (one local-mode session each) ...");
                lt.referenceCpmHashes();
            }
            Map<String, Object> runInfo = new LinkedHashMap<>();
            runInfo.put("target", target.toString());
            runInfo.put("startedRunLocal", runLocal != null);
            runInfo.put("startedAt", Instant.now().toString());
            runInfo.put("cpus", Runtime.getRuntime().availableProcessors());
            runInfo.put("loadAverageStart", loadAverage());
            out.printf("load test: %d %s %s session(s) against %s, ramp %d s, duration %d s%s; report in %s%n",
                    o.sessions(), o.mode(), o.workload(), target, o.rampSeconds(), o.durationSeconds(),
                    o.chaos() ? ", chaos" : "", o.out());
            // AWT and ImageIO start lazily and register shutdown work; after Ctrl-C (the JVM shutting down)
            // that fails, so they draw one chart now and the report's charts still come out when interrupted.
            Charts.lines("warm-up", "", "", List.of(), Double.NaN, "");
            lt.run();
            runInfo.put("seconds", lt.now());
            runInfo.put("loadAverageEnd", loadAverage());
            runInfo.put("interrupted", lt.interrupted());
            if (metrics != null) lt.scrapeLatency(metrics, startScrape);
            else lt.latency = Map.of("omitted", "no metrics endpoint: the target is not on this machine; pass --metrics URL "
                    + "(fetch-execute's base URL, e.g. through kubectl port-forward)");
            Map<String, Object> report = Report.json(o, runInfo, lt.sessions(), lt.sessionsErrors(), lt.timeline,
                    lt.latency, lt.chaosEvents, lt.replicas, lt.replicasOmitted, lt.notes);
            List<String> files = Report.write(o.out(), report, lt.sessions());
            int exit = ((Number) report.get("exitCode")).intValue();
            out.printf("%d session(s): %s finished, %s failed, %s lost, %s hash mismatch(es), %s error(s); fps median %s, "
                            + "lowest 10 s window %s; %s instructions/s%n",
                    report.get("sessions"), report.get("finished"), report.get("failedSessions"), report.get("lostSessions"),
                    report.get("hashMismatches"), report.get("errors"),
                    fmt(((Map<?, ?>) report.get("fps")).get("medianOfSessionMedians")),
                    fmt(((Map<?, ?>) report.get("fps")).get("minWindow10s")), fmt(report.get("instructionsPerSecond")));
            out.println("report: " + o.out().resolve("report.html") + " (" + String.join(", ", files) + ")");
            if (exit != 0) err.println("load test FAILED: no session ran, a state hash differs from local mode's, or a session failed or was lost (see the report)");
            return exit;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("error: " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return 130;
        } finally {
            if (runLocal != null) stopRunLocal(runLocal, out);
        }
    }

    private static String fmt(Object o) {
        return o instanceof Number n && !Double.isNaN(n.doubleValue()) ? String.format("%,.1f", n.doubleValue()) : "-";
    }

    static boolean isLoopback(URI u) {
        try {
            return InetAddress.getByName(u.getHost()).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * A port P with P to P+6 free (./run-local uses up to PORT+6), below the kernel's ephemeral range: a port
     * the kernel hands out (what {@code new ServerSocket(0)} gives) can be taken by any outgoing connection
     * before ./run-local binds it, and once was (an opcode service found its port in use).
     */
    static int freePorts() throws IOException {
        int ephemeralLow = ephemeralLow();
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            int p;
            if (ephemeralLow > 10_007) {
                p = 10_000 + random.nextInt(ephemeralLow - 10_007);
            } else {
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    p = s.getLocalPort();
                }
            }
            if (p < 1024 || p > 65529) continue;
            boolean free = true;
            for (int k = 0; k <= 6 && free; k++) {
                try (ServerSocket s = new ServerSocket(p + k, 1, InetAddress.getLoopbackAddress())) {
                    free = true;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) return p;
        }
        throw new IOException("no 7 free ports in a row on 127.0.0.1");
    }

    /** The lowest port of the kernel's ephemeral range (Linux), or 0 when it cannot be read. */
    static int ephemeralLow() {
        try {
            String range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Starts ./run-local (in its own session, so Ctrl-C reaches only the load test) and waits until it runs. */
    static Process startRunLocal(int port, Path log, PrintStream err) throws IOException, InterruptedException {
        Path script = root().resolve("run-local");
        if (!Files.isExecutable(script)) {
            err.println("error: " + script + " not found; pass --target URL or run from the repository");
            return null;
        }
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) cmd.add("/usr/bin/setsid");
        cmd.addAll(List.of(script.toString(), "--port", Integer.toString(port)));
        Process p = new ProcessBuilder(cmd).directory(root().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < until) {
            if (Files.readString(log).contains("Invaders is running")) return p;
            if (!p.isAlive()) {
                err.println("error: ./run-local exited (code " + p.exitValue() + "); see " + log);
                return null;
            }
            Thread.sleep(500);
        }
        stopRunLocal(p, System.out);
        err.println("error: ./run-local was not running after 300 s; see " + log);
        return null;
    }

    static void stopRunLocal(Process p, PrintStream out) {
        out.println("stopping ./run-local ...");
        p.destroy(); // SIGTERM: run-local stops every process it started
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
