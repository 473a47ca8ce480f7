package dev.invaders.cpu.session;

import dev.invaders.cpu.bus.MemoryBusClient;
import dev.invaders.cpu.machine.Driver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes a session's checkpoint to the memory bus (when one is configured), at frame boundaries: the machine's
 * description, CPU state and memory, under the session's epoch. A failure is retried, then logged, counted
 * ({@code invaders_checkpoints_total}) and shown in the view; a takeover by another CPU stops the session.
 */
@Component
class Checkpointer {
    private static final Logger log = LoggerFactory.getLogger(Checkpointer.class);
    /** The machine state's format, so a later version can tell old checkpoints apart. */
    static final int FORMAT = 1;
    /** Backoffs between a checkpoint's attempts: a bus that restarts or drops a connection gets a moment. */
    private static final long[] CHECKPOINT_BACKOFF_MILLIS = {100, 400, 1600};

    private final MemoryBusClient bus;
    private final JsonMapper json;
    private final Counter checkpointsOk;
    private final Counter checkpointsFailed;

    Checkpointer(MemoryBusClient bus, JsonMapper json, MeterRegistry registry) {
        this.bus = bus;
        this.json = json;
        checkpointsOk = Counter.builder("invaders.checkpoints").tag("outcome", "ok").register(registry);
        checkpointsFailed = Counter.builder("invaders.checkpoints").tag("outcome", "error").register(registry);
    }

    /** Sends the session's checkpoint to the memory bus (when configured); a failure is logged and counted. */
    void checkpoint(Session s, Session.Status status) {
        checkpoint(s, status, true);
    }

    /** As above; without retry one attempt only (a create waits for it, and the runner tries again). */
    void checkpoint(Session s, Session.Status status, boolean retry) {
        if (!bus.enabled()) {
            return;
        }
        Driver d = s.driver;
        ObjectNode m = json.createObjectNode();
        m.put("kind", d.machine());
        m.put("format", FORMAT);
        m.put("mode", s.mode.wireName());
        m.put("pace", s.pace.wireName());
        m.put("status", status.wireName());
        m.put("created", s.created.toString());
        byte[] control = s.controlHash;
        if (control != null) {
            m.put(ControlToken.CHECKPOINT_FIELD, ControlToken.hex(control)); // the hash only, never the token
        }
        if (s.error != null) {
            m.put("error", s.error);
        }
        d.describe(m);
        boolean interrupted = Thread.interrupted();
        try {
            putWithRetries(s, d, m, retry ? CHECKPOINT_BACKOFF_MILLIS.length : 0);
            s.lastCheckpointNanos = System.nanoTime();
            checkpointsOk.increment();
            s.checkpointError = null;
        } catch (MemoryBusClient.TakenOver e) {
            // Another CPU resumed this session from the memory bus: it is the owner now. This copy stops
            // and says why; its checkpoints would only have interleaved with the owner's.
            checkpointsFailed.increment();
            s.error = e.getMessage();
            s.status = Session.Status.FAILED;
            s.requestStop();
            s.feed.signal();
            log.warn("session {}: stopped at {}: {}", s.id, d.checkpointNumber(), e.getMessage());
        } catch (IOException e) {
            checkpointsFailed.increment();
            s.checkpointError = e instanceof MemoryBusClient.Refused r && r.status == 429
                    ? "the checkpoint at " + d.checkpointNumber() + " failed: the memory bus is full (HTTP 429, it holds"
                            + " as many sessions as it may); this session would not survive a restart of the CPU"
                    : "the checkpoint at " + d.checkpointNumber() + " failed: " + e.getMessage();
            log.warn("session {}: checkpoint at {} failed: {}", s.id, d.checkpointNumber(), e.toString());
        } catch (InterruptedException e) {
            interrupted = true;
            checkpointsFailed.increment();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Puts the checkpoint; a failure other than a takeover is tried again after each backoff. */
    private void putWithRetries(Session s, Driver d, ObjectNode m, int retries)
            throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                bus.putCheckpoint(s.id, s.epoch, d.checkpointNumber(), d.cpuState(), m, d.memoryImage());
                return;
            } catch (MemoryBusClient.TakenOver e) {
                throw e;
            } catch (IOException e) {
                boolean lasting = e instanceof MemoryBusClient.Refused r && r.status < 500 && r.status != 429;
                if (lasting || attempt >= retries || s.stopRequested) {
                    throw e;
                }
                log.info("session {}: checkpoint at {} failed, trying again in {} ms: {}", s.id,
                        d.checkpointNumber(), CHECKPOINT_BACKOFF_MILLIS[attempt], e.toString());
                Thread.sleep(CHECKPOINT_BACKOFF_MILLIS[attempt]);
            }
        }
    }
}
