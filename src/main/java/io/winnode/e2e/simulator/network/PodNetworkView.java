package io.winnode.e2e.simulator.network;

import java.util.List;
import java.util.Optional;

/** Which pod owns an IP (the CNI's view), provided by the kubelets. */
public interface PodNetworkView {

    Optional<PodEndpoint> podByIp(String ip);

    /** Pods sharing the node's network namespace ({@code hostNetwork: true}) on the node with this IP. */
    List<PodEndpoint> hostNetworkPods(String nodeIp);

    /** Container ports published as hostPorts on the node with this IP, by running pods. */
    List<HostPortMapping> hostPortMappings(String nodeIp);
}
