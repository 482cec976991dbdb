package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.winnode.e2e.simulator.topology.NodeFactory;
import io.winnode.e2e.simulator.topology.Topology;
import io.winnode.e2e.simulator.topology.TopologyNode;

import java.util.List;
import java.util.Map;

/**
 * What kubeadm and the kubelets leave in a fresh cluster: the system namespaces, one Node per
 * topology entry (registered by its kubelet), the {@code kubernetes} Service (10.96.0.1:443 →
 * control plane :6443) with its EndpointSlice, and the {@code kube-dns} Service at 10.96.0.10.
 */
public final class Bootstrap {

    public static final String CLUSTER_DNS_IP = "10.96.0.10";
    public static final String CLUSTER_DOMAIN = "cluster.local";

    private Bootstrap() {
    }

    public static List<Node> run(KubernetesClient client, Topology topology, String kubeletVersion) {
        for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        }
        List<Node> nodes = new java.util.ArrayList<>();
        List<TopologyNode> specs = topology.nodes();
        for (int i = 0; i < specs.size(); i++) {
            nodes.add(client.nodes().resource(NodeFactory.build(specs.get(i), i, kubeletVersion)).create());
        }
        TopologyNode controlPlane = specs.stream()
                .filter(n -> n.labels() != null && n.labels().containsKey("node-role.kubernetes.io/control-plane"))
                .findFirst().orElse(specs.get(0));
        Service kubernetes = new ServiceBuilder().withNewMetadata().withName("kubernetes").withNamespace("default")
                .withLabels(Map.of("component", "apiserver", "provider", "kubernetes")).endMetadata()
                .withNewSpec().withClusterIP("10.96.0.1").withType("ClusterIP")
                .addNewPort().withName("https").withPort(443).withProtocol("TCP").withTargetPort(new IntOrString(6443)).endPort()
                .endSpec().build();
        kubernetes = client.services().inNamespace("default").resource(kubernetes).create();
        client.discovery().v1().endpointSlices().inNamespace("default").resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("kubernetes").withNamespace("default")
                    .withLabels(Map.of(EndpointSliceController.SERVICE_NAME, "kubernetes",
                            EndpointSliceController.MANAGED_BY, "endpointslicemirroring-controller.k8s.io")).endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint().withAddresses(controlPlane.internalIP()).withNewConditions().withReady(true).withServing(true)
                    .withTerminating(false).endConditions().endEndpoint()
                .addNewPort().withName("https").withPort(6443).withProtocol("TCP").endPort()
                .build()).create();
        client.services().inNamespace("kube-system").resource(new ServiceBuilder()
                .withNewMetadata().withName("kube-dns").withNamespace("kube-system")
                    .withLabels(Map.of("k8s-app", "kube-dns", "kubernetes.io/cluster-service", "true",
                            "kubernetes.io/name", "CoreDNS")).endMetadata()
                .withNewSpec().withClusterIP(CLUSTER_DNS_IP).withSelector(Map.of("k8s-app", "kube-dns"))
                    .addNewPort().withName("dns").withPort(53).withProtocol("UDP").withTargetPort(new IntOrString(53)).endPort()
                    .addNewPort().withName("dns-tcp").withPort(53).withProtocol("TCP").withTargetPort(new IntOrString(53)).endPort()
                    .addNewPort().withName("metrics").withPort(9153).withProtocol("TCP").withTargetPort(new IntOrString(9153)).endPort()
                .endSpec().build()).create();
        return nodes;
    }
}
