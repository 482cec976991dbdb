package io.winnode.e2e.simulator.nodes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The node's heartbeat: its Lease in {@code kube-node-lease}, named after the node, held by it for
 * 40 s and renewed every 10 s, as the kubelet's defaults are ({@code nodeLeaseDurationSeconds},
 * kubernetes/kubelet config/v1beta1/types.go). The node lifecycle controller marks a node whose
 * lease is not renewed within {@code --node-monitor-grace-period} (50 s) NotReady and taints it
 * unreachable (real-control-plane.md §4.2). Owned by the Node, so it goes when the Node goes.
 */
final class NodeLease {

    static final String NAMESPACE = "kube-node-lease";
    static final Duration RENEW_INTERVAL = Duration.ofSeconds(10);
    private static final int DURATION_SECONDS = 40;

    private final KubernetesClient client;
    private final Node node;

    NodeLease(KubernetesClient client, Node node) {
        this.client = client;
        this.node = node;
    }

    /** Creates the lease, or takes it over after a restart; later calls renew it. */
    void renew() {
        String name = node.getMetadata().getName();
        ZonedDateTime now = ZonedDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        try {
            Lease existing = client.leases().inNamespace(NAMESPACE).withName(name).get();
            if (existing == null) {
                client.leases().inNamespace(NAMESPACE).resource(new LeaseBuilder()
                        .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                            .addNewOwnerReference().withApiVersion("v1").withKind("Node").withName(name)
                                .withUid(node.getMetadata().getUid()).endOwnerReference()
                        .endMetadata()
                        .withNewSpec().withHolderIdentity(name).withLeaseDurationSeconds(DURATION_SECONDS)
                            .withRenewTime(now).endSpec()
                        .build()).create();
                return;
            }
            existing.getSpec().setHolderIdentity(name);
            existing.getSpec().setLeaseDurationSeconds(DURATION_SECONDS);
            existing.getSpec().setRenewTime(now);
            client.leases().inNamespace(NAMESPACE).resource(existing).update();
        } catch (KubernetesClientException e) {
            // A conflict or a passing API error: the next renewal, 10 s later, is well within the 40 s lease.
        }
    }
}
