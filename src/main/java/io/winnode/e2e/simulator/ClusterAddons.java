package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.winnode.e2e.simulator.topology.Topology;
import io.winnode.e2e.simulator.topology.TopologyNode;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What an installer (kubeadm and its DNS addon) adds to a fresh control plane, written with the
 * admin's client as an installer writes it; nothing here answers for the API server, which creates
 * the system namespaces and the {@code kubernetes} Service itself.
 * <ul>
 *   <li>The {@code kube-dns} Service at 10.96.0.10, the tenth address of the service CIDR, as kubeadm
 *       computes it (kubernetes/kubernetes cmd/kubeadm/app/constants GetDNSIP); the DNS server behind
 *       it is the simulator's data-plane model, so the Service has no endpoints in the API.</li>
 *   <li>The topology's extra node labels (such as {@code node-role.kubernetes.io/control-plane}) and
 *       cordons: the NodeRestriction admission plugin forbids a kubelet to set such labels on itself,
 *       so kubeadm applies them after the node registered (kubeadm's mark-control-plane phase).</li>
 * </ul>
 */
final class ClusterAddons {

    static final String CLUSTER_DNS_IP = "10.96.0.10";
    static final String SERVICE_CIDR = "10.96.0.0/12";
    static final String POD_CIDR = "10.244.0.0/16";

    private ClusterAddons() {
    }

    /** Creates the {@code kube-dns} Service unless a previous user of a shared control plane already did. */
    static void installDns(KubernetesClient admin) {
        if (admin.services().inNamespace("kube-system").withName("kube-dns").get() != null) {
            return;
        }
        admin.services().inNamespace("kube-system").resource(new ServiceBuilder()
                .withNewMetadata().withName("kube-dns").withNamespace("kube-system")
                    .withLabels(Map.of("k8s-app", "kube-dns", "kubernetes.io/cluster-service", "true",
                            "kubernetes.io/name", "CoreDNS")).endMetadata()
                .withNewSpec().withClusterIP(CLUSTER_DNS_IP).withSelector(Map.of("k8s-app", "kube-dns"))
                    .addNewPort().withName("dns").withPort(53).withProtocol("UDP").withTargetPort(new IntOrString(53)).endPort()
                    .addNewPort().withName("dns-tcp").withPort(53).withProtocol("TCP").withTargetPort(new IntOrString(53)).endPort()
                    .addNewPort().withName("metrics").withPort(9153).withProtocol("TCP").withTargetPort(new IntOrString(9153)).endPort()
                .endSpec().build()).create();
    }

    /** Applies each registered node's topology labels and cordon, as the installer does after registration. */
    static void markNodes(KubernetesClient admin, Topology topology) {
        for (TopologyNode spec : topology.nodes()) {
            boolean labels = spec.labels() != null && !spec.labels().isEmpty();
            boolean cordon = Boolean.TRUE.equals(spec.unschedulable());
            if (!labels && !cordon) {
                continue;
            }
            editRetryingConflicts(admin, spec.name(), node -> mark(node, spec, labels, cordon));
        }
    }

    /**
     * A node is written by its kubelet and by the lifecycle and IPAM controllers while the installer marks it, so an
     * edit based on the node as just read can meet HTTP 409; it is read and applied again, as client-go's
     * retry.RetryOnConflict does for the same read-modify-write (k8s.io/client-go/util/retry).
     */
    private static void editRetryingConflicts(KubernetesClient admin, String name, UnaryOperator<Node> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                admin.nodes().withName(name).edit(change);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** client-go's retry.DefaultRetry allows 5 steps. */
    private static final int CONFLICT_ATTEMPTS = 5;

    /**
     * Node taints the node lifecycle controller keeps on a node until it has seen the node Ready and
     * reachable (pkg/controller/nodelifecycle: TaintNodeNotReady, TaintNodeUnreachable); the
     * scheduler places no pod on a node that carries them.
     */
    private static final Set<String> NOT_YET_SCHEDULABLE = Set.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable");

    /**
     * Waits until the control plane sees every simulated node Ready and without the lifecycle
     * controller's not-ready taints, so the cluster is handed over as a healthy real one would be:
     * a run that reads its node inventory at once must not find a node the scheduler still avoids.
     */
    static void awaitNodesSchedulable(KubernetesClient admin, Topology topology, Duration timeout) {
        Set<String> names = new HashSet<>();
        topology.nodes().forEach(n -> names.add(n.name()));
        Awaitility.await("simulated nodes Ready and untainted by the node lifecycle controller")
                .atMost(timeout).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> admin.nodes().list().getItems().stream()
                        .filter(n -> names.contains(n.getMetadata().getName()) && schedulable(n)).count() == names.size());
    }

    private static boolean schedulable(Node node) {
        boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        boolean tainted = node.getSpec().getTaints() != null && node.getSpec().getTaints().stream()
                .anyMatch(t -> NOT_YET_SCHEDULABLE.contains(t.getKey()));
        return ready && !tainted;
    }

    private static Node mark(Node node, TopologyNode spec, boolean labels, boolean cordon) {
        if (labels) {
            Map<String, String> merged = new HashMap<>(node.getMetadata().getLabels());
            merged.putAll(spec.labels());
            node.getMetadata().setLabels(merged);
        }
        if (cordon) {
            node.getSpec().setUnschedulable(true);
        }
        return node;
    }
}
