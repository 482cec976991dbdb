package io.winnode.e2e.framework.lifecycle;

import java.time.Duration;
import java.time.Instant;

/**
 * The last sign of life of one run: when it last renewed its Lease and for how long that renewal
 * holds ({@code spec.leaseDurationSeconds}), the same contract kubelets keep with their node Leases
 * (kubernetes.io/docs/concepts/architecture/leases/).
 */
public record Heartbeat(String runId, Instant renewed, Duration leaseDuration) {

    /** The run promised to renew before now: it is alive, whatever grace period a sweep was given. */
    public boolean live(Instant now) {
        return renewed.plus(leaseDuration).isAfter(now);
    }

    public Duration age(Instant now) {
        return Duration.between(renewed, now);
    }
}
