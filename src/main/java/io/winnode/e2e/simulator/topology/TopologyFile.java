package io.winnode.e2e.simulator.topology;

import java.util.List;

/**
 * The shape of a topology YAML: the nodes the simulated cluster registers, and optionally the
 * cluster's DNS domain (the kubelets' {@code clusterDomain}; default {@code cluster.local}, kubeadm's).
 */
public record TopologyFile(List<TopologyNode> nodes, String clusterDomain) {
}
