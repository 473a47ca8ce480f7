package dev.invaders.cpu.route;

import dev.invaders.cpu.CpuProperties;
import dev.invaders.cpu.http.KeepAliveClient;
import dev.invaders.cpu.http.Wire;
import dev.invaders.service.InternalToken;
import dev.invaders.service.ServiceVersion;

import dev.invaders.i8080.Family;
import dev.invaders.i8080.OpcodeTable;
import dev.invaders.wire.ExecuteJson;
import dev.invaders.i8080.exec.ExecuteRequest;
import dev.invaders.i8080.exec.Execution;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Executes one instruction where the routing table says: in process ({@code local}) or by
 * {@code POST <route>/api/v1/execute} on the opcode service that serves its family.
 *
 * <p>Execute is a pure function of the request, so a failed call is simply sent again: connection
 * errors, timeouts, 5xx, 408 and 429 are retried with exponential backoff ({@code retry-backoff},
 * doubling to {@code retry-max-backoff}) up to {@code max-attempts} and the {@code call-deadline}. A 400
 * is retried once: an opcode service that is shutting down can refuse a request its closing connection
 * cut short as not valid HTTP (seen when a service stopped in the middle of a strict run); a second 400
 * means the request itself is wrong. Any other 4xx is a bug or a misconfiguration (421: the route serves
 * another family) and fails at once.
 * Calls go over pooled HTTP/1.1 keep-alive connections ({@link KeepAliveClient}, per route, shared by the
 * sessions), with bodies written and read by {@link ExecuteJson}; the same clients probe the versions. Each call is timed per family
 * ({@code invaders_opcode_calls_seconds}, a histogram, with outcome {@code ok} or {@code error}) on the fixed
 * {@link #CALL_BUCKETS} (Micrometer's default histogram would be 69 buckets for each of the 108 timers).
 *
 * <p>Each remote route's version is what its last answer said (the {@code version} member) or what the
 * periodic probe read from the {@code Invaders-Service-Version} header; the cache keys results by it.
 */
@Component
public class OpcodeRouter implements DisposableBean {

    /** Upper bounds of the call histogram's buckets: a loopback call takes 30-100 us, a call times out at 2 s. */
    public static final Duration[] CALL_BUCKETS = {
        Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(200_000), Duration.ofNanos(500_000),
        Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(20),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2)};
    private static final Logger log = LoggerFactory.getLogger(OpcodeRouter.class);

    private final CpuProperties props;
    /** This build's version: the version of the i8080 library inside this process. */
    private final String buildVersion;
    private final String localVersion;
    private final Map<Family, Route> byFamily = new EnumMap<>(Family.class);
    /** Each opcode's route, by opcode: what the cached mode asks for a version on every instruction. */
    private final Route[] byOpcode = new Route[256];
    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final Map<Family, Timer> ok = new EnumMap<>(Family.class);
    private final Map<Family, Timer> failed = new EnumMap<>(Family.class);
    private final Thread prober;

    /** One target: local, or an opcode service's base URL and the version it last reported. */
    static final class Route {
        final String target;
        final URI execute;
        final KeepAliveClient client;
        volatile String version;

        Route(String target, String localVersion, int timeoutMillis, String authorization) {
            this.target = target;
            boolean local = CpuProperties.LOCAL.equals(target);
            this.execute = local ? null : URI.create(target + "/api/v1/execute");
            this.client = local ? null : new KeepAliveClient(execute, timeoutMillis, authorization);
            this.version = local ? localVersion : null;
        }

        boolean local() {
            return execute == null;
        }
    }

    public OpcodeRouter(CpuProperties props, ServiceVersion version, MeterRegistry registry, InternalToken token) {
        this.props = props;
        this.buildVersion = version.get();
        this.localVersion = "local-" + version.get();
        Map<String, Route> byTarget = new ConcurrentHashMap<>();
        for (Family f : Family.values()) {
            String target = props.routeOf(f);
            Route r = byTarget.computeIfAbsent(target, t -> new Route(t, localVersion,
                    (int) Math.min(Integer.MAX_VALUE, props.callTimeout().toMillis()), token.header()));
            byFamily.put(f, r);
            routes.putIfAbsent(target, r);
            ok.put(f, timer(registry, f, "ok"));
            failed.put(f, timer(registry, f, "error"));
        }
        for (int op = 0; op < 256; op++) {
            byOpcode[op] = byFamily.get(OpcodeTable.get(op).family());
        }
        log.info("opcode routes: {}", describe());
        Duration every = props.versionCheckInterval();
        if (!every.isZero() && routes.values().stream().anyMatch(r -> !r.local())) {
            prober = Thread.ofVirtual().name("opcode-version-probe").start(() -> probeLoop(every));
        } else {
            prober = null;
        }
    }

    private static Timer timer(MeterRegistry registry, Family f, String outcome) {
        return Timer.builder("invaders.opcode.calls")
                .description("Calls to the opcode services (each attempt), by family and outcome")
                .tag("family", f.serviceName()).tag("outcome", outcome)
                .serviceLevelObjectives(CALL_BUCKETS)
                .register(registry);
    }

    /** Family to target, for the log and the service's info. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        byFamily.forEach((f, r) -> out.put(f.serviceName(), r.target));
        return out;
    }

    /** The version whose results are valid for this opcode now; null when a remote route has not answered yet. */
    public String versionOf(int opcode) {
        return byOpcode[opcode].version;
    }

    /** Executes through the opcode's route; throws when the route refuses or the deadline passes. */
    public Wire.Answer execute(ExecuteRequest request) throws InterruptedException {
        Family family = OpcodeTable.get(request.opcode()).family();
        Route route = byFamily.get(family);
        if (route.local()) {
            return new Wire.Answer(Execution.execute(request), localVersion);
        }
        byte[] bodyBytes = ExecuteJson.request(request);
        long start = System.nanoTime();
        long deadline = start + props.callDeadline().toNanos();
        long backoff = props.retryBackoff().toNanos();
        String last = null;
        Throwable lastError = null;
        boolean refusedOnce = false;
        for (int attempt = 1; ; attempt++) {
            long callStart = System.nanoTime();
            try {
                KeepAliveClient.Response response = route.client.post(bodyBytes);
                int status = response.status();
                if (status == 200) {
                    ExecuteJson.Answer read = ExecuteJson.readAnswer(request.opcode(), response.body());
                    Wire.Answer answer = new Wire.Answer(read.result(), read.version() == null ? "unknown"
                            : read.version());
                    ok.get(family).record(System.nanoTime() - callStart, java.util.concurrent.TimeUnit.NANOSECONDS);
                    noteVersion(route, answer.version());
                    return answer;
                }
                failed.get(family).record(System.nanoTime() - callStart, java.util.concurrent.TimeUnit.NANOSECONDS);
                last = "HTTP " + status + " " + excerpt(response.body());
                lastError = null;
                boolean retry = status >= 500 || status == 408 || status == 429 || (status == 400 && !refusedOnce);
                refusedOnce |= status == 400;
                if (!retry) {
                    throw new OpcodeCallException(String.format("%s refused opcode 0x%02X (%s): %s", route.target,
                            request.opcode(), family.serviceName(), last));
                }
            } catch (IOException e) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("stopped during an opcode call");
                }
                failed.get(family).record(System.nanoTime() - callStart, java.util.concurrent.TimeUnit.NANOSECONDS);
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                lastError = e;
            } catch (IllegalArgumentException e) {
                throw new OpcodeCallException(route.target + " answered opcode " + request.opcode()
                        + " with a body that is not an execute result: " + e.getMessage(), e);
            }
            long now = System.nanoTime();
            if (attempt >= props.maxAttempts() || now + backoff >= deadline) {
                throw new OpcodeCallException(String.format("no answer from %s for opcode 0x%02X (%s) after %d"
                                + " attempts in %d ms; last: %s", route.target, request.opcode(), family.serviceName(),
                        attempt, (now - start) / 1_000_000, last), lastError);
            }
            if (attempt == 1) {
                log.warn("retrying opcode call to {}: {}", route.target, last);
            }
            Thread.sleep(Duration.ofNanos(backoff));
            backoff = Math.min(backoff * 2, props.retryMaxBackoff().toNanos());
        }
    }

    /**
     * The answer the opcode's route would give, computed here when that route is known to run this build's
     * version: results are a pure function of the request, and a version names one build of the i8080
     * library, so this process's copy gives the same bytes the service would, stamped with the same version.
     * A route of another version (an opcode service being upgraded) or of a version not known yet is called
     * as {@link #execute} does; its answer then tells its version. What the cache warm-up uses to fill the
     * cache in seconds instead of a call per new result; sessions always call ({@link #execute}).
     */
    public Wire.Answer executeAhead(ExecuteRequest request) throws InterruptedException {
        Route route = byOpcode[request.opcode()];
        String version = route.version;
        if (route.local()) {
            return new Wire.Answer(Execution.execute(request), localVersion);
        }
        if (version != null && version.equals(buildVersion) && !"unknown".equals(version)) {
            return new Wire.Answer(Execution.execute(request), version);
        }
        return execute(request);
    }

    private void noteVersion(Route route, String version) {
        String before = route.version;
        if (!version.equals(before)) {
            route.version = version;
            if (before != null) {
                log.info("opcode route {} now answers with version {} (was {}): cached results of {} are stale",
                        route.target, version, before, before);
            }
        }
    }

    /** Reads each remote route's version header now and then, so the cache learns of a new version even
     *  when every instruction hits. */
    private void probeLoop(Duration every) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            for (Route r : routes.values()) {
                if (r.local()) {
                    continue;
                }
                try {
                    String base = URI.create(r.target).getRawPath();
                    KeepAliveClient.Response response = r.client.send("GET",
                            (base == null ? "" : base) + "/actuator/health/readiness", null);
                    if (response.version() != null) {
                        noteVersion(r, response.version());
                    }
                } catch (IOException e) {
                    log.debug("version probe of {} failed: {}", r.target, e.toString());
                }
            }
        }
    }

    private static String excerpt(byte[] body) {
        String s = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Override
    public void destroy() {
        if (prober != null) {
            prober.interrupt();
        }
        routes.values().stream().filter(r -> !r.local()).forEach(r -> r.client.close());
    }
}
