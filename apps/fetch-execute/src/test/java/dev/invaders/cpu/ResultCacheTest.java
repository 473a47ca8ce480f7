package dev.invaders.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invaders.cpu.cache.ResultCache;
import dev.invaders.i8080.CpuState;
import dev.invaders.i8080.exec.ExecuteResult;
import dev.invaders.i8080.exec.MemoryByte;
import dev.invaders.i8080.exec.PortWrite;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cache's table: lookups, replacement, the bound and its second-chance eviction, growth. */
class ResultCacheTest {
    private static ExecuteResult result(int a) {
        return new ExecuteResult(0x3E, new CpuState(a, 0, 0, 0, 0, 0, 0, 0, 2, 0x02, false, false, 7), List.of(), null,
                7);
    }

    @Test
    void anEntryKeepsTheResultItsWritesAndItsVersion() {
        ResultCache cache = new ResultCache(10);
        ExecuteResult push = new ExecuteResult(0xC5, CpuState.reset(),
                List.of(new MemoryByte(0x23FE, 0x12), new MemoryByte(0x23FF, 0x34)), null, 11);
        cache.put(0xC5L | 0x1234L << 8, "v1", push);
        ResultCache.Entry e = cache.lookup(0xC5L | 0x1234L << 8);
        assertThat(e.version).isEqualTo("v1");
        assertThat(e.cycles).isEqualTo(11);
        assertThat(e.writes).containsExactly(0x23FE << 8 | 0x12, 0x23FF << 8 | 0x34);
        assertThat(e.outPort).isEqualTo(-1);
        cache.put(0xD3L, "v1", new ExecuteResult(0xD3, CpuState.reset(), List.of(), new PortWrite(3, 0x20), 10));
        assertThat(cache.lookup(0xD3L).outPort).isEqualTo(3);
        assertThat(cache.lookup(0xD3L).outValue).isEqualTo(0x20);
        assertThat(cache.lookup(0xDBL)).isNull();

        cache.put(0xC5L | 0x1234L << 8, "v2", push); // a newer version's answer replaces the entry
        assertThat(cache.lookup(0xC5L | 0x1234L << 8).version).isEqualTo("v2");
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void growsAndFindsEveryKey() {
        ResultCache cache = new ResultCache(200_000);
        Random random = new Random(1);
        Set<Long> keys = new HashSet<>();
        while (keys.size() < 50_000) {
            long k = random.nextInt(4) == 0 ? random.nextLong() : random.nextInt(1 << 20); // dense and sparse keys
            if (keys.add(k)) {
                cache.put(k, "v", result((int) (k & 0xFF)));
            }
        }
        assertThat(cache.size()).isEqualTo(keys.size());
        for (long k : keys) {
            assertThat(cache.lookup(k)).as("key %x", k).isNotNull();
            assertThat(cache.lookup(k).state.a()).isEqualTo((int) (k & 0xFF));
        }
        assertThat(cache.keys()).hasSize(keys.size());
    }

    @Test
    void staysWithinItsBoundAndKeepsWhatIsUsed() {
        ResultCache cache = new ResultCache(64);
        long hot = 0xABCDEF01L;
        cache.put(hot, "v", result(1));
        Random random = new Random(2);
        for (int i = 0; i < 20_000; i++) {
            assertThat(cache.lookup(hot)).as("the entry used before every put stays").isNotNull();
            long k = random.nextInt(3) == 0 ? random.nextInt(512) : random.nextLong();
            cache.put(k, "v", result(2));
            assertThat(cache.lookup(k)).as("what was just put").isNotNull();
            assertThat(cache.size()).isLessThanOrEqualTo(64);
            if (i % 97 == 0) {
                assertThat(cache.keys()).hasSize(cache.size()); // every entry reachable after the removals' shifts
            }
        }
        assertThat(cache.size()).isEqualTo(64);
    }

    @Test
    void countsWhatTheExecutorsReport() {
        ResultCache cache = new ResultCache(10);
        cache.count(5, 2, 1);
        cache.count(1, 0, 0);
        assertThat(cache.hits()).isEqualTo(6);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.stale()).isEqualTo(1);
    }
}
