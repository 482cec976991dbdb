package io.winnode.e2e.simulator.network;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The cluster DNS server (CoreDNS' kubernetes plugin, default kubeadm Corefile with
 * {@code pods insecure}): {@code <svc>.<ns>.svc.<domain>} → the ClusterIP, or for a headless
 * Service the addresses of its ready endpoints; {@code <a-b-c-d>.<ns>.pod.<domain>} → a.b.c.d.
 * Anything else in the cluster domain is NXDOMAIN; names outside it are not modelled (NXDOMAIN).
 */
public final class ClusterDns {

    private final ServiceView store;
    private final String domain;

    public ClusterDns(ServiceView store, String domain) {
        this.store = store;
        this.domain = domain;
    }

    public String domain() {
        return domain;
    }

    /** Answers one absolute query. */
    public List<String> answer(String fqdn) {
        String name = fqdn.toLowerCase(Locale.ROOT);
        if (!name.endsWith("." + domain)) {
            return List.of();
        }
        String[] labels = name.substring(0, name.length() - domain.length() - 1).split("\\.");
        if (labels.length == 3 && labels[2].equals("svc")) {
            return service(labels[1], labels[0]);
        }
        if (labels.length == 3 && labels[2].equals("pod")) {
            String ip = labels[0].replace('-', '.');
            return ip.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? List.of(ip) : List.of();
        }
        return List.of();
    }

    private List<String> service(String namespace, String name) {
        Service svc = store.service(namespace, name).orElse(null);
        if (svc == null) {
            return List.of();
        }
        String clusterIp = svc.getSpec().getClusterIP();
        if (clusterIp != null && !clusterIp.isEmpty() && !"None".equals(clusterIp)) {
            return List.of(clusterIp);
        }
        List<String> ips = new ArrayList<>();
        for (EndpointSlice slice : store.endpointSlicesOf(namespace, name)) {
            if (slice.getEndpoints() == null) {
                continue;
            }
            slice.getEndpoints().stream()
                    .filter(e -> e.getConditions() == null || !Boolean.FALSE.equals(e.getConditions().getReady()))
                    .forEach(e -> ips.addAll(e.getAddresses()));
        }
        return ips;
    }
}
