package io.winnode.e2e.framework.wait;

import io.winnode.e2e.framework.nodes.OsFamily;

import java.time.Duration;

/**
 * How long the suite waits, per OS. Windows images are large (300 MB to several GB) and Windows
 * containers start slower; upstream allows minutes for a Windows pod to start (parity notes §3.2).
 * A run may stretch every timeout with a scale factor for slow clusters.
 */
public record Timeouts(double scale) {

    public static Timeouts standard() {
        return new Timeouts(1.0);
    }

    public Duration podStart(OsFamily os) {
        return scaled(os == OsFamily.WINDOWS ? Duration.ofMinutes(5) : Duration.ofMinutes(2));
    }

    /** How long a pod that should fail may take to show its failure (image pull, admission). */
    public Duration podFailure(OsFamily os) {
        return podStart(os);
    }

    /**
     * A batch of pods created at once on one node, until the last runs: upstream's Density test
     * (test/e2e/windows/density.go) allows the batch 10 minutes, whatever the OS.
     */
    public Duration podBatchStart() {
        return scaled(Duration.ofMinutes(10));
    }

    /** Service endpoints and proxy rules settle within seconds on a healthy cluster. */
    public Duration serviceReady() {
        return scaled(Duration.ofSeconds(60));
    }

    /** Connectivity must hold within this much of the endpoints being ready (upstream: 30 s). */
    public Duration connectivity() {
        return scaled(Duration.ofSeconds(30));
    }

    /**
     * A new namespace's {@code default} ServiceAccount, which kube-controller-manager creates and the
     * ServiceAccount admission plugin requires before it admits a pod: upstream waits up to 2 min
     * (test/e2e/framework/framework.go, ServiceAccountProvisionTimeout).
     */
    public Duration serviceAccountProvision() {
        return scaled(Duration.ofMinutes(2));
    }

    public Duration exec() {
        return scaled(Duration.ofSeconds(60));
    }

    private Duration scaled(Duration base) {
        return Duration.ofMillis((long) (base.toMillis() * scale));
    }
}
