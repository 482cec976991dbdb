package io.winnode.e2e.framework.lifecycle;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.winnode.e2e.framework.cluster.ClusterUnreachableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Tells other runs that this one is alive: a coordination.k8s.io Lease named after the run, renewed
 * every quarter of its lease duration (kubelets renew their node Leases every 10 s of 40 s, the same
 * share), so that three renewals in a row may fail before anyone takes the run for dead.
 *
 * <p>Why a Lease in a namespace of the run's own: a Lease is the API's own object for "holder X is alive
 * until T" (kubernetes.io/docs/concepts/architecture/leases/), one small write per renewal whatever the
 * run's size, where renewing an annotation would write every namespace the run holds; and a run writes
 * only into namespaces it created, never into one it merely found. That namespace carries the run's
 * label like every other object, so a dead run's heartbeat is swept with the rest of it.
 */
public final class RunHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunHeartbeat.class);
    static final String LEASE_NAME = "heartbeat";

    private final KubernetesClient client;
    private final ResourceManager resources;
    private final Clock clock;
    private final ScheduledExecutorService renewals;
    private volatile Lease lease;

    private RunHeartbeat(KubernetesClient client, ResourceManager resources, Lease lease, Clock clock) {
        this.client = client;
        this.resources = resources;
        this.lease = lease;
        this.clock = clock;
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "winnode-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Creates the run's heartbeat namespace and Lease, and renews the Lease until closed. */
    public static RunHeartbeat start(KubernetesClient client, String runId, Duration leaseDuration, Clock clock) {
        var resources = new ResourceManager(client, new Ownership(runId, "heartbeat"));
        try {
            String namespace = namespaceOf(runId);
            resources.create(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build());
            Lease lease = resources.create(new LeaseBuilder()
                    .withNewMetadata().withName(LEASE_NAME).withNamespace(namespace).endMetadata()
                    .withNewSpec().withHolderIdentity(runId).withLeaseDurationSeconds((int) leaseDuration.toSeconds())
                    .withAcquireTime(microTime(clock.instant())).withRenewTime(microTime(clock.instant())).endSpec()
                    .build());
            var heartbeat = new RunHeartbeat(client, resources, lease, clock);
            long every = Math.max(1, leaseDuration.toMillis() / 4);
            heartbeat.renewals.scheduleWithFixedDelay(heartbeat::renew, every, every, TimeUnit.MILLISECONDS);
            return heartbeat;
        } catch (KubernetesClientException e) {
            resources.close();
            if (e.getCode() == 403) {
                throw new ClusterUnreachableException("The run's credentials may not create its heartbeat (a namespace "
                        + namespaceOf(runId) + " and a Lease in it): " + e.getMessage() + ". Grant what "
                        + "manifests/runner/clusterrole.yaml grants (namespaces; leases in coordination.k8s.io).", e);
            }
            throw e;
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** {@code <run id>-heartbeat}: the run id is a DNS label of 23 characters, so this one is too. */
    public static String namespaceOf(String runId) {
        return runId + "-heartbeat";
    }

    /** Every run's last heartbeat, by run id, as the cluster has them now. */
    public static Map<String, Heartbeat> all(KubernetesClient client) {
        return client.leases().inAnyNamespace().withLabel(Ownership.RUN_ID).list().getItems().stream()
                .filter(l -> l.getSpec() != null && l.getSpec().getRenewTime() != null
                        && l.getSpec().getLeaseDurationSeconds() != null)
                .map(l -> new Heartbeat(l.getMetadata().getLabels().get(Ownership.RUN_ID),
                        l.getSpec().getRenewTime().toInstant(),
                        Duration.ofSeconds(l.getSpec().getLeaseDurationSeconds())))
                .collect(Collectors.toMap(Heartbeat::runId, h -> h, (a, b) -> a.renewed().isAfter(b.renewed()) ? a : b));
    }

    private void renew() {
        try {
            Lease next = new LeaseBuilder(lease).editSpec().withRenewTime(microTime(clock.instant())).endSpec().build();
            lease = client.resource(next).update();
        } catch (KubernetesClientException e) {
            // The next renewal tries again; the lease duration allows three misses.
            LOG.warn("Could not renew the run's heartbeat Lease {}/{}: {}", lease.getMetadata().getNamespace(),
                    LEASE_NAME, e.getMessage());
        }
    }

    private static ZonedDateTime microTime(Instant instant) {
        return instant.atZone(ZoneOffset.UTC);
    }

    /** Stops renewing, for a run that deletes its own objects, heartbeat included, on its way out. */
    public void stopRenewing() {
        renewals.shutdownNow();
    }

    /** Stops renewing and deletes the Lease and its namespace: the run is over. */
    @Override
    public void close() {
        stopRenewing();
        resources.close();
    }
}
