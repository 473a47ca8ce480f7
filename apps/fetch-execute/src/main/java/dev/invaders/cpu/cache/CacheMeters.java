package dev.invaders.cpu.cache;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** The result cache's meters: hits, misses (stale entries included) and entries. */
@Component
class CacheMeters {
    CacheMeters(ResultCache cache, MeterRegistry registry) {
        FunctionCounter.builder("invaders.opcode.cache.hits", cache, ResultCache::hits)
                .description("Cached mode: instructions whose result was reused").register(registry);
        FunctionCounter.builder("invaders.opcode.cache.misses", cache, ResultCache::misses)
                .description("Cached mode: instructions executed by a call (stale entries included)").register(registry);
        Gauge.builder("invaders.opcode.cache.entries", cache, ResultCache::size).register(registry);
    }
}
