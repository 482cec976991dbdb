package io.winnode.e2e.framework.wait;

import io.winnode.e2e.foundation.os.OsFamily;

import java.time.Duration;

/**
 * How long the suite waits. Every budget is upstream's for the same wait, named beside it with the
 * file and constant it comes from (kubernetes/kubernetes test/e2e), so that a healthy real cluster
 * never fails on a budget tighter than the one Kubernetes' own e2e tests give it. A run may stretch
 * (or, against the fast simulated cluster, shrink) every budget with a scale factor.
 */
public record Timeouts(double scale) {

    public static Timeouts standard() {
        return new Timeouts(1.0);
    }

    /**
     * A pod until Running and Ready. Windows: 5 min, upstream's {@code PodStart}
     * (test/e2e/framework/timeouts.go), which upstream's Windows jobs can afford because their images
     * are pulled onto the nodes beforehand ({@code --prepull-images}); Linux: 2 min,
     * {@code PodStartShort} in the same file (small images, fast starts).
     */
    public Duration podStart(OsFamily os) {
        return scaled(os == OsFamily.WINDOWS ? Duration.ofMinutes(5) : Duration.ofMinutes(2));
    }

    /** How long a pod that should fail may take to show its failure (image pull, admission): as to start. */
    public Duration podFailure(OsFamily os) {
        return podStart(os);
    }

    /**
     * A deleted pod until its object is gone: 5 min, upstream's {@code PodDelete}
     * (test/e2e/framework/timeouts.go). Windows container stop and HNS endpoint removal are slow
     * (windows-parity D-42, D-59, D-60), so a tighter budget fails healthy nodes.
     */
    public Duration podDelete() {
        return scaled(Duration.ofMinutes(5));
    }

    /**
     * A batch of pods created at once on one node, until the last runs: upstream's Density test
     * (test/e2e/windows/density.go) allows the batch 10 minutes, whatever the OS.
     */
    public Duration podBatchStart() {
        return scaled(Duration.ofMinutes(10));
    }

    /**
     * A Service until its EndpointSlice lists ready endpoints: 60 s, upstream's {@code TestTimeout}
     * ("used for most polling/waiting activities", test/e2e/framework/service/const.go).
     */
    public Duration serviceReady() {
        return scaled(Duration.ofSeconds(60));
    }

    /**
     * A newly created Service (or one deleted and created again) until it answers: 2 min, upstream's
     * {@code RespondingTimeout} (test/e2e/framework/service/const.go). Every node's proxy must first
     * program the new Service; on Windows kube-proxy (winkernel) creates an HNS load balancer per
     * Service, which is known to take long (windows-parity D-11, kubernetes/kubernetes#109162).
     */
    public Duration serviceResponding() {
        return scaled(Duration.ofMinutes(2));
    }

    /**
     * Connectivity that depends only on endpoint changes the proxies must notice (new backends of an
     * existing Service, a pod that just turned Ready): 30 s, upstream's {@code KubeProxyEndpointLagTimeout}
     * (test/e2e/framework/service/const.go). Not for a Service's first connection: see
     * {@link #serviceResponding()}.
     */
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

    /**
     * One exec until its command exits: 60 s. Upstream has no constant for a single exec; this is the
     * value of its general {@code TestTimeout} (test/e2e/framework/service/const.go), far above what
     * the suite's commands need, since each bounds its own network wait to 5 s.
     */
    public Duration exec() {
        return scaled(Duration.ofSeconds(60));
    }

    private Duration scaled(Duration base) {
        return Duration.ofMillis((long) (base.toMillis() * scale));
    }
}
