package io.winnode.e2e.simulator.network;

import java.util.List;
import java.util.Optional;

/** Which pod owns an IP (the CNI's view), provided by the kubelets. */
public interface PodNetworkView {

    Optional<PodEndpoint> podByIp(String ip);

    /** Pods sharing the node's network namespace ({@code hostNetwork: true}) on the node with this IP. */
    List<PodEndpoint> hostNetworkPods(String nodeIp);

    /** A hostPort mapping on the node with this IP: the pod and its container port (CNI portmap / HNS port mapping). */
    record HostPortTarget(PodEndpoint pod, int containerPort) {
    }

    default Optional<HostPortTarget> hostPort(String nodeIp, int hostPort) {
        return Optional.empty();
    }
}
