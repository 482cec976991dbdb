package io.winnode.e2e.simulator.controlplane;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What one control plane needs to know.
 *
 * @param workingDirectory where certificates, kubeconfigs, etcd's data, {@code logs/} and {@code pids} go
 * @param advertiseAddress the API server's {@code --advertise-address}: the simulated control-plane node's InternalIP,
 *        e.g. 172.18.0.2. It is what the {@code kubernetes} Service's endpoints say; nothing dials it.
 * @param nodeNames the simulated nodes, each of which gets a {@code system:node:<name>} client certificate and a
 *        kubelet serving certificate
 * @param serviceCidr {@code --service-cluster-ip-range}, e.g. 10.96.0.0/12 (kubeadm's default)
 * @param clusterCidr the pod network, from which the controller manager gives each node a /24: e.g. 10.244.0.0/16
 * @param repositoryRoot the directory holding {@code controlplane/go.mod}
 * @param progress receives one line per step (build progress, component started, ready)
 * @param kubeletEgressSocket a Unix socket where an HTTP CONNECT proxy reaches the nodes' kubelets, as a
 *        Konnectivity server does for control planes that cannot dial nodes; null = dial nodes directly
 * @param podSecurityDefault the cluster-wide Pod Security level (privileged, baseline or restricted) that the
 *        PodSecurity admission plugin applies to namespaces without a {@code pod-security.kubernetes.io/enforce}
 *        label, as hardened clusters configure it; null = the plugin's own default, privileged
 */
public record ControlPlaneConfig(Path workingDirectory, String advertiseAddress, List<String> nodeNames,
        String serviceCidr, String clusterCidr, Path repositoryRoot, Consumer<String> progress, Path kubeletEgressSocket,
        String podSecurityDefault) {

    /** The Pod Security Standards' levels (pod-security-standards.md). */
    public static final List<String> POD_SECURITY_LEVELS = List.of("privileged", "baseline", "restricted");

    public static final String DEFAULT_SERVICE_CIDR = "10.96.0.0/12";
    public static final String DEFAULT_CLUSTER_CIDR = "10.244.0.0/16";

    public ControlPlaneConfig {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(advertiseAddress, "advertiseAddress");
        nodeNames = List.copyOf(nodeNames);
        Objects.requireNonNull(serviceCidr, "serviceCidr");
        Objects.requireNonNull(clusterCidr, "clusterCidr");
        Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        Objects.requireNonNull(progress, "progress");
        if (podSecurityDefault != null && !POD_SECURITY_LEVELS.contains(podSecurityDefault)) {
            throw new IllegalArgumentException("Unknown Pod Security level '" + podSecurityDefault + "' as the cluster default: use one of "
                    + POD_SECURITY_LEVELS + ", or null for the admission plugin's default (privileged).");
        }
    }

    /** Without a cluster-wide Pod Security default (the admission plugin's own: privileged). */
    public ControlPlaneConfig(Path workingDirectory, String advertiseAddress, List<String> nodeNames, String serviceCidr,
            String clusterCidr, Path repositoryRoot, Consumer<String> progress, Path kubeletEgressSocket) {
        this(workingDirectory, advertiseAddress, nodeNames, serviceCidr, clusterCidr, repositoryRoot, progress, kubeletEgressSocket, null);
    }

    /** The defaults: kubeadm's service and flannel's pod CIDR, the current directory as repository root. */
    public static ControlPlaneConfig of(Path workingDirectory, String advertiseAddress, List<String> nodeNames,
            Consumer<String> progress) {
        return new ControlPlaneConfig(workingDirectory, advertiseAddress, nodeNames, DEFAULT_SERVICE_CIDR,
                DEFAULT_CLUSTER_CIDR, Path.of("").toAbsolutePath(), progress, null);
    }

    /** The same, with the apiserver reaching kubelets through the HTTP CONNECT proxy on {@code socket}. */
    public ControlPlaneConfig withKubeletEgress(Path socket) {
        return new ControlPlaneConfig(workingDirectory, advertiseAddress, nodeNames, serviceCidr, clusterCidr, repositoryRoot,
                progress, socket, podSecurityDefault);
    }

    /**
     * The same, with PodSecurity admission enforcing (and warning and auditing) {@code level} in every namespace
     * that sets no level of its own, as a hardened cluster does (RKE2's default is restricted-like; AKS policies).
     */
    public ControlPlaneConfig withPodSecurityDefault(String level) {
        return new ControlPlaneConfig(workingDirectory, advertiseAddress, nodeNames, serviceCidr, clusterCidr, repositoryRoot,
                progress, kubeletEgressSocket, level);
    }
}
