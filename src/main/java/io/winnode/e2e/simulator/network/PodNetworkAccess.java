package io.winnode.e2e.simulator.network;

import io.winnode.e2e.framework.nodes.OsFamily;
import io.winnode.e2e.simulator.container.NetworkAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The network as one pod sees it: its resolver configuration, its IP and its node's OS (for kube-proxy). */
public final class PodNetworkAccess implements NetworkAccess {

    private final ClusterNetwork network;
    private final ClusterDns dns;
    private final ResolverConfig resolver;
    private final String clusterDnsIp;
    private final String podIp;
    private final OsFamily nodeOs;
    private final boolean hostNetwork;
    private final Consumer<Duration> waiter;

    public PodNetworkAccess(ClusterNetwork network, ClusterDns dns, ResolverConfig resolver, String clusterDnsIp, String podIp,
                            OsFamily nodeOs, boolean hostNetwork, Consumer<Duration> waiter) {
        this.hostNetwork = hostNetwork;
        this.network = network;
        this.dns = dns;
        this.resolver = resolver;
        this.clusterDnsIp = clusterDnsIp;
        this.podIp = podIp;
        this.nodeOs = nodeOs;
        this.waiter = waiter;
    }

    @Override
    public List<String> resolve(String name, boolean useSearch) {
        if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return List.of(name);
        }
        if (!resolver.nameservers().contains(clusterDnsIp)) {
            return List.of(); // not the cluster DNS: cluster names are unknown, the internet is not modelled
        }
        for (String candidate : resolver.candidates(name, useSearch)) {
            List<String> answer = dns.answer(candidate);
            if (!answer.isEmpty()) {
                return new ArrayList<>(answer);
            }
        }
        return List.of();
    }

    @Override
    public List<String> searchDomains() {
        return resolver.searches();
    }

    @Override
    public List<String> nameservers() {
        return resolver.nameservers();
    }

    @Override
    public ConnectResult connect(String host, int port, Duration timeout) {
        return dial(host, port, timeout).result();
    }

    private ClusterNetwork.Connection dial(String host, int port, Duration timeout) {
        List<String> ips = resolve(host, true);
        if (ips.isEmpty()) {
            return new ClusterNetwork.Connection(new ConnectResult(ConnectKind.DNS, host, port), null, null, null);
        }
        ClusterNetwork.Connection c = network.connect(podIp, nodeOs, hostNetwork, ips.get(0), port);
        if (c.result().kind() == ConnectKind.TIMEOUT) {
            waiter.accept(timeout);
        }
        return c;
    }

    @Override
    public HttpResult get(String host, int port, String pathAndQuery, Duration timeout) {
        ClusterNetwork.Connection c = dial(host, port, timeout);
        if (c.result().kind() != ConnectKind.CONNECTED) {
            return new HttpResult(c.result(), 0, "");
        }
        HttpResponder.Reply reply = HttpResponder.respond(c.server(), c.hostname(), pathAndQuery, c.clientAddress());
        return new HttpResult(c.result(), reply.status(), reply.body());
    }
}
