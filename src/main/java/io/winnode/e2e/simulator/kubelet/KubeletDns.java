package io.winnode.e2e.simulator.kubelet;

/**
 * The kubelet's DNS settings ({@code KubeletConfiguration.clusterDomain} and {@code clusterDNS}):
 * the domain of the cluster's Service and pod names and the cluster DNS Service's IP, which the
 * kubelet puts into every ClusterFirst pod's resolver and reports in {@code /configz}.
 */
public record KubeletDns(String clusterDomain, String clusterDnsIp) {
}
