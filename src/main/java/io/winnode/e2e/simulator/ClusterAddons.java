package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.winnode.e2e.simulator.topology.Topology;
import io.winnode.e2e.simulator.topology.TopologyNode;

import java.util.HashMap;
import java.util.Map;

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
            admin.nodes().withName(spec.name()).edit(node -> mark(node, spec, labels, cordon));
        }
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
