package dev.invaders.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One opcode-service JVM in a cgroup of its own. */
record QuotaInstance(Process process, Path cgroup, int port) {
    static QuotaInstance start(Path cgroup, double quota, Path jar, String jvm, String token, Path log,
                               List<QuotaInstance> all) throws IOException {
        Files.createDirectories(cgroup);
        Files.writeString(cgroup.resolve("cpu.cfs_period_us"), Integer.toString(Capacity.PERIOD_US));
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
        QuotaInstance i = new QuotaInstance(pb.start(), cgroup, port);
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

    static void setQuota(Path cgroup, double cpus) throws IOException {
        Files.writeString(cgroup.resolve("cpu.cfs_quota_us"), Long.toString(Math.round(cpus * Capacity.PERIOD_US)));
    }

    /** The process's CPU time (user + system) in nanoseconds, or -1. */
    static long cpuNanos(Process p) {
        return p.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** cpu.stat's nr_periods and nr_throttled. */
    static long[] throttled(Path cgroup) {
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
}
