package dev.invaders.testsupport;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.Supplier;

/**
 * Coverage-guided fuzzing of a service's endpoints with Jazzer, run by {@code .ci/fuzz} for a bounded time (not
 * part of {@code ./mvnw verify}, which only compiles the targets). This class is Jazzer's target
 * ({@code --target_class}); {@code -Dinvaders.fuzz.target} names the service's {@code FuzzTarget}, which starts the
 * service as its {@code FuzzTest} does and makes its {@link Target}. Each fuzzer input is one check: a request built
 * by the same {@link FuzzRequests} generators, with every choice read from the input ({@link FuzzedRandom}), sent
 * over a raw socket and judged by {@link HttpFuzz#check} (no 5xx, no HTML, no stack trace). A failure is Jazzer's
 * finding: it stops, saves the input and prints the request.
 */
public final class FuzzTargets {
    /** Every this many inputs: the service's health, and the target's tidy-up (sessions deleted). */
    static final int CHECK_EVERY = 100;
    /** The system property naming the service's target: a class that starts the service and makes its Target. */
    public static final String TARGET = "invaders.fuzz.target";

    private static Target target;

    private FuzzTargets() {
    }

    /**
     * Jazzer's set-up, once: connections to loopback addresses only, then the service's target as {@value #TARGET}
     * names it (a public class with a public no-argument constructor, a {@code Supplier} of its {@link Target}).
     */
    @SuppressWarnings("unchecked")
    public static void fuzzerInitialize() {
        loopbackOnly();
        String name = System.getProperty(TARGET);
        if (name == null) {
            throw new IllegalStateException("-D" + TARGET + "=<a service's FuzzTarget class> is not set");
        }
        try {
            target = ((Supplier<Target>) Class.forName(name).getDeclaredConstructor().newInstance()).get();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("-D" + TARGET + "=" + name + ": not a target: " + e, e);
        }
    }

    /** One fuzzer input, to the service's target. */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) throws Exception {
        target.run(data);
    }

    /**
     * Before the service starts: the fuzzer's network check (its server-side request forgery detector) lets
     * connections to loopback addresses through and reports any other, so a service that a request could make
     * call out is a finding.
     */
    private static void loopbackOnly() {
        BugDetectors.allowNetworkConnections((host, port) -> loopback(host));
    }

    static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A target of these requests to the service on this port; {@code tidy} runs between inputs. */
    public static Target requests(Gen<FuzzRequests.Request> requests, int port, Step tidy) {
        return new Target(requests.<Step>map(r -> () -> r.sendAndCheck(port)), port, tidy);
    }

    /**
     * One service's inputs: each one check (a request, a stream, a WebSocket's first message) built from the
     * fuzzer's input and run; every {@value #CHECK_EVERY} inputs the service on {@code port} must answer its health
     * check, and {@code tidy} runs (so that sessions the requests created do not fill the service up and leave the
     * fuzzer with 429s).
     */
    public static final class Target {
        private final Gen<? extends Step> checks;
        private final int port;
        private final Step tidy;
        private long inputs;

        public Target(Gen<? extends Step> checks, int port, Step tidy) {
            this.checks = checks;
            this.port = port;
            this.tidy = tidy;
        }

        /** One fuzzer input. */
        public void run(FuzzedDataProvider data) throws Exception {
            checks.next(new FuzzedRandom(data)).run();
            if (++inputs % CHECK_EVERY == 0) {
                HttpFuzz.healthy(port, "/actuator/health");
                tidy.run();
            }
        }
    }

    /**
     * Deletes every session this service lists ({@code GET /api/v1/sessions}) but {@code keep}: the fuzz tests'
     * and targets' tidy-up.
     */
    public static void deleteSessionsBut(Http api, String keep) {
        api.get("/api/v1/sessions").json().get("sessions").forEach(s -> {
            String id = s.get("id").asString();
            if (!id.equals(keep)) {
                api.delete("/api/v1/sessions/" + id);
            }
        });
    }

    /** A check of one input, or a target's tidy-up between inputs. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }
}
