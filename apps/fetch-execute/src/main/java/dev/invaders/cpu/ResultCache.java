package dev.invaders.cpu;

import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.InputKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.stereotype.Component;

/**
 * The cached mode's memo: {@link InputKey} to the result and the version of the service that computed
 * it, least recently used first out past {@code invaders.cpu.cache-max-entries}. Shared by every
 * session (a result depends only on its key). An entry whose version is not the route's current one is
 * stale: a miss, replaced by the new answer, so a new opcode-service version invalidates what the old
 * one computed. One lock; a lookup is a hash probe and a relink, far below an instruction's other costs.
 */
@Component
public class ResultCache {
    /** A cached result and the version that produced it. */
    record Cached(String version, ExecuteResult result) {
    }

    private final int maxEntries;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<InputKey, Cached> map;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder stale = new LongAdder();

    public ResultCache(CpuProperties props) {
        this.maxEntries = props.cacheMaxEntries();
        this.map = new LinkedHashMap<>(Math.min(maxEntries, 1 << 16) * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InputKey, Cached> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** The result for this key computed by {@code version}, or null (counted as a hit or a miss). */
    ExecuteResult get(InputKey key, String version) {
        Cached e;
        lock.lock();
        try {
            e = map.get(key);
        } finally {
            lock.unlock();
        }
        if (e != null && e.version().equals(version)) {
            hits.increment();
            return e.result();
        }
        if (e != null) {
            stale.increment();
        }
        misses.increment();
        return null;
    }

    void put(InputKey key, String version, ExecuteResult result) {
        lock.lock();
        try {
            map.put(key, new Cached(version, result));
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return map.size();
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
