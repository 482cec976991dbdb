package io.winnode.e2e.simulator.kubelet;

import io.winnode.e2e.simulator.network.PodEndpoint;
import io.winnode.e2e.simulator.network.PodNetworkView;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every pod sandbox on every simulated node, by pod IP and by namespace/name: the CNI's and the streaming server's view. */
public final class RuntimeRegistry implements PodNetworkView, io.winnode.e2e.simulator.api.PodTermination {

    private final Map<String, PodSandbox> byKey = new ConcurrentHashMap<>();

    void add(PodSandbox sandbox) {
        byKey.put(sandbox.namespace + "/" + sandbox.name, sandbox);
    }

    void remove(PodSandbox sandbox) {
        byKey.remove(sandbox.namespace + "/" + sandbox.name, sandbox);
    }

    Optional<PodSandbox> find(String namespace, String name) {
        return Optional.ofNullable(byKey.get(namespace + "/" + name));
    }

    @Override
    public boolean terminate(String namespace, String name, long graceSeconds) {
        PodSandbox sb = byKey.get(namespace + "/" + name);
        if (sb == null) {
            return false;
        }
        if (sb.terminationDeadline == null) {
            // A kubelet that ignores spec.terminationGracePeriodSeconds (ignoredField) uses the default 30 s.
            long grace = graceSeconds > 0 && sb.pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30 : graceSeconds;
            sb.terminationDeadline = java.time.Instant.now().plusSeconds(grace);
        }
        return true;
    }

    /** The sandboxes on one node, in creation order of their pods. */
    List<PodSandbox> onNode(String nodeName) {
        return byKey.values().stream().filter(s -> nodeName.equals(s.nodeName))
                .sorted(java.util.Comparator.comparing(s -> s.name)).toList();
    }

    @Override
    public Optional<PodEndpoint> podByIp(String ip) {
        return byKey.values().stream().filter(s -> ip.equals(s.podIp) && !s.hostNetwork && s.rejectedReason == null)
                .findFirst().map(PodSandbox::endpoint);
    }

    /** Read from the kubelet's view of each pod, so a kubelet that ignores hostPort publishes nothing. */
    @Override
    public List<io.winnode.e2e.simulator.network.HostPortMapping> hostPortMappings(String nodeIp) {
        return byKey.values().stream()
                .filter(s -> !s.hostNetwork && s.rejectedReason == null && s.podIp != null && nodeIp.equals(s.hostIp))
                .flatMap(s -> s.pod.getSpec().getContainers().stream()
                        .filter(c -> c.getPorts() != null)
                        .flatMap(c -> c.getPorts().stream())
                        .filter(p -> p.getHostPort() != null && p.getHostPort() > 0)
                        .map(p -> new io.winnode.e2e.simulator.network.HostPortMapping(p.getHostPort(), s.podIp,
                                p.getContainerPort())))
                .toList();
    }

    @Override
    public List<PodEndpoint> hostNetworkPods(String nodeIp) {
        return byKey.values().stream().filter(s -> s.hostNetwork && nodeIp.equals(s.hostIp)).map(PodSandbox::endpoint).toList();
    }
}
