package dev.invaders.cpu.session;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Part of the readiness group (as {@code sessionsResumed}): OUT_OF_SERVICE until the sessions found on the memory
 * bus at startup have been resumed, so no client (nor a Kubernetes Service) is sent here while a session it
 * holds would still answer 404.
 */
@Component("sessionsResumedHealthIndicator")
public class ResumeHealthIndicator implements HealthIndicator {
    private final SessionResumer resumer;

    public ResumeHealthIndicator(SessionResumer resumer) {
        this.resumer = resumer;
    }

    @Override
    public Health health() {
        return resumer.resumeDone() ? Health.up().build() : Health.status(Status.OUT_OF_SERVICE).build();
    }
}
