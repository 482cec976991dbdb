package io.winnode.e2e.simulator.network;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.winnode.e2e.simulator.api.ApiStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * kube-proxy's service routing: a connection to a ClusterIP:port, or to any node IP on a NodePort,
 * is DNAT-ed to one ready endpoint of the Service's EndpointSlices, picked at random (iptables
 * {@code statistic --mode random}; seeded here).
 */
public final class ServiceProxy {

    /** Where a service connection goes: {@code NO_ENDPOINTS} when the Service has no ready endpoint. */
    public record Route(boolean service, boolean noEndpoints, String ip, int port, boolean viaNodePort) {
        static Route notAService() {
            return new Route(false, false, null, 0, false);
        }
    }

    private final ApiStore store;
    private final Random random;

    public ServiceProxy(ApiStore store, long seed) {
        this.store = store;
        this.random = new Random(seed ^ 0x9e3779b9L);
    }

    public Route route(String ip, int port) {
        List<Service> services = store.list("/api/v1/services", Service.class);
        for (Service svc : services) {
            if (ip.equals(svc.getSpec().getClusterIP())) {
                for (ServicePort sp : ports(svc)) {
                    if (sp.getPort() == port && "TCP".equals(sp.getProtocol())) {
                        return pick(svc, sp, false);
                    }
                }
                return Route.notAService();
            }
        }
        boolean nodeIp = store.list("/api/v1/nodes", Node.class).stream()
                .flatMap(n -> n.getStatus().getAddresses().stream())
                .map(NodeAddress::getAddress).anyMatch(ip::equals);
        if (nodeIp) {
            for (Service svc : services) {
                for (ServicePort sp : ports(svc)) {
                    if (Objects.equals(sp.getNodePort(), port)) {
                        return pick(svc, sp, true);
                    }
                }
            }
        }
        return Route.notAService();
    }

    private static List<ServicePort> ports(Service svc) {
        return svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
    }

    private Route pick(Service svc, ServicePort sp, boolean viaNodePort) {
        String ns = svc.getMetadata().getNamespace();
        List<String[]> candidates = new ArrayList<>();
        for (EndpointSlice slice : store.list("/apis/discovery.k8s.io/v1/namespaces/" + ns
                + "/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3D" + svc.getMetadata().getName(), EndpointSlice.class)) {
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
        String[] chosen;
        synchronized (random) {
            chosen = candidates.get(random.nextInt(candidates.size()));
        }
        return new Route(true, false, chosen[0], Integer.parseInt(chosen[1]), viaNodePort);
    }
}
