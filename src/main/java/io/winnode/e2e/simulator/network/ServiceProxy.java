package io.winnode.e2e.simulator.network;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * kube-proxy's service routing: a connection to a ClusterIP:port, or to any node IP on a NodePort,
 * is DNAT-ed to one ready endpoint of the Service's EndpointSlices, picked at random (iptables
 * {@code statistic --mode random}; on Windows the HNS load balancer hashes each connection's 5-tuple,
 * whose source port changes per connection). Here the pick of a client's n-th connection to a Service
 * is a function of the seed and n alone, so a run is reproducible whatever else runs alongside.
 * With {@code sessionAffinity: ClientIP}, where the client's node's proxy applies it (not on Windows
 * Server 2019: {@link ProxyFeatures}), a client keeps reaching the endpoint it reached first until
 * {@code sessionAffinityConfig.clientIP.timeoutSeconds} (default 10800) pass without traffic
 * (iptables {@code recent} module; HNS load balancer on Windows, parity NET-09). Routes by the
 * {@link ServiceRules} the client's node has programmed.
 */
public final class ServiceProxy {

    private static final long DEFAULT_AFFINITY_SECONDS = 10_800;

    /** Where a service connection goes: {@code NO_ENDPOINTS} when the Service has no ready endpoint. */
    public record Route(boolean service, boolean noEndpoints, String ip, int port, boolean viaNodePort) {
        static Route notAService() {
            return new Route(false, false, null, 0, false);
        }
    }

    private record Sticky(String ip, int port, Instant lastUsed) {
    }

    private final ServiceView store;
    private final long seed;
    private final Map<String, Sticky> affinity = new ConcurrentHashMap<>();
    /** Connections each client made to each Service port so far: the n of {@link #nthPick}. */
    private final Map<String, AtomicLong> connections = new ConcurrentHashMap<>();

    public ServiceProxy(ServiceView store, long seed) {
        this.store = store;
        this.seed = seed;
    }

    /**
     * The endpoint index of a client's {@code n}-th connection among {@code endpoints}: a function of the
     * simulator's seed ({@code --sim-seed}) and n, so reproducible.
     */
    static int nthPick(long seed, long n, int endpoints) {
        return new SplittableRandom((seed ^ 0x9e3779b9L) * 0x9e3779b97f4a7c15L + n).nextInt(endpoints);
    }

    public Route route(String ip, int port, String clientIp, ServiceRules rules, boolean honourAffinity) {
        List<Service> services = rules.services();
        for (Service svc : services) {
            if (ip.equals(svc.getSpec().getClusterIP())) {
                for (ServicePort sp : ports(svc)) {
                    if (sp.getPort() == port && "TCP".equals(sp.getProtocol())) {
                        return pick(svc, sp, false, rules, clientIp, honourAffinity);
                    }
                }
                return Route.notAService();
            }
        }
        if (isNodeIp(ip)) {
            for (Service svc : services) {
                for (ServicePort sp : ports(svc)) {
                    if (Objects.equals(sp.getNodePort(), port)) {
                        return pick(svc, sp, true, rules, clientIp, honourAffinity);
                    }
                }
            }
        }
        return Route.notAService();
    }

    boolean isNodeIp(String ip) {
        return store.nodes().stream()
                .flatMap(n -> n.getStatus().getAddresses().stream())
                .map(NodeAddress::getAddress).anyMatch(ip::equals);
    }

    private static List<ServicePort> ports(Service svc) {
        return svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
    }

    private Route pick(Service svc, ServicePort sp, boolean viaNodePort, ServiceRules rules, String clientIp,
                       boolean honourAffinity) {
        List<String[]> candidates = new ArrayList<>();
        for (EndpointSlice slice : rules.slicesOf(svc)) {
            Optional<EndpointPort> port = slice.getPorts() == null ? Optional.empty() : slice.getPorts().stream()
                    .filter(p -> Objects.equals(p.getName() == null ? "" : p.getName(), sp.getName() == null ? "" : sp.getName()))
                    .findFirst();
            if (port.isEmpty() || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint e : slice.getEndpoints()) {
                boolean ready = e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady());
                if (ready) {
                    e.getAddresses().forEach(a -> candidates.add(new String[] {a, String.valueOf(port.get().getPort())}));
                }
            }
        }
        if (candidates.isEmpty()) {
            return new Route(true, true, null, 0, viaNodePort);
        }
        boolean sticky = honourAffinity && clientIp != null && "ClientIP".equals(svc.getSpec().getSessionAffinity());
        String key = svc.getMetadata().getUid() + "/" + sp.getPort() + "/" + clientIp;
        Instant now = Instant.now();
        if (sticky) {
            Sticky s = affinity.get(key);
            if (s != null && !now.isAfter(s.lastUsed().plus(affinityTimeout(svc)))
                    && candidates.stream().anyMatch(c -> c[0].equals(s.ip()) && Integer.parseInt(c[1]) == s.port())) {
                affinity.put(key, new Sticky(s.ip(), s.port(), now));
                return new Route(true, false, s.ip(), s.port(), viaNodePort);
            }
        }
        long n = connections.computeIfAbsent(key, k -> new AtomicLong()).getAndIncrement();
        String[] chosen = candidates.get(nthPick(seed, n, candidates.size()));
        if (sticky) {
            affinity.put(key, new Sticky(chosen[0], Integer.parseInt(chosen[1]), now));
        }
        return new Route(true, false, chosen[0], Integer.parseInt(chosen[1]), viaNodePort);
    }

    private static Duration affinityTimeout(Service svc) {
        var config = svc.getSpec().getSessionAffinityConfig();
        Integer seconds = config == null || config.getClientIP() == null ? null : config.getClientIP().getTimeoutSeconds();
        return Duration.ofSeconds(seconds == null ? DEFAULT_AFFINITY_SECONDS : seconds);
    }
}
