package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.simulator.container.NetworkAccess;
import io.winnode.e2e.simulator.network.PodEndpoint;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod on a node: its sandbox (network namespace with the pod IP), its volumes and its containers
 * (init containers first). The network model asks it what listens where.
 */
final class PodSandbox {

    final String uid;
    final String namespace;
    final String name;
    final String nodeName;
    /** The name the node's host reports itself: its computer name (on EKS not the node name, parity SEC-02). */
    final String hostName;
    final OsFamily os;
    volatile Pod pod;
    String podIp;
    String hostIp;
    boolean hostNetwork;
    Instant startTime;
    String rejectedReason;
    String rejectedMessage;
    boolean volumesReady;
    // When the kubelet next tries to create the sandbox and mount volumes after a failure.
    Instant nextSandboxAttempt = Instant.EPOCH;
    NetworkAccess network;
    final Map<String, ContainerInstance> initContainers = new LinkedHashMap<>();
    final Map<String, ContainerInstance> containers = new LinkedHashMap<>();
    io.fabric8.kubernetes.api.model.PodStatus lastWrittenStatus;
    // Graceful termination requested through the API (REALISTIC profile): by when containers must be stopped.
    volatile Instant terminationDeadline;
    boolean killingReported;

    PodSandbox(Pod pod, String nodeName, OsFamily os) {
        this(pod, nodeName, nodeName, os);
    }

    PodSandbox(Pod pod, String nodeName, String hostName, OsFamily os) {
        this.pod = pod;
        this.hostName = hostName;
        this.uid = pod.getMetadata().getUid();
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
        this.nodeName = nodeName;
        this.os = os;
        if (pod.getSpec().getInitContainers() != null) {
            pod.getSpec().getInitContainers().forEach(c -> initContainers.put(c.getName(), new ContainerInstance(c, true)));
        }
        pod.getSpec().getContainers().forEach(c -> containers.put(c.getName(), new ContainerInstance(c, false)));
    }

    /**
     * The pod's hostname; a pod on the host network (hostNetwork, HostProcess) has the host's own
     * name, which is the node name unless the host's computer name differs (EKS Windows).
     */
    String hostname() {
        if (hostNetwork) {
            return hostName;
        }
        String h = pod.getSpec().getHostname();
        return h != null && !h.isEmpty() ? h : name;
    }

    ContainerInstance container(String containerName) {
        ContainerInstance c = containers.get(containerName);
        return c != null ? c : initContainers.get(containerName);
    }

    List<ContainerInstance> all() {
        List<ContainerInstance> list = new java.util.ArrayList<>(initContainers.values());
        list.addAll(containers.values());
        return list;
    }

    /**
     * Not synchronized on purpose: probes and execs of one pod may connect to another pod while its
     * kubelet holds that pod's lock; a slightly stale view of what listens is harmless, a lock cycle is not.
     */
    PodEndpoint endpoint() {
        Map<Integer, String> listeners = new HashMap<>();
        for (ContainerInstance c : all()) {
            if (c.running() && c.outcome != null && c.outcome.keepsRunning()) {
                for (Integer port : c.outcome.listensOn()) {
                    listeners.put(port, c.outcome.server());
                }
            }
        }
        return new PodEndpoint(namespace, name, hostname(), podIp, nodeName, hostNetwork, listeners);
    }
}
