package dev.invaders.cpu.cache;

import dev.invaders.cpu.CpuProperties;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.Footprint;
import dev.invaders.i8080.exec.MemoryByte;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The cached mode's memo: an instruction's input key ({@link Footprint#key}, {@code Execution.inputKey}
 * packed in a {@code long}) to the result and the version of the service that computed it, at most
 * {@code invaders.cpu.cache-max-entries} of them. Shared by every session (a result depends only on its
 * key). An entry whose version is not the route's current one is stale: a miss, replaced by the new answer,
 * so a new opcode-service version invalidates what the old one computed.
 *
 * <p>Built for the hit path, which is nearly every instruction of every cached session: an open-addressing
 * table of immutable {@link Entry}s (linear probing, at most half full), read without a lock (the table is
 * published through a volatile field, and an entry's fields are final); a hit only sets the entry's
 * {@code used} mark. Puts take the lock. Past the bound, the entry to go is chosen by the second-chance
 * (clock) rule: a hand sweeps the table, clearing marks, and removes the first entry not used since its
 * last pass, an approximation of least recently used that needs no list relinked on every hit. A lookup
 * that races with a put may miss an entry being moved; it then asks the route, as any miss does, and gets
 * the same pure result.
 *
 * <p>Misses of one key by several sessions at once make one call: the first claims the key ({@link #claim})
 * and the others wait for its answer ({@link #await}), which they count as a hit (the cache answered them,
 * not a call); games played in step, as the concurrency bench plays them, otherwise made every call once
 * per game. Hits, misses and stale entries are counted by the sessions' executors, which add them here a
 * publish (about 100 ms) at a time ({@link #count}), not per instruction.
 */
@Component
public class ResultCache {
    /** A cached result, ready to apply, and the version that produced it. */
    public static final class Entry {
        private static final int[] NO_WRITES = {};

        final long key;
        public final String version;
        final int opcode;
        public final CpuState state;
        public final int cycles;
        /** The memory writes in order, each {@code address << 8 | value}. */
        public final int[] writes;
        /** OUT's port and value, or -1 and 0. */
        public final int outPort;
        public final int outValue;
        /** Set by lookups, cleared by the eviction hand (benignly racy); a new entry is not marked. */
        boolean used;

        Entry(long key, String version, ExecuteResult result) {
            this.key = key;
            this.version = version;
            this.opcode = result.opcode();
            this.state = result.state();
            this.cycles = result.cycles();
            int n = result.writes().size();
            int[] w = n == 0 ? NO_WRITES : new int[n];
            for (int i = 0; i < n; i++) {
                MemoryByte b = result.writes().get(i);
                w[i] = b.address() << 8 | b.value();
            }
            this.writes = w;
            this.outPort = result.out() == null ? -1 : result.out().port();
            this.outValue = result.out() == null ? 0 : result.out().value();
        }
    }

    private static final int INITIAL_SLOTS = 1 << 12;

    private final int maxEntries;
    private final int maxSlots;
    private final ReentrantLock lock = new ReentrantLock();
    /** Written under the lock; read by lookups without it. */
    private volatile Entry[] table = new Entry[INITIAL_SLOTS];
    private int size;
    private int hand;
    /** The keys some session is calling a route for now, and the entry that call will give (null: it failed). */
    private final ConcurrentHashMap<Long, CompletableFuture<Entry>> inFlight = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stale = new LongAdder();

    @Autowired
    public ResultCache(CpuProperties props) {
        this(props.cacheMaxEntries());
    }

    public ResultCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("the cache needs room for at least one entry");
        }
        this.maxEntries = maxEntries;
        // At most half full at the bound: short probes.
        this.maxSlots = Math.max(INITIAL_SLOTS, Integer.highestOneBit(Math.max(1, maxEntries - 1)) << 2);
    }

    private static int slot(long key, int mask) {
        // MurmurHash3's 64-bit finaliser: the key's low byte is the opcode and its other bytes are often small.
        long h = key;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (int) h & mask;
    }

    /** The entry for this key whatever its version, or null; counts nothing. */
    public Entry lookup(long key) {
        Entry[] t = table;
        int mask = t.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            Entry e = t[i];
            if (e == null) {
                return null;
            }
            if (e.key == key) {
                if (!e.used) {
                    e.used = true;
                }
                return e;
            }
        }
    }

    /** Stores (or replaces) the result for this key, computed by {@code version}; returns the entry. */
    public Entry put(long key, String version, ExecuteResult result) {
        Entry entry = new Entry(key, version, result);
        lock.lock();
        try {
            Entry[] t = table;
            int mask = t.length - 1;
            int i = slot(key, mask);
            while (t[i] != null) {
                if (t[i].key == key) {
                    t[i] = entry;
                    return entry;
                }
                i = (i + 1) & mask;
            }
            if (size >= maxEntries) {
                evictOne(t);
                // The removal may have shifted entries into the probe path: look for the free slot again.
                i = slot(key, mask);
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
            } else if ((size + 1) * 2 > t.length && t.length < maxSlots) {
                t = grow(t);
                mask = t.length - 1;
                i = slot(key, mask);
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
            }
            t[i] = entry;
            size++;
            if (t != table) {
                table = t;
            }
            return entry;
        } finally {
            lock.unlock();
        }
    }

    /** A table twice the size with every entry in it (published by the caller). */
    private Entry[] grow(Entry[] old) {
        Entry[] t = new Entry[old.length * 2];
        int mask = t.length - 1;
        for (Entry e : old) {
            if (e != null) {
                int i = slot(e.key, mask);
                while (t[i] != null) {
                    i = (i + 1) & mask;
                }
                t[i] = e;
            }
        }
        return t;
    }

    /** Removes one entry by the second-chance rule (under the lock; the table is full to the bound). */
    private void evictOne(Entry[] t) {
        int mask = t.length - 1;
        while (true) {
            int i = hand;
            hand = (hand + 1) & mask;
            Entry e = t[i];
            if (e == null) {
                continue;
            }
            if (e.used) {
                e.used = false;
                continue;
            }
            remove(t, i);
            size--;
            return;
        }
    }

    /** Linear probing's deletion: empties slot i and moves back the entries after it that probed past it. */
    private static void remove(Entry[] t, int i) {
        int mask = t.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; t[j] != null; j = (j + 1) & mask) {
            int home = slot(t[j].key, mask);
            // Entry j may fill the hole when its home is not in (hole, j] (cyclically).
            boolean between = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!between) {
                t[hole] = t[j];
                hole = j;
            }
        }
        t[hole] = null;
    }

    /**
     * A miss's first step: registers {@code mine} as the call for {@code key} and returns null when no other
     * session is calling for it (the caller then calls and ends with {@link #release}); otherwise returns the
     * call in flight, to {@link #await} instead of making the same call again.
     */
    public CompletableFuture<Entry> claim(long key, CompletableFuture<Entry> mine) {
        return inFlight.putIfAbsent(key, mine);
    }

    /** Ends a claimed call: the entry it stored, or null when it failed (the waiters then call themselves). */
    public void release(long key, CompletableFuture<Entry> mine, Entry entry) {
        inFlight.remove(key, mine);
        mine.complete(entry);
    }

    /** The entry another session's call stored, or null when that call failed. */
    public static Entry await(CompletableFuture<Entry> call) throws InterruptedException {
        try {
            return call.get();
        } catch (ExecutionException e) {
            return null;
        }
    }

    /** Adds what an executor counted since it last reported. */
    public void count(long hitCount, long missCount, long staleCount) {
        if (hitCount != 0) {
            hits.add(hitCount);
        }
        if (missCount != 0) {
            misses.add(missCount);
        }
        if (staleCount != 0) {
            stale.add(staleCount);
        }
    }

    /** Every key in the table, each checked to be found by a lookup (for tests). */
    public long[] keys() {
        lock.lock();
        try {
            Entry[] t = table;
            long[] keys = new long[t.length];
            int n = 0;
            for (Entry e : t) {
                if (e != null) {
                    boolean used = e.used;
                    if (lookup(e.key) != e) {
                        throw new IllegalStateException("entry " + Long.toHexString(e.key) + " is not found by a lookup");
                    }
                    e.used = used;
                    keys[n++] = e.key;
                }
            }
            if (n != size) {
                throw new IllegalStateException(n + " entries in the table, size " + size);
            }
            return java.util.Arrays.copyOf(keys, n);
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Misses that found an entry of another version. */
    public long stale() {
        return stale.sum();
    }
}
