package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Readies a shared control plane for a new set of simulated nodes, as if the previous nodes had been
 * decommissioned and the workloads on them removed: every pod outside the system namespaces is
 * force-deleted (its kubelet is gone and will never confirm a graceful stop), those namespaces are
 * deleted, and the old Node objects and their Leases go, so that the new nodes register afresh and
 * receive new pod CIDRs. The control plane's own objects (system namespaces, the {@code kubernetes}
 * and {@code kube-dns} Services, RBAC) stay.
 */
final class ClusterReset {

    private static final Set<String> SYSTEM_NAMESPACES = Set.of("default", "kube-system", "kube-public", "kube-node-lease");
    private static final Duration NODES_GONE = Duration.ofSeconds(30);

    private ClusterReset() {
    }

    static void forNewNodes(KubernetesClient admin) {
        for (Namespace ns : admin.namespaces().list().getItems()) {
            String name = ns.getMetadata().getName();
            if (SYSTEM_NAMESPACES.contains(name)) {
                continue;
            }
            admin.pods().inNamespace(name).withGracePeriod(0).delete();
            admin.namespaces().withName(name).delete();
        }
        admin.pods().inNamespace("default").withGracePeriod(0).delete();
        admin.leases().inNamespace("kube-node-lease").delete();
        admin.nodes().delete();
        Instant deadline = Instant.now().plus(NODES_GONE);
        while (!admin.nodes().list().getItems().isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The shared control plane's old nodes were not deleted within "
                        + NODES_GONE.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
