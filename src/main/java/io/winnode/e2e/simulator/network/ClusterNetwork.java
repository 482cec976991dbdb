package io.winnode.e2e.simulator.network;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.simulator.container.NetworkAccess.ConnectKind;
import io.winnode.e2e.simulator.container.NetworkAccess.ConnectResult;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The flat pod network plus kube-proxy: a TCP connect to an IP succeeds when the owner of the IP has
 * a process listening on the port, is REFUSED when the owner exists but nothing listens, and TIMES
 * OUT when no one owns the IP. Service IPs and NodePorts are first routed by {@link ServiceProxy};
 * a Service without ready endpoints is rejected on Linux (kube-proxy's iptables REJECT rule) and
 * silently dropped on Windows (no HNS load balancer policy), i.e. a timeout.
 */
public final class ClusterNetwork {

    /** A connection that reached a listener: which server answers and what address it sees for the client. */
    public record Connection(ConnectResult result, String server, String hostname, String clientAddress) {
    }

    private final ServiceView store;
    private final PodNetworkView pods;
    private final ServiceProxy proxy;
    private final Random ports;
    private final RuleHistory history;

    public ClusterNetwork(ServiceView store, PodNetworkView pods, long seed) {
        this.store = store;
        this.pods = pods;
        this.proxy = new ServiceProxy(store, seed);
        this.ports = new Random(seed ^ 0x7f4a7c15L);
        this.history = new RuleHistory(store);
    }

    /** The Service/EndpointSlice states over time, for nodes whose proxy is frozen or slow. */
    public RuleHistory history() {
        return history;
    }

    /** The rules the client's node has programmed: none (missing), frozen (stale), late (slow) or current. */
    private ServiceRules rulesFor(SourceFaults source) {
        Optional<SourceFaults.ProxyFault> fault = source.serviceProxy();
        if (fault.isEmpty()) {
            return ServiceRules.current(store);
        }
        return switch (fault.get().fault().mode()) {
            case "missing" -> ServiceRules.NONE;
            case "stale" -> history.frozenAt(fault.get().since());
            default -> history.asOf(Instant.now().minusMillis((long) (fault.get().fault().delaySeconds() * 1000)));
        };
    }

    /**
     * The kind of destination a connection goes to, as {@code network} faults name it:
     * clusterDNS, clusterIP, nodePort, hostPort, podIP, or external (no one in the cluster owns it).
     */
    String destinationKind(String ip, int port, String clusterDnsIp) {
        if (ip.equals(clusterDnsIp)) {
            return "clusterDNS";
        }
        ServiceProxy.Route route = proxy.route(ip, port, null, ServiceRules.current(store), false);
        if (route.service()) {
            return route.viaNodePort() ? "nodePort" : "clusterIP";
        }
        if (pods.podByIp(ip).isPresent()) {
            return "podIP";
        }
        if (proxy.isNodeIp(ip)) {
            return "hostPort";
        }
        return ip.startsWith("10.96.") ? "clusterIP" : "external";
    }

    /** The node a client runs on: its pod's node, or the node itself for a host-network client. */
    private Optional<Node> clientNode(String clientIp) {
        Optional<PodEndpoint> pod = pods.podByIp(clientIp).filter(p -> !p.hostNetwork());
        if (pod.isPresent()) {
            return store.nodes().stream().filter(n -> n.getMetadata().getName().equals(pod.get().nodeName())).findFirst();
        }
        return nodeWithIp(clientIp);
    }

    /**
     * {@code fromHost}: the client shares its node's network namespace (a Linux hostNetwork pod or a
     * Windows HostProcess pod). A Windows host cannot reach Service IPs, nor a NodePort on itself
     * (parity NET-06, NET-07: windows-networking.md limitations, debugging guide).
     */
    public Connection connect(String clientIp, OsFamily clientNodeOs, boolean fromHost, String ip, int port, SourceFaults source) {
        ServiceProxy.Route route = proxy.route(ip, port, clientIp, rulesFor(source),
                source.honoursSessionAffinity() && clientNode(clientIp).map(ProxyFeatures::sessionAffinity).orElse(true));
        String targetIp = ip;
        int targetPort = port;
        String sourceIp = clientIp;
        if (route.service() && fromHost && clientNodeOs == OsFamily.WINDOWS && (!route.viaNodePort() || ip.equals(clientIp))) {
            return new Connection(new ConnectResult(ConnectKind.TIMEOUT, ip, port), null, null, null);
        }
        if (route.service()) {
            if (route.noEndpoints()) {
                ConnectKind kind = clientNodeOs == OsFamily.WINDOWS ? ConnectKind.TIMEOUT : ConnectKind.REFUSED;
                return new Connection(new ConnectResult(kind, ip, port), null, null, null);
            }
            targetIp = route.ip();
            targetPort = route.port();
            if (route.viaNodePort()) {
                sourceIp = ip; // externalTrafficPolicy Cluster: the node SNATs NodePort traffic
            }
        }
        String client = sourceIp + ":" + ephemeralPort();
        Optional<PodEndpoint> owner = pods.podByIp(targetIp);
        if (owner.isPresent() && !owner.get().hostNetwork()) {
            return toListener(owner.get().listeners(), owner.get().hostname(), targetIp, targetPort, ip, port, client);
        }
        Optional<Node> node = nodeWithIp(targetIp);
        Optional<PodNetworkView.HostPortTarget> mapped = node.isPresent() ? pods.hostPort(targetIp, targetPort) : Optional.empty();
        if (mapped.isPresent()) {
            PodEndpoint pod = mapped.get().pod();
            return toListener(pod.listeners(), pod.hostname(), pod.ip(), mapped.get().containerPort(), ip, port, client);
        }
        if (node.isPresent()) {
            Map<Integer, String> listeners = new HashMap<>();
            listeners.put(10250, "kubelet");
            if (node.get().getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane")) {
                listeners.put(6443, "apiserver");
            }
            String hostname = node.get().getMetadata().getName();
            for (PodEndpoint hostPod : pods.hostNetworkPods(targetIp)) {
                listeners.putAll(hostPod.listeners());
            }
            return toListener(listeners, hostname, targetIp, targetPort, ip, port, client);
        }
        return new Connection(new ConnectResult(ConnectKind.TIMEOUT, ip, port), null, null, null);
    }

    private static Connection toListener(Map<Integer, String> listeners, String hostname, String targetIp, int targetPort,
                                         String dialledIp, int dialledPort, String client) {
        if (!listeners.containsKey(targetPort)) {
            return new Connection(new ConnectResult(ConnectKind.REFUSED, dialledIp, dialledPort), null, null, null);
        }
        return new Connection(new ConnectResult(ConnectKind.CONNECTED, targetIp, targetPort), listeners.get(targetPort),
                hostname, client);
    }

    private Optional<Node> nodeWithIp(String ip) {
        return store.nodes().stream()
                .filter(n -> n.getStatus().getAddresses().stream().map(NodeAddress::getAddress).anyMatch(ip::equals))
                .findFirst();
    }

    private int ephemeralPort() {
        synchronized (ports) {
            return 32768 + ports.nextInt(28232);
        }
    }
}
