package dev.invaders.cpu;

import dev.invaders.cpu.cache.CacheWarmUp;
import dev.invaders.i8080.Family;
import dev.invaders.i8080.cpm.CpmMachine;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code invaders.cpu.*}: where each opcode family executes, how calls are retried, the cache, checkpoints
 * and the limits. Checked at startup: a bad value stops the start with a message naming it.
 *
 * @param routes                 family service name ({@code mov}, {@code call}, ...) or {@code default} to
 *                               {@code local} (in process) or an opcode service's base URL
 * @param callTimeout            one HTTP call's timeout
 * @param maxAttempts            attempts per instruction (the first call and its retries)
 * @param retryBackoff           the first retry's wait; each next one doubles, up to {@code retryMaxBackoff}
 * @param callDeadline           the most time one instruction may take, retries included
 * @param cacheMaxEntries        the cached mode's LRU size (results, shared by all sessions)
 * @param versionCheckInterval   how often the cached mode asks each remote route its version (0: never)
 * @param memoryBusUrl           the memory bus's base URL; empty: no checkpoints, nothing resumed
 * @param checkpointFrames       an Invaders session checkpoints every this many frames
 * @param checkpointInstructions a CP/M session checkpoints every this many instructions
 * @param maxSessions            sessions held at once (any status)
 * @param maxProgramSize         the largest CP/M program
 * @param maxRequestSize         the largest request body
 * @param defaultStopAfterFrames an Invaders session's frames when the request names none
 * @param maxStopAfterFrames     the most frames a request may ask for
 * @param maxInputLogSize        the largest input log text, given at creation or recorded (creation's changes
 *                               and the live ones, as down/up lines); checkpoints carry it, so with the memory
 *                               bus's default 256KB request limit it must stay below about 160KB
 * @param maxConsole             console bytes kept per CP/M session (later output is dropped)
 * @param maxInputQueue          live input changes waiting for a frame boundary, per session
 * @param maxStreamSubscribers   frames streams open at once per session
 * @param maxRomSize             the largest uploaded ROM (a zip or an 8 KiB image, decoded)
 * @param sessionThreads         what runs each session's loop: {@code platform} (the default: a strict
 *                               session blocks in a socket read once per instruction, and a virtual
 *                               thread's park and poller hand-offs made that 4 times slower) or
 *                               {@code virtual}
 * @param warmUpFrames           frames of each of the three demo games played in cached mode right after the
 *                               start, to fill the result cache and warm the JIT compilers before the first
 *                               player comes ({@link CacheWarmUp}); 0: none
 * @param checkpointInterval     a running session also checkpoints when this long has passed since its last
 *                               checkpoint (a strict game takes about 50 s to its 60th frame); 0: by frames
 *                               (instructions) only. Every session is checkpointed once at its creation too.
 * @param finishedSessionTtl     a finished or failed session is removed (here and on the memory bus) this long
 *                               after it ended, so ended sessions do not hold the session table's places; 0:
 *                               kept until deleted
 * @param checkpointOnShutdown   a stopping CPU writes one more checkpoint of each active session
 */
