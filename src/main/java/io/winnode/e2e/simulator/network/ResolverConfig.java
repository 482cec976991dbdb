package io.winnode.e2e.simulator.network;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigOption;
import io.winnode.e2e.foundation.os.OsFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * A pod's resolver settings, as the kubelet derives them from {@code dnsPolicy} and {@code dnsConfig}
 * (dns-pod-service.md): ClusterFirst = cluster DNS with search
 * {@code <ns>.svc.cluster.local svc.cluster.local cluster.local} and {@code ndots:5} on Linux; on
 * Windows a single DNS suffix, {@code <ns>.svc.cluster.local} (parity NET-16). ClusterFirst on a
 * host-network Linux pod falls back to Default (the node's resolver). None = only dnsConfig.
 * {@link #candidates} is the OS resolver's order (Go's resolver in agnhost, curl); BIND dig applies
 * its own rules to the same search list and ndots ({@code simulator.container.Dig}).
 */
public record ResolverConfig(List<String> nameservers, List<String> searches, int ndots, boolean windowsSuffixRules) {

    public static final String NODE_RESOLVER = "172.18.0.1";

    public static ResolverConfig forPod(Pod pod, OsFamily os, String clusterDnsIp, String clusterDomain) {
        String policy = pod.getSpec().getDnsPolicy() == null ? "ClusterFirst" : pod.getSpec().getDnsPolicy();
        boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork()) && os == OsFamily.LINUX;
        boolean windows = os == OsFamily.WINDOWS;
        List<String> nameservers = new ArrayList<>();
        List<String> searches = new ArrayList<>();
        int ndots = 5;
        String ns = pod.getMetadata().getNamespace();
        boolean cluster = switch (policy) {
            case "ClusterFirst" -> !hostNetwork;
            case "ClusterFirstWithHostNet" -> true;
            default -> false;
        };
        if (cluster) {
            nameservers.add(clusterDnsIp);
            searches.add(ns + ".svc." + clusterDomain);
            if (!windows) {
                searches.add("svc." + clusterDomain);
                searches.add(clusterDomain);
            }
        } else if (!"None".equals(policy)) {
            nameservers.add(NODE_RESOLVER);
        } else {
            ndots = 1;
        }
        PodDNSConfig config = pod.getSpec().getDnsConfig();
        if (config != null) {
            if (config.getNameservers() != null) {
                config.getNameservers().stream().filter(n -> !nameservers.contains(n)).forEach(nameservers::add);
            }
            if (config.getSearches() != null) {
                config.getSearches().stream().filter(s -> !searches.contains(s)).forEach(searches::add);
            }
            if (config.getOptions() != null) {
                for (PodDNSConfigOption o : config.getOptions()) {
                    if ("ndots".equals(o.getName()) && o.getValue() != null) {
                        ndots = Integer.parseInt(o.getValue());
                    }
                }
            }
        }
        return new ResolverConfig(List.copyOf(nameservers), List.copyOf(searches), ndots, windows);
    }

    /** The names the resolver queries for {@code name}, in order. */
    public List<String> candidates(String name, boolean useSearch) {
        List<String> result = new ArrayList<>();
        if (name.endsWith(".")) {
            result.add(name.substring(0, name.length() - 1));
            return result;
        }
        if (!useSearch) {
            result.add(name);
            return result;
        }
        if (windowsSuffixRules) {
            // Windows: a name with a dot is treated as fully qualified; only single labels get the suffix.
            if (name.contains(".")) {
                result.add(name);
            } else {
                searches.forEach(s -> result.add(name + "." + s));
            }
            return result;
        }
        long dots = name.chars().filter(c -> c == '.').count();
        if (dots >= ndots) {
            result.add(name);
        }
        searches.forEach(s -> result.add(name + "." + s));
        if (dots < ndots) {
            result.add(name);
        }
        return result;
    }
}
