package dev.invaders.cpu.cache;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code warmUp} in the readiness group: OUT_OF_SERVICE while the {@link CacheWarmUp} plays its games, UP
 * once it has ended (or when it is off). So {@code ./run-local} says "running", and Kubernetes sends
 * traffic, only when the first player's game finds its frames cached, instead of sharing the two cores
 * with the warm-up. The warm-up is bounded ({@link CacheWarmUp#DEADLINE_SECONDS}), so readiness comes.
 */
@Component("warmUp")
public class WarmUpHealthIndicator implements HealthIndicator {
    private final CacheWarmUp warmUp;

    public WarmUpHealthIndicator(CacheWarmUp warmUp) {
        this.warmUp = warmUp;
    }

    @Override
    public Health health() {
        return warmUp.done() ? Health.up().build() : Health.outOfService().build();
    }
}
