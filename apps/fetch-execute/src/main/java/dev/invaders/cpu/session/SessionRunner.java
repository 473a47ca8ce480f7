package dev.invaders.cpu.session;

import dev.invaders.cpu.CpuProperties;
import dev.invaders.cpu.live.Pace;
import dev.invaders.cpu.machine.Driver;
import dev.invaders.cpu.machine.InvadersDriver;
import dev.invaders.cpu.route.OpcodeCallException;
import dev.invaders.cpu.route.RoutedProcessor;
import dev.invaders.i8080.cpm.CpmException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs sessions: a thread each (platform unless {@code session-threads} says virtual) that runs the machine a
 * slice at a time, publishes its counters and frames, checkpoints when one is due, paces a realtime game, waits
 * while paused, and ends the session finished or failed.
 */
@Component
class SessionRunner {
    private static final Logger log = LoggerFactory.getLogger(SessionRunner.class);
    private static final long PUBLISH_NANOS = 100_000_000L;

    private final CpuProperties props;
    private final Checkpointer checkpointer;
    private final LongAdder instructions = new LongAdder();
    private final LongAdder frames = new LongAdder();

    SessionRunner(CpuProperties props, Checkpointer checkpointer, MeterRegistry registry) {
        this.props = props;
        this.checkpointer = checkpointer;
        FunctionCounter.builder("invaders.instructions", instructions, LongAdder::sum)
                .description("Instructions executed by all sessions").register(registry);
        FunctionCounter.builder("invaders.frames", frames, LongAdder::sum)
                .description("Invaders frames run by all sessions").register(registry);
    }

    /** Publishes the session as it is and, unless its machine is done (then it is finished), starts its runner. */
    void start(Session s) {
        publishFrame(s);
        s.publish();
        if (s.driver.done()) {
            s.status = Session.Status.FINISHED;
            return;
        }
        // A platform thread unless configured otherwise: a strict session blocks on a socket once per
        // instruction, and a virtual thread's park, poller and carrier hand-offs made that 4 times slower
        // (apps/fetch-execute/bench).
        Thread.Builder builder = props.sessionThreads() == CpuProperties.SessionThreads.VIRTUAL
                ? Thread.ofVirtual()
                : Thread.ofPlatform().daemon(true);
        s.thread = builder.name("session-" + s.id).start(() -> runLoop(s));
    }

    /** The machine's picture now, for the frames streams (before the runner publishes its first frame). */
    static void publishFrame(Session s) {
        if (s.driver instanceof InvadersDriver d) {
            s.feed.publish(d.frameSnapshot());
        }
    }

    private void runLoop(Session s) {
        Driver d = s.driver;
        InvadersDriver invaders = d instanceof InvadersDriver inv ? inv : null;
        long lastPublish = System.nanoTime();
        long lastCheckpoint = lastPublish;
        long checkpointEvery = props.checkpointInterval().toNanos();
        if (s.checkpointError != null) {
            checkpointer.checkpoint(s, Session.Status.RUNNING); // the one at creation failed: again, with retries
        }
        Pace.Pacer pacer = s.pace == Pace.REALTIME ? new Pace.Pacer(Pace.FRAME_NANOS, lastPublish) : null;
        try {
            while (!s.stopRequested) {
                if (s.pausedOrPausing()) {
                    s.publish(); // the counters as the pause finds them
                }
                if (s.waitWhilePaused() && pacer != null) {
                    pacer.restart(System.nanoTime()); // no burst to catch up the paused time
                }
                if (s.stopRequested) {
                    break;
                }
                long i0 = d.instructions(), f0 = d.frames(), t0 = System.nanoTime();
                s.midSlice = true;
                boolean more = d.runSlice();
                s.midSlice = false;
                long t1 = System.nanoTime();
                s.runNanos += t1 - t0;
                instructions.add(d.instructions() - i0);
                frames.add(d.frames() - f0);
                if (invaders != null) {
                    s.feed.publish(invaders.frameSnapshot());
                }
                if (!more) {
                    s.publish();
                    s.status = Session.Status.FINISHED;
                    s.feed.signal();
                    log.info("session {} finished: {} instructions, {} frames, {} instructions/s", s.id,
                            d.instructions(), d.frames(), Math.round(s.instructionsPerSecond));
                    checkpointer.checkpoint(s, Session.Status.FINISHED);
                    return;
                }
                if (t1 - lastPublish >= PUBLISH_NANOS) {
                    s.publish();
                    lastPublish = t1;
                }
                if (d.checkpointDue() || checkpointEvery > 0 && t1 - lastCheckpoint >= checkpointEvery) {
                    checkpointer.checkpoint(s, s.pausedOrPausing() ? Session.Status.PAUSED : Session.Status.RUNNING);
                    lastCheckpoint = System.nanoTime();
                }
                if (pacer != null) {
                    long wait = pacer.frameDone(System.nanoTime());
                    if (wait > 0) {
                        Thread.sleep(java.time.Duration.ofNanos(wait));
                    }
                }
            }
            s.publish();
        } catch (RoutedProcessor.SessionStopped | InterruptedException e) {
            s.publish();
        } catch (OpcodeCallException | CpmException | IllegalArgumentException | IllegalStateException e) {
            fail(s, e);
        } catch (RuntimeException e) {
            log.error("session {} failed", s.id, e);
            fail(s, e);
        }
    }

    private void fail(Session s, Exception e) {
        s.error = e.getMessage();
        s.publish();
        s.status = Session.Status.FAILED;
        s.feed.signal();
        log.warn("session {} failed at instruction {}: {}", s.id, s.driver.instructions(), e.getMessage());
        checkpointer.checkpoint(s, Session.Status.FAILED);
    }
}
