package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.winnode.e2e.foundation.files.DirectoryTrees;
import io.winnode.e2e.simulator.controlplane.ApiServerProxy;
import io.winnode.e2e.simulator.controlplane.ApiServerWeather;
import io.winnode.e2e.simulator.controlplane.ControlPlane;
import io.winnode.e2e.simulator.controlplane.ControlPlaneConfig;
import io.winnode.e2e.simulator.controlplane.ControlPlaneEndpoint;
import io.winnode.e2e.simulator.controlplane.SharedControlPlane;
import io.winnode.e2e.simulator.faults.ApiServerWeathers;
import io.winnode.e2e.simulator.faults.FaultFile;
import io.winnode.e2e.simulator.faults.FaultFiles;
import io.winnode.e2e.simulator.kubelet.Latencies;
import io.winnode.e2e.simulator.nodes.KubeletTunnel;
import io.winnode.e2e.simulator.nodes.NodeCredentials;
import io.winnode.e2e.simulator.nodes.SimulatedNodes;
import io.winnode.e2e.simulator.topology.Topology;
import io.winnode.e2e.simulator.topology.TopologyNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * An embedded mixed Linux + Windows cluster: the real Kubernetes control plane (etcd,
 * kube-apiserver, kube-scheduler, kube-controller-manager of the release pinned in
 * {@code controlplane/go.mod}, as local processes on loopback) with simulated nodes
 * ({@link SimulatedNodes}) behind it. Reachable only through the API server, like any cluster.
 */
public final class SimulatedCluster implements AutoCloseable {

    /** The node lifecycle controller lifts its not-ready taint within seconds of a node's first Ready status. */
    private static final java.time.Duration NODES_SCHEDULABLE_TIMEOUT = java.time.Duration.ofSeconds(60);

    public static final String NAME = "winnode-simulated";

    private final SimulatorOptions options;
    private final ControlPlaneEndpoint controlPlane;
    // The control plane this cluster started and stops; null when it runs on a shared one.
    private final ControlPlane owned;
    private final KubeletTunnel tunnel;
    // Between the suite and the API server when a fault file asks for API-server weather; null otherwise.
    private final ApiServerProxy weatherProxy;
    private final SimulatedNodes nodes;
    private final Path directory;
    private final boolean temporaryDirectory;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SimulatedCluster(SimulatorOptions options, ControlPlaneEndpoint controlPlane, ControlPlane owned, KubeletTunnel tunnel,
                             ApiServerProxy weatherProxy, SimulatedNodes nodes, Path directory, boolean temporaryDirectory) {
        this.options = options;
        this.weatherProxy = weatherProxy;
        this.owned = owned;
        this.tunnel = tunnel;
        this.controlPlane = controlPlane;
        this.nodes = nodes;
        this.directory = directory;
        this.temporaryDirectory = temporaryDirectory;
    }

    /**
     * Starts the control plane (or takes over a shared one), installs the DNS Service and starts
     * every node; returns once all registered.
     */
    public static SimulatedCluster start(SimulatorOptions options) {
        Topology topology = options.topology().load();
        // Read (and reject) fault files before anything starts: a malformed one is bad input.
        List<FaultFile> faults = FaultFiles.readAll(options.faultFiles());
        List<String> nodeNames = topology.nodes().stream().map(TopologyNode::name).toList();
        boolean shared = options.sharedControlPlane() != null;
        boolean temporary = !shared && options.workingDirectory() == null;
        Path directory = shared ? options.sharedControlPlane()
                : temporary ? temporaryDirectory() : createDirectories(options.workingDirectory());
        ControlPlane owned = null;
        KubeletTunnel tunnel = null;
        try {
            ControlPlaneEndpoint endpoint;
            if (shared) {
                endpoint = SharedControlPlane.open(directory, nodeNames);
                tunnel = KubeletTunnel.start(endpoint.kubeletEgressSocket());
            } else {
                tunnel = KubeletTunnel.start(tunnelSocket(directory));
                owned = ControlPlane.start(ControlPlaneConfig.of(directory, controlPlaneAddress(topology), nodeNames,
                        options.progress()).withKubeletEgress(tunnel.socket()));
                endpoint = owned;
            }
            try (KubernetesClient admin = client(endpoint.kubeconfigYaml("admin"))) {
                if (shared) {
                    ClusterReset.forNewNodes(admin);
                }
                ClusterAddons.installDns(admin);
                SimulatedNodes nodes = SimulatedNodes.start(topology, tunnel, credentials(endpoint),
                        client(endpoint.kubeconfigYaml("admin")), client(endpoint.kubeconfigYaml("kube-proxy")),
                        ClusterAddons.CLUSTER_DNS_IP, endpoint.gitVersion(), new Latencies(options.latency(), options.seed()),
                        options.seed(), faults);
                try {
                    ClusterAddons.markNodes(admin, topology);
                    ClusterAddons.awaitNodesSchedulable(admin, topology, NODES_SCHEDULABLE_TIMEOUT);
                } catch (RuntimeException e) {
                    nodes.close();
                    throw e;
                }
                ApiServerProxy proxy;
                try {
                    proxy = weatherProxy(endpoint, faults, directory, options);
                } catch (RuntimeException e) {
                    nodes.close();
                    throw e;
                }
                options.progress().accept("simulated cluster ready: Kubernetes " + endpoint.gitVersion() + " control plane"
                        + (shared ? " (shared, " + directory + ")" : "") + ", " + nodeNames.size() + " simulated nodes");
                return new SimulatedCluster(options, endpoint, owned, tunnel, proxy, nodes, directory, temporary);
            }
        } catch (RuntimeException e) {
            if (owned != null) {
                owned.close();
            }
            if (tunnel != null) {
                tunnel.close();
            }
            if (temporary) {
                DirectoryTrees.deleteQuietly(directory);
            }
            throw e;
        }
    }

