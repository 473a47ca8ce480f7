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
 * game in cached mode at full speed through the real routes, {@code invaders.cpu.warm-up-frames} frames in
 * all: attract mode first (what every new demo session shows until a coin), then a scripted coin, 1P start
 * and play. A just-started process has an empty result cache and cold JIT compilers, here and in the
 * opcode services, so a new game spent its first seconds on slow misses (a realtime demo reached 2 frames
 * at 7 s on a fresh start). The warm-up fills the shared cache with the states every demo game begins with
 * and has every JVM on the path compile its hot code; the first player then runs at real time from frame 0.
 *
 * <p>Safe because results are pure: a cached result is a function of its key alone, stamped with the
 * version of the service that computed it, so what the warm-up stored is what a session's own call would
 * have returned. It is not a session: it holds no slot, writes no checkpoint and is not listed; its calls
 * and cache entries are counted in the cache's and the routes' metrics. Bounded by its frame count and
 * {@link #DEADLINE_SECONDS}; stopped at shutdown. 0 frames (the default) turns it off.
 */
@Component
public class CacheWarmUp implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(CacheWarmUp.class);
    /** The warm-up gives up after this long (a slow or unreachable opcode service). */
    static final long DEADLINE_SECONDS = 120;
    /** Attract mode's share: a new demo session shows it until the player inserts a coin. */
    static final int ATTRACT_FRAMES = 600;
    /** After attract mode: two coins, 1P start, moves and shots, as a player's first seconds go. */
    private static final String PLAY = """
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
            """;

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
        int attract = Math.min(frames, ATTRACT_FRAMES);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        int entries = cache.size();
        long instructions = 0;
        long played = 0;
        try {
            for (InputLog input : List.of(InputLog.empty(), InputLog.parse(PLAY))) {
                long length = input.changes().isEmpty() ? attract : frames - attract;
                if (length == 0) {
                    continue;
                }
                InstructionExecutor executor = InstructionExecutor.of(Mode.CACHED, router, cache);
                InvadersDriver game = new InvadersDriver(rom, length, input, executor, Integer.MAX_VALUE,
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
        log.info("cache warm-up: {} frames of the demo game, {} instructions, {} new cache entries, in {} ms",
                played, instructions, cache.size() - entries, (System.nanoTime() - start) / 1_000_000);
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
