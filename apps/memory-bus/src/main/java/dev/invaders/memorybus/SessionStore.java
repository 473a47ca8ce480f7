package dev.invaders.memorybus;

import dev.invaders.wire.CpuStateJson;
import dev.invaders.service.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * All sessions, their memory and checkpoints. Each operation on a session runs whole under that
 * session's lock (different sessions never wait for each other); the checkpoint files are written
 * after the lock is released, under a lock per id, always with the session's newest checkpoint.
 *
 * <p>Fencing: a CPU that takes a session over (a restarted CPU resuming it) first {@link #claim claims}
 * it, which raises the session's epoch, and sends that epoch with every change. A change with an older
 * epoch is refused (409 {@code Session taken over}), so the CPU it was taken from can never interleave
 * its checkpoints with the new owner's. A newer epoch than the session's is accepted and becomes the
 * session's: a session's first checkpoint, or the new owner's first change after a memory bus restart
 * forgot the claim (claims are persisted with the next checkpoint).
 */
@Component
public class SessionStore {

    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int FILE_LOCKS = 64;
    /**
     * The title of the 409 for a change from a CPU the session was taken from; its problem's member
     * {@code "takenOver": true} is what clients match on.
     */
    public static final String TAKEN_OVER = "Session taken over";
    /** When a client refused with 429 (the store full) may try again: a place frees when a session is deleted. */
    static final int RETRY_AFTER_SECONDS = 5;

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final Object createLock = new Object();
    private final Object[] fileLocks = new Object[FILE_LOCKS];
    private final int maxSessions;
    private final int maxBatch;
    private final CheckpointFiles files;

    private final Counter bytesWritten;
    private final Counter batchesApplied;
    private final Counter batchesRepeated;
    private final Counter bytesRead;
    private final Timer checkpoints;
    private final Counter persistFailures;

    public SessionStore(MemoryBusProperties props, JsonMapper mapper, MeterRegistry registry) {
        this.maxSessions = props.maxSessions();
        this.maxBatch = props.maxBatch();
        for (int i = 0; i < FILE_LOCKS; i++) {
            fileLocks[i] = new Object();
        }
        Path dir = props.checkpointPath();
        this.files = dir == null ? null : new CheckpointFiles(dir, props.fsync(), mapper);

        Gauge.builder("invaders.memorybus.sessions", sessions, ConcurrentHashMap::size)
                .description("Sessions held").register(registry);
        bytesWritten = Counter.builder("invaders.memorybus.writes").baseUnit("bytes")
                .description("Memory bytes written by write batches").register(registry);
        batchesApplied = Counter.builder("invaders.memorybus.write.batches").tag("outcome", "applied")
                .description("Write batches").register(registry);
        batchesRepeated = Counter.builder("invaders.memorybus.write.batches").tag("outcome", "repeated")
                .description("Write batches").register(registry);
        bytesRead = Counter.builder("invaders.memorybus.read").baseUnit("bytes")
                .description("Memory bytes read").register(registry);
        checkpoints = Timer.builder("invaders.memorybus.checkpoints")
                .description("Checkpoints stored (and written to disk when persistence is on)").register(registry);
        persistFailures = Counter.builder("invaders.memorybus.checkpoint.persist.failures")
                .description("Checkpoints that could not be written to the checkpoint folder").register(registry);

        if (files != null) {
            restore();
        }
    }

    public static boolean validId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    public static String checkId(String id) {
        if (!validId(id)) {
            throw Api.badRequest("A session id is 1 to 64 letters, digits or '-'");
        }
        return id;
    }

    public int maxSessions() {
        return maxSessions;
    }

    public int maxBatch() {
        return maxBatch;
    }

    /** Sets the whole memory; a new game: the checkpoint and the batch numbering are dropped. True if created. */
    public boolean initialise(String id, byte[] image, Long epoch) {
        Locked locked = lockOrCreate(id);
        Session s = locked.session;
        boolean hadCheckpoint;
        try {
            fence(s, epoch);
            System.arraycopy(image, 0, s.memory, 0, Session.MEMORY_SIZE);
            hadCheckpoint = s.checkpoint != null;
            s.checkpoint = null;
            s.lastBatch = null;
            s.lastBatchDigest = 0;
            s.lastBatchDigestKnown = false;
        } finally {
            s.lock.unlock();
        }
        if (hadCheckpoint) {
            persist(s);
        }
        return locked.created;
    }

    /** {@code length} bytes from {@code address}, wrapping from 0xFFFF to 0x0000 like the 8080's addresses. */
    public byte[] read(String id, int address, int length) {
        byte[] out = new byte[length];
        int first = Math.min(length, Session.MEMORY_SIZE - address);
        Session s = lockExisting(id);
        try {
            System.arraycopy(s.memory, address, out, 0, first);
            System.arraycopy(s.memory, 0, out, first, length - first);
        } finally {
            s.lock.unlock();
        }
        bytesRead.increment(length);
        return out;
    }

    /**
     * Applies the writes in order, all of them or (for a repeated batch) none. Addresses and values must
     * already be checked. A numbered batch must be above the last one applied; the same number again is
     * a retry (nothing applied) when its writes are the same, a conflict when they differ.
     */
    public Api.WriteResult write(String id, Long batch, Long epoch, int[] addresses, int[] values) {
        long digest = digest(addresses, values);
        Session s = lockExisting(id);
        try {
            fence(s, epoch);
            if (batch != null && s.lastBatch != null) {
                long last = s.lastBatch;
                if (batch == last) {
                    if (s.lastBatchDigestKnown && s.lastBatchDigest != digest) {
                        throw Problems.of(HttpStatus.CONFLICT, "Batch number reused",
                                "Batch " + batch + " was already applied with different writes");
                    }
                    batchesRepeated.increment();
                    return new Api.WriteResult(0, batch, true);
                }
                if (batch < last) {
                    throw Problems.of(HttpStatus.CONFLICT, "Stale batch",
                            "Batch " + batch + " is older than the last batch applied, " + last);
                }
            }
            byte[] memory = s.memory;
            for (int i = 0; i < addresses.length; i++) {
                memory[addresses[i]] = (byte) values[i];
            }
            if (batch != null) {
                s.lastBatch = batch;
                s.lastBatchDigest = digest;
                s.lastBatchDigestKnown = true;
            }
        } finally {
            s.lock.unlock();
        }
        batchesApplied.increment();
        bytesWritten.increment(addresses.length);
        return new Api.WriteResult(addresses.length, batch, false);
    }

    /**
     * Stores a checkpoint unless the session has a newer one (409). With {@code memory} it also becomes
     * the session's memory (and may create the session); without, the session's current memory is
     * taken, between two write batches. True if the session was created.
     */
    public boolean checkpoint(String id, long frame, Long epoch, CpuStateJson cpu, ObjectNode machine, byte[] memory) {
        long start = System.nanoTime();
        Session s;
        boolean created = false;
        if (memory != null) {
            Locked locked = lockOrCreate(id);
            s = locked.session;
            created = locked.created;
        } else {
            s = lockExisting(id);
        }
        try {
            fence(s, epoch);
            if (s.checkpoint != null && frame < s.checkpoint.frame()) {
                throw Problems.of(HttpStatus.CONFLICT, "Older checkpoint",
                        "Frame " + frame + " is older than the stored checkpoint's frame " + s.checkpoint.frame());
            }
            byte[] image;
            if (memory != null) {
                image = memory;
                System.arraycopy(memory, 0, s.memory, 0, Session.MEMORY_SIZE);
            } else {
                image = s.memory.clone();
            }
            s.checkpoint = new Checkpoint(frame, cpu, machine, image, s.lastBatch, s.epoch);
        } finally {
            s.lock.unlock();
        }
        try {
            persist(s);
        } finally {
            checkpoints.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        return created;
    }

    /** The newest checkpoint, or null when the session has none. */
    public Checkpoint checkpoint(String id) {
        Session s = lockExisting(id);
        try {
            return s.checkpoint;
        } finally {
            s.lock.unlock();
        }
    }

    /** Takes the session over: its epoch goes up by one and is returned (the caller's fencing token). */
    public long claim(String id) {
        Session s = lockExisting(id);
        long epoch;
        try {
            epoch = ++s.epoch;
        } finally {
            s.lock.unlock();
        }
        log.info("Session {} claimed: epoch {}", id, epoch);
        return epoch;
    }

    /**
     * Removes the session. Without an epoch (an operator's delete) always; with one, only when it is not
     * older than the session's (a CPU the session was taken from cannot delete it).
     */
    public void delete(String id, Long epoch) {
        Session s = lockExisting(id);
        try {
            if (epoch != null) {
                fence(s, epoch);
            }
            s.deleted = true;
            sessions.remove(id, s);
        } finally {
            s.lock.unlock();
        }
        log.info("Session {} deleted", id);
        persist(s);
    }

    /** Refuses a change from a CPU the session was taken from; under the session's lock. */
    private static void fence(Session s, Long epoch) {
        if (epoch == null) {
            if (s.epoch > 0) {
                throw Problems.of(HttpStatus.CONFLICT, "Epoch required", "Session '" + s.id
                        + "' is claimed (epoch " + s.epoch + "); a change must carry its epoch");
            }
            return;
        }
        if (epoch < s.epoch) {
            ErrorResponseException takenOver = Problems.of(HttpStatus.CONFLICT, TAKEN_OVER, "Epoch " + epoch
                    + " is older than the epoch " + s.epoch + " of session '" + s.id + "': another CPU has claimed it");
            takenOver.getBody().setProperty("takenOver", true);
            throw takenOver;
        }
        s.epoch = epoch;
    }

    public List<Api.SessionSummary> list() {
        List<Api.SessionSummary> out = new ArrayList<>();
        for (Session s : sessions.values()) {
            s.lock.lock();
            try {
                if (!s.deleted) {
                    out.add(summary(s));
                }
            } finally {
                s.lock.unlock();
            }
        }
        out.sort(Comparator.comparing(Api.SessionSummary::id));
        return out;
    }

    public Api.SessionSummary summary(String id) {
        Session s = lockExisting(id);
        try {
            return summary(s);
        } finally {
            s.lock.unlock();
        }
    }

    private static Api.SessionSummary summary(Session s) {
        Checkpoint c = s.checkpoint;
        return new Api.SessionSummary(s.id, Session.MEMORY_SIZE * (c == null ? 1L : 2L),
                c == null ? null : c.frame(), s.lastBatch, s.epoch == 0 ? null : s.epoch);
    }

    private record Locked(Session session, boolean created) {
    }

    /** The live session, locked (the caller unlocks), or a 404. */
    private Session lockExisting(String id) {
        for (;;) {
            Session s = sessions.get(id);
            if (s == null) {
                throw Problems.of(HttpStatus.NOT_FOUND, "Unknown session", "No session '" + id + "'");
            }
            s.lock.lock();
            if (!s.deleted) {
                return s;
            }
            s.lock.unlock();
        }
    }

    /** The live session, created if need be (or a 429 when the store is full), locked. */
    private Locked lockOrCreate(String id) {
        for (;;) {
            Session s = sessions.get(id);
            boolean created = false;
            if (s == null) {
                synchronized (createLock) {
                    s = sessions.get(id);
                    if (s == null) {
                        if (sessions.size() >= maxSessions) {
                            throw Problems.retryAfter(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "Too many sessions",
                                    "The memory bus holds at most " + maxSessions + " sessions; delete one first"),
                                    RETRY_AFTER_SECONDS);
                        }
                        s = new Session(id);
                        sessions.put(id, s);
                        created = true;
                        log.info("Session {} created ({} of {})", id, sessions.size(), maxSessions);
                    }
                }
            }
            s.lock.lock();
            if (!s.deleted) {
                return new Locked(s, created);
            }
            s.lock.unlock();
        }
    }

    /** Brings the session's file in line with its newest checkpoint (none, or deleted: no file). */
    private void persist(Session s) {
        if (files == null) {
            return;
        }
        synchronized (fileLocks[Math.floorMod(s.id.hashCode(), FILE_LOCKS)]) {
            Checkpoint current;
            boolean deleted;
            s.lock.lock();
            try {
                current = s.checkpoint;
                deleted = s.deleted;
            } finally {
                s.lock.unlock();
            }
            try {
                if (deleted) {
                    if (sessions.get(s.id) == null) {
                        files.delete(s.id);
                    }
                } else if (current == null) {
                    files.delete(s.id);
                    s.persisted = null;
                } else if (current != s.persisted) {
                    files.write(s.id, current);
                    s.persisted = current;
                }
            } catch (IOException | RuntimeException ex) {
                persistFailures.increment();
                log.error("Cannot update the checkpoint file of session {} in {}", s.id, files.dir(), ex);
                throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Checkpoint not persisted",
                        "The checkpoint is held in memory but could not be written to disk: " + ex.getMessage());
            }
        }
    }

    private void restore() {
        int restored = 0;
        for (CheckpointFiles.Loaded l : files.loadAll()) {
            if (sessions.size() >= maxSessions) {
                log.warn("Not restoring session {}: the memory bus is full ({} sessions)", l.id(), maxSessions);
                continue;
            }
            Session s = new Session(l.id());
            Checkpoint c = l.checkpoint();
            System.arraycopy(c.memory(), 0, s.memory, 0, Session.MEMORY_SIZE);
            s.checkpoint = c;
            s.persisted = c;
            s.lastBatch = c.batch();
            s.lastBatchDigestKnown = false;
            s.epoch = c.epoch();
            sessions.put(s.id, s);
            restored++;
        }
        log.info("Restored {} session(s) from checkpoints in {}", restored, files.dir());
    }

    /** A 64-bit digest of a batch, enough to tell a genuine retry from a reused number. */
    private static long digest(int[] addresses, int[] values) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < addresses.length; i++) {
            h = (h ^ ((long) addresses[i] << 8 | values[i])) * 0x100000001b3L;
        }
        return h ^ addresses.length;
    }
}