    /** The proxy that makes the API server misbehave towards the suite, when the fault files ask for it. */
    private static ApiServerProxy weatherProxy(ControlPlaneEndpoint endpoint, List<FaultFile> faults, Path directory,
                                               SimulatorOptions options) {
        ApiServerWeather weather = ApiServerWeathers.of(faults);
        return weather.clear() ? null : ApiServerProxy.start(endpoint, weather, directory, Path.of("").toAbsolutePath(),
                options.seed(), options.progress());
    }

    /**
     * A control plane without nodes, for simulated clusters of the built-in topology to take turns on
     * ({@link SimulatorOptions#withSharedControlPlane}): each then only registers its nodes, instead of
     * paying for etcd and the API server to start. Closing it stops the control plane.
     */
    public static AutoCloseable startSharedControlPlane(Path directory, Consumer<String> progress) {
        Topology topology = Topology.load(null);
        Path dir = createDirectories(directory);
        return ControlPlane.start(ControlPlaneConfig.of(dir, controlPlaneAddress(topology),
                topology.nodes().stream().map(TopologyNode::name).toList(), progress)
                .withKubeletEgress(tunnelSocket(dir)));
    }

    /**
     * Unix socket paths are limited to about 100 bytes (sun_path); a deep working directory gets its
     * socket in the temporary directory instead.
     */
    private static Path tunnelSocket(Path directory) {
        Path socket = directory.toAbsolutePath().resolve("kubelet-tunnel.sock");
        if (socket.toString().length() < 100) {
            return socket;
        }
        try {
            return Files.createTempDirectory("winnode-tunnel-").resolve("kubelet-tunnel.sock");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the kubelet tunnel's socket", e);
        }
    }

    /** The API server's {@code --advertise-address}: the control-plane node's IP, as on a kubeadm cluster. */
    private static String controlPlaneAddress(Topology topology) {
        return topology.nodes().stream()
                .filter(n -> n.labels() != null && n.labels().containsKey("node-role.kubernetes.io/control-plane"))
                .findFirst().orElse(topology.nodes().get(0)).internalIP();
    }

    private static NodeCredentials credentials(ControlPlaneEndpoint controlPlane) {
        return new NodeCredentials() {
            @Override
            public KubernetesClient clientFor(String nodeName) {
                return client(controlPlane.kubeconfigYaml(nodeName));
            }

            @Override
            public Path servingCert(String nodeName) {
                return controlPlane.kubeletServingCert(nodeName);
            }

            @Override
            public Path servingKey(String nodeName) {
                return controlPlane.kubeletServingKey(nodeName);
            }
        };
    }

    private static KubernetesClient client(String kubeconfigYaml) {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();
    }

    private static Path createDirectories(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the simulated cluster's directory " + directory, e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("winnode-cluster-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the simulated cluster", e);
        }
    }

    /** Where the suite reaches the API server: the weather proxy's address when there is one. */
    public String masterUrl() {
        return weatherProxy == null ? controlPlane.apiServerUrl() : weatherProxy.url();
    }

    /** What the API-server weather did so far; empty when the run has none. */
    public java.util.Optional<ApiServerProxy.Counts> apiServerWeatherCounts() {
        return java.util.Optional.ofNullable(weatherProxy).map(ApiServerProxy::counts);
    }

    /** The Kubernetes release the control plane runs, e.g. {@code v1.37.2}. */
    public String gitVersion() {
        return controlPlane.gitVersion();
    }

    /** A kubeconfig for the cluster's administrator ({@code system:masters}), with its client certificate embedded. */
    public String kubeconfigYaml() {
        return weatherProxy == null ? controlPlane.kubeconfigYaml("admin")
                : weatherProxy.adminKubeconfigYaml();
    }

    /** Writes the admin kubeconfig, readable by its owner only (it holds a client key). */
    public Path writeKubeconfig(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("kubeconfig-" + NAME + ".yaml");
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, kubeconfigYaml());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the kubeconfig to " + dir, e);
        }
    }

    /** Resident memory of the control plane's processes, in bytes (0 on a shared control plane, which another process owns). */
    public long controlPlaneMemoryBytes() {
        return owned == null ? 0 : owned.memoryRssBytes();
    }

    public SimulatorOptions options() {
        return options;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                if (weatherProxy != null) {
                    weatherProxy.close();
                }
                nodes.close();
            } finally {
                if (owned != null) {
                    owned.close();
                }
                tunnel.close();
                if (temporaryDirectory) {
                    DirectoryTrees.deleteQuietly(directory);
                }
            }
        }
    }
}