@ConfigurationProperties("invaders.cpu")
public record CpuProperties(
        @DefaultValue Map<String, String> routes,
        @DefaultValue("2s") Duration callTimeout,
        @DefaultValue("30") int maxAttempts,
        @DefaultValue("10ms") Duration retryBackoff,
        @DefaultValue("1s") Duration retryMaxBackoff,
        @DefaultValue("60s") Duration callDeadline,
        @DefaultValue("200000") int cacheMaxEntries,
        @DefaultValue("5s") Duration versionCheckInterval,
        @DefaultValue("") String memoryBusUrl,
        @DefaultValue("5s") Duration memoryBusTimeout,
        @DefaultValue("60") int checkpointFrames,
        @DefaultValue("5000000") long checkpointInstructions,
        @DefaultValue("16") int maxSessions,
        @DefaultValue("65280B") DataSize maxProgramSize,
        @DefaultValue("256KB") DataSize maxRequestSize,
        @DefaultValue("3600") long defaultStopAfterFrames,
        @DefaultValue("1000000") long maxStopAfterFrames,
        @DefaultValue("128KB") DataSize maxInputLogSize,
        @DefaultValue("256KB") DataSize maxConsole,
        @DefaultValue("64") int maxInputQueue,
        @DefaultValue("8") int maxStreamSubscribers,
        @DefaultValue("128KB") DataSize maxRomSize,
        @DefaultValue("platform") SessionThreads sessionThreads,
        @DefaultValue("0") int warmUpFrames,
        @DefaultValue("5s") Duration checkpointInterval,
        @DefaultValue("10m") Duration finishedSessionTtl,
        @DefaultValue("true") boolean checkpointOnShutdown) {

    /** What runs a session's loop. */
    public enum SessionThreads {
        PLATFORM, VIRTUAL
    }

    public static final String LOCAL = "local";
    public static final String DEFAULT_ROUTE = "default";

    public CpuProperties {
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> route : routes.entrySet()) {
            String family = route.getKey().trim().toLowerCase(java.util.Locale.ROOT);
            if (!family.equals(DEFAULT_ROUTE)) {
                try {
                    family = Family.fromName(family).serviceName();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("invaders.cpu.routes: unknown opcode family '" + route.getKey()
                            + "' (a family's service name such as mov, or default)");
                }
            }
            checked.put(family, checkTarget(family, route.getValue()));
        }
        checked.putIfAbsent(DEFAULT_ROUTE, "http://127.0.0.1:8082");
        routes = Map.copyOf(checked);
        positive("call-timeout", callTimeout);
        positive("retry-backoff", retryBackoff);
        if (finishedSessionTtl.isNegative()) {
            throw new IllegalArgumentException("invaders.cpu.finished-session-ttl must not be negative");
        }
        if (checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("invaders.cpu.checkpoint-interval must not be negative");
        }
        positive("retry-max-backoff", retryMaxBackoff);
        positive("call-deadline", callDeadline);
        positive("memory-bus-timeout", memoryBusTimeout);
        atLeast("max-attempts", maxAttempts, 1);
        atLeast("cache-max-entries", cacheMaxEntries, 1);
        atLeast("checkpoint-frames", checkpointFrames, 1);
        atLeast("checkpoint-instructions", checkpointInstructions, 1000);
        atLeast("max-sessions", maxSessions, 1);
        atLeast("default-stop-after-frames", defaultStopAfterFrames, 1);
        atLeast("max-stop-after-frames", maxStopAfterFrames, defaultStopAfterFrames);
        atLeast("max-input-queue", maxInputQueue, 1);
        atLeast("max-stream-subscribers", maxStreamSubscribers, 1);
        atLeast("warm-up-frames", warmUpFrames, 0);
        if (warmUpFrames > 100_000) {
            throw new IllegalArgumentException("invaders.cpu.warm-up-frames must be at most 100000, not " + warmUpFrames);
        }
        atLeast("max-input-log-size", maxInputLogSize.toBytes(), 1024);
        atLeast("max-rom-size", maxRomSize.toBytes(), dev.invaders.machine.RomSet.IMAGE_SIZE);
        if (maxRomSize.toBytes() > dev.invaders.machine.RomSet.MAX_ZIP_BYTES) {
            throw new IllegalArgumentException("invaders.cpu.max-rom-size must be at most "
                    + dev.invaders.machine.RomSet.MAX_ZIP_BYTES + " bytes (RomSet's zip limit)");
        }
        if (versionCheckInterval.isNegative()) {
            throw new IllegalArgumentException("invaders.cpu.version-check-interval must not be negative");
        }
        if (maxProgramSize.toBytes() < 1 || maxProgramSize.toBytes() > CpmMachine.MAX_PROGRAM_SIZE) {
            throw new IllegalArgumentException("invaders.cpu.max-program-size must be 1 to "
                    + CpmMachine.MAX_PROGRAM_SIZE + " bytes (what fits above 0x0100)");
        }
        if (maxRequestSize.toBytes() < 1024) {
            throw new IllegalArgumentException("invaders.cpu.max-request-size must be at least 1KB");
        }
        memoryBusUrl = memoryBusUrl == null ? "" : stripSlash(memoryBusUrl.trim());
        if (!memoryBusUrl.isEmpty()) {
            checkUrl("invaders.cpu.memory-bus-url", memoryBusUrl);
        }
    }

    /** Where a family executes: {@code local} or a base URL without a trailing slash. */
    public String routeOf(Family family) {
        return routes.getOrDefault(family.serviceName(), routes.get(DEFAULT_ROUTE));
    }

    private static String checkTarget(String family, String target) {
        String t = target == null ? "" : target.trim();
        if (t.equalsIgnoreCase(LOCAL)) {
            return LOCAL;
        }
        checkUrl("invaders.cpu.routes." + family, t);
        return stripSlash(t);
    }

    private static void checkUrl(String name, String url) {
        try {
            URI uri = URI.create(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be local or an http(s) URL, not '" + url + "'");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("invaders.cpu." + name + " must be positive");
        }
    }

    private static void atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("invaders.cpu." + name + " must be at least " + min + ", not " + value);
        }
    }
}
