package dev.invaders.cpu.cache;

import dev.invaders.cpu.CpuProperties;
import dev.invaders.cpu.machine.InvadersDriver;
import dev.invaders.cpu.route.InstructionExecutor;
import dev.invaders.cpu.route.Mode;
import dev.invaders.cpu.route.OpcodeRouter;
import dev.invaders.cpu.route.RoutedProcessor;
import dev.invaders.machine.InputLog;
import dev.invaders.machine.Programs;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Readies the cached mode for the first player: right after the start, a thread of its own plays the demo
 * game in cached mode at full speed, three games of {@code invaders.cpu.warm-up-frames} frames each: attract
 * mode (what every new demo session shows until a coin), a coin and 1P start left alone, and a coin and 1P
 * start with moves and shots. A just-started process has an empty result cache, so a new game spent its
 * first seconds on misses (a realtime demo reached 2 frames at 7 s on a fresh start); after these three,
 * a game whose player starts in the first seconds misses about 1 instruction in 1,500 over its first 600
 * frames, and the JIT compilers have the hit path compiled. Until it ends, the service is not ready
 * ({@link WarmUpHealthIndicator}): the first game then has the cores to itself.
 *
 * <p>Results are computed ahead ({@link OpcodeRouter#executeAhead}): a result is a pure function of its
 * key, stamped with the version of the service that computed it, so for a route that runs this build's
 * version this process's own i8080 library computes the same answer (the first call of each route goes
 * out and tells its version); a route of another version is called for every new result. That makes the
 * warm-up a few seconds instead of a call per result (80,000 calls took 18-22 s on 2 cores for a third of
 * these frames). It is not a session: it holds no slot, writes no checkpoint and is not listed; its cache
 * entries are counted in the cache's metrics. Bounded by its frame count and {@link #DEADLINE_SECONDS};
 * stopped at shutdown. 0 frames (the default) turns it off.
 */
@Component
public class CacheWarmUp implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CacheWarmUp.class);
    /** The warm-up gives up after this long (a slow or unreachable opcode service). */
    static final long DEADLINE_SECONDS = 120;
    /** The three games: attract mode, a start left alone, a start with moves and shots. */
    static final List<InputLog> GAMES = List.of(
            InputLog.empty(),
            InputLog.parse("""
                    20 coin press
                    50 p1-start press 10
                    """),
            InputLog.parse("""
                    20 coin press
                    30 coin press
                    50 p1-start press 10
                    80 p1-left down
                    110 p1-left up
                    120 p1-fire press 6
                    150 p1-right down
                    200 p1-right up
                    210 p1-fire press 6
                    240 p1-fire press 6
                    """));

    private final CpuProperties props;
    private final OpcodeRouter router;
    private final ResultCache cache;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile boolean running;

    public CacheWarmUp(CpuProperties props, OpcodeRouter router, ResultCache cache) {
        this.props = props;
        this.router = router;
        this.cache = cache;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void begin() {
        int frames = props.warmUpFrames();
        if (frames == 0 || !running || Programs.demo().isEmpty()) {
            done.countDown();
            return;
        }
        thread = Thread.ofPlatform().daemon(true).name("cache-warm-up").start(() -> {
            try {
                warmUp(frames);
            } finally {
                done.countDown();
            }
        });
    }

    private void warmUp(int frames) {
        byte[] demo = Programs.demo().orElseThrow();
        InvadersDriver.Rom rom = new InvadersDriver.Rom("demo", demo, "", List.of());
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        int entries = cache.size();
        long instructions = 0;
        long played = 0;
        try {
            for (InputLog input : GAMES) {
                InstructionExecutor executor = InstructionExecutor.ahead(router, cache);
                InvadersDriver game = new InvadersDriver(rom, frames, input, executor, Integer.MAX_VALUE,
                        props.maxInputQueue(), props.maxInputLogSize().toBytes());
                boolean more = true;
                try {
                    while (more && running && System.nanoTime() < deadline) {
                        more = game.runSlice();
                    }
                } finally {
                    executor.flush();
                }
                played += game.frames();
                instructions += game.instructions();
            }
        } catch (RoutedProcessor.SessionStopped e) {
            return; // shutting down
        } catch (RuntimeException e) { // an opcode service that stays down: sessions will say so themselves
            log.warn("cache warm-up stopped after {} frames: {}", played, e.toString());
            return;
        }
        log.info("cache warm-up: {} frames of the demo game in {} games, {} instructions, {} new cache entries, in {} ms",
                played, GAMES.size(), instructions, cache.size() - entries, (System.nanoTime() - start) / 1_000_000);
    }

    /** Whether the warm-up has ended (or is off): what readiness waits for ({@link WarmUpHealthIndicator}). */
    public boolean done() {
        return done.getCount() == 0;
    }

    /** Waits for the warm-up to end (or be off); true when it has. */
    public boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
