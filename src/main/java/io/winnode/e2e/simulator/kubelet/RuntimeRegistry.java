package io.winnode.e2e.simulator.kubelet;

import io.winnode.e2e.simulator.network.PodEndpoint;
import io.winnode.e2e.simulator.network.PodNetworkView;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every pod sandbox on every simulated node, by pod IP and by namespace/name: the CNI's and the streaming server's view. */
public final class RuntimeRegistry implements PodNetworkView {

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

    /** Reads the kubelet's view of the pod: a kubelet that ignores hostPort has not mapped it. */
    @Override
    public Optional<HostPortTarget> hostPort(String nodeIp, int hostPort) {
        for (PodSandbox s : byKey.values()) {
            if (s.hostNetwork || s.podIp == null || !nodeIp.equals(s.hostIp) || s.rejectedReason != null) {
                continue;
            }
            for (var c : s.pod.getSpec().getContainers()) {
                for (var p : c.getPorts() == null ? List.<io.fabric8.kubernetes.api.model.ContainerPort>of() : c.getPorts()) {
                    if (p.getHostPort() != null && p.getHostPort() == hostPort) {
                        return Optional.of(new HostPortTarget(s.endpoint(), p.getContainerPort()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<PodEndpoint> hostNetworkPods(String nodeIp) {
        return byKey.values().stream().filter(s -> s.hostNetwork && nodeIp.equals(s.hostIp)).map(PodSandbox::endpoint).toList();
    }
}
