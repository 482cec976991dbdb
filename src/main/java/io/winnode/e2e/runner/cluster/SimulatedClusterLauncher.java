package io.winnode.e2e.runner.cluster;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.simulator.LatencyProfile;
import io.winnode.e2e.simulator.SimulatedCluster;
import io.winnode.e2e.simulator.SimulatorOptions;
import io.winnode.e2e.simulator.controlplane.ControlPlane;
import io.winnode.e2e.simulator.topology.TopologySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts and stops the embedded simulated cluster (for a run, or held by {@code cluster up}). The only class of the runner that
 * knows the simulator: everything after it reaches the cluster through the kubeconfig it writes,
 * the same code path a real cluster takes.
 */
public final class SimulatedClusterLauncher implements LocalCluster {

    private final SimulatedCluster cluster;
    private final Path kubeconfig;

    private SimulatedClusterLauncher(SimulatedCluster cluster, Path kubeconfig) {
        this.cluster = cluster;
        this.kubeconfig = kubeconfig;
    }

    /**
     * Starts a simulated cluster and writes its kubeconfig into {@code kubeconfigDirectory}.
     *
     * @param topology a built-in topology's name or a topology YAML's path ({@code --sim-topology}), or null for the default
     * @param latency  {@code fast} or {@code realistic}
     * @param faultFiles fault files the simulator applies (see {@code faults/README.md}); empty for a clean cluster
     * @param sharedControlPlane a control plane's directory to join ({@code --sim-control-plane}), or null
     */
    public static SimulatedClusterLauncher start(String topology, String latency, long seed, List<Path> faultFiles,
                                          Path sharedControlPlane, Path kubeconfigDirectory) {
        return start(options(topology, latency, seed).withFaultFiles(faultFiles).withSharedControlPlane(sharedControlPlane),
                kubeconfigDirectory);
    }

    /**
     * For {@code cluster up}: a simulated cluster whose files live in {@code directory} (so that
     * {@code cluster down} can find them), its kubeconfig written into {@code kubeconfigDirectory}.
     */
    public static SimulatedClusterLauncher startIn(Path directory, String topology, String latency, long seed, Path kubeconfigDirectory) {
        return start(options(topology, latency, seed).withWorkingDirectory(directory), kubeconfigDirectory);
    }

    private static SimulatorOptions options(String topology, String latency, long seed) {
        // A built-in name (default, ws2019-ws2022, capz) or a file; anything else is refused with the names.
        return SimulatorOptions.defaults().withTopology(topology == null ? null : TopologySource.parse(topology))
                .withLatency(LatencyProfile.parse(latency)).withSeed(seed);
    }

    private static SimulatedClusterLauncher start(SimulatorOptions options, Path kubeconfigDirectory) {
        SimulatedCluster cluster = SimulatedCluster.start(options);
        try {
            return new SimulatedClusterLauncher(cluster, cluster.writeKubeconfig(kubeconfigDirectory));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Starts a control plane (no nodes) in {@code directory} for child runs to share one after
     * another ({@code --sim-control-plane}); the default topology's nodes get certificates.
     */
    public static AutoCloseable startSharedControlPlane(Path directory, java.util.function.Consumer<String> progress) {
        return SimulatedCluster.startSharedControlPlane(directory, progress);
    }

    /** Kills control-plane processes a dead holder left in {@code directory}; returns how many. */
    public static int reapLeftovers(Path directory) {
        return Files.isDirectory(directory) ? ControlPlane.reapOrphans(directory) : 0;
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (RuntimeException e) {
            System.err.println("winnode: stopping the simulated cluster failed: " + e);
        }
    }
}
