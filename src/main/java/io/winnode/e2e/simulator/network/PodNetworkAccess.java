package io.winnode.e2e.simulator.network;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.simulator.container.NetworkAccess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.winnode.e2e.simulator.faults.Mechanisms.DnsFault;
import io.winnode.e2e.simulator.faults.Mechanisms.NetworkFault;
import java.util.function.Consumer;

/**
 * The network as one pod sees it: its resolver configuration, its IP and its node's OS (for
 * kube-proxy), and the faults that apply to its traffic ({@link SourceFaults}).
 */
public final class PodNetworkAccess implements NetworkAccess {

    private final ClusterNetwork network;
    private final ClusterDns dns;
    private final ResolverConfig resolver;
    private final String clusterDnsIp;
    private final String podIp;
    private final OsFamily nodeOs;
    private final boolean hostNetwork;
    private final Consumer<Duration> waiter;
    private final SourceFaults faults;
    // Name (lower case) → address from the pod's hosts file, consulted before DNS by getaddrinfo-style lookups.
    private final java.util.Map<String, String> hostsFile;
    private final java.util.function.Supplier<Duration> jitter;

    public PodNetworkAccess(ClusterNetwork network, ClusterDns dns, ResolverConfig resolver, String clusterDnsIp, String podIp,
                            OsFamily nodeOs, boolean hostNetwork, Consumer<Duration> waiter) {
        this(network, dns, resolver, clusterDnsIp, podIp, nodeOs, hostNetwork, waiter, SourceFaults.none(), () -> Duration.ZERO,
                java.util.Map.of());
    }

    /**
     * {@code waiter} waits an in-container duration (scaled by the latency profile); {@code jitter}
     * is a small seeded real delay added to each DNS query, so that ordering races surface.
     */
    public PodNetworkAccess(ClusterNetwork network, ClusterDns dns, ResolverConfig resolver, String clusterDnsIp, String podIp,
                            OsFamily nodeOs, boolean hostNetwork, Consumer<Duration> waiter, SourceFaults faults,
                            java.util.function.Supplier<Duration> jitter, java.util.Map<String, String> hostsFile) {
        this.hostsFile = hostsFile;
        this.faults = faults;
        this.jitter = jitter;
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
        return query(name, resolver.candidates(name, useSearch));
    }

    @Override
    public List<String> query(String name, List<String> candidates) {
        if (name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return List.of(name);
        }
        if (!resolver.nameservers().contains(clusterDnsIp)) {
            return List.of(); // not the cluster DNS: cluster names are unknown, the internet is not modelled
        }
        pauseReal(jitter.get());
        Optional<NetworkFault> path = faults.network("clusterDNS", 53, "UDP");
        if (path.isPresent()) {
            NetworkFault f = path.get();
            if (!f.action().equals("delay") || f.delaySeconds() >= DNS_TIMEOUT.toSeconds()) {
                // Dropped or refused queries: the resolver retries, then gives up with no answer at all.
                waiter.accept(DNS_TIMEOUT);
                throw new DnsTimeoutException(name);
            }
            waiter.accept(Duration.ofMillis((long) (f.delaySeconds() * 1000)));
        }
        for (String candidate : candidates) {
            Optional<DnsFault> fault = faults.dns(candidate);
            if (fault.isPresent()) {
                switch (fault.get().answer()) {
                    case "nxdomain" -> {
                        continue; // NXDOMAIN for this candidate: the resolver goes on down the search list
                    }
                    case "timeout" -> {
                        waiter.accept(DNS_TIMEOUT);
                        throw new DnsTimeoutException(name);
                    }
                    default -> {
                        List<String> real = dns.answer(candidate);
                        if (!real.isEmpty() || fault.get().staleAddress() != null) {
                            return List.of(fault.get().staleAddress() != null ? fault.get().staleAddress() : STALE_ADDRESS);
                        }
                        continue;
                    }
                }
            }
            List<String> answer = dns.answer(candidate);
            if (!answer.isEmpty()) {
                return new ArrayList<>(answer);
            }
        }
        return List.of();
    }

    /** resolv.conf defaults: timeout 5 s × attempts 2 (the Windows resolver's total is similar). */
    private static final Duration DNS_TIMEOUT = Duration.ofSeconds(10);

    /** An address no longer in use: the pod CIDR of a node index the topology never allocates. */
    static final String STALE_ADDRESS = "10.244.255.254";

    private static void pauseReal(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int ndots() {
        return resolver.ndots();
    }

    @Override
    public String address() {
        return podIp;
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
        List<String> ips;
        String fromHosts = hostsFile.get(host.toLowerCase(java.util.Locale.ROOT));
        try {
            ips = fromHosts != null ? List.of(fromHosts) : resolve(host, true);
        } catch (DnsTimeoutException e) {
            ips = List.of();
        }
        if (ips.isEmpty()) {
            return new ClusterNetwork.Connection(new ConnectResult(ConnectKind.DNS, host, port), null, null, null);
        }
        Optional<NetworkFault> fault = faults.anyNetwork()
                ? faults.network(network.destinationKind(ips.get(0), port, clusterDnsIp), port, "TCP") : Optional.empty();
        if (fault.isPresent()) {
            NetworkFault f = fault.get();
            Duration delay = Duration.ofMillis(f.delaySeconds() == null ? 0 : (long) (f.delaySeconds() * 1000));
            switch (f.action()) {
                case "drop" -> {
                    waiter.accept(timeout);
                    return new ClusterNetwork.Connection(new ConnectResult(ConnectKind.TIMEOUT, ips.get(0), port), null, null, null);
                }
                case "reject" -> {
                    return new ClusterNetwork.Connection(new ConnectResult(ConnectKind.REFUSED, ips.get(0), port), null, null, null);
                }
                default -> {
                    // A connection delayed past the client's timeout is a timeout.
                    if (delay.compareTo(timeout) >= 0) {
                        waiter.accept(timeout);
                        return new ClusterNetwork.Connection(new ConnectResult(ConnectKind.TIMEOUT, ips.get(0), port), null, null, null);
                    }
                    waiter.accept(delay);
                }
            }
        }
        ClusterNetwork.Connection c = network.connect(podIp, nodeOs, hostNetwork, ips.get(0), port, faults);
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
