package dev.invaders.opcode;

import dev.invaders.i8080.Family;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * {@code invaders.opcode.executions}: a timer per served family (histogram on, so latency quantiles can be
 * aggregated across pods); {@code invaders.opcode.rejected}: requests refused, by HTTP status.
 */
@Component
public class ExecutionMetrics {
    private final Map<Family, Timer> timers = new EnumMap<>(Family.class);
    private final Map<Integer, Counter> rejected = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public ExecutionMetrics(MeterRegistry registry, OpcodeProperties properties) {
        this.registry = registry;
        for (Family family : properties.servedFamilies()) {
            timers.put(family, Timer.builder("invaders.opcode.executions")
                    .description("Instructions executed, by opcode family")
                    .tag("family", family.serviceName())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(500))
                    .maximumExpectedValue(Duration.ofMillis(100))
                    .register(registry));
        }
    }

    public Timer timer(Family family) {
        return timers.get(family);
    }

    public void rejected(int status) {
        rejected.computeIfAbsent(status, s -> Counter.builder("invaders.opcode.rejected")
                .description("Requests refused (4xx), by status")
                .tag("status", Integer.toString(s))
                .register(registry)).increment();
    }
}
