package io.winnode.e2e.runner;

import io.winnode.e2e.framework.config.InvalidInputException;
import io.winnode.e2e.simulator.LatencyProfile;
import io.winnode.e2e.simulator.SimulatedCluster;
import io.winnode.e2e.simulator.SimulatorOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts and stops the embedded simulated cluster for a run. The only class of the runner that
 * knows the simulator: everything after it reaches the cluster through the kubeconfig it writes,
 * the same code path a real cluster takes.
 */
final class SimulatedClusterLauncher implements LocalCluster {

    private final SimulatedCluster cluster;
    private final Path kubeconfig;

    private SimulatedClusterLauncher(SimulatedCluster cluster, Path kubeconfig) {
        this.cluster = cluster;
        this.kubeconfig = kubeconfig;
    }

    /**
     * Starts a simulated cluster and writes its kubeconfig into {@code kubeconfigDirectory}.
     *
     * @param topology a topology YAML, or null for the simulator's built-in mixed cluster
     * @param latency  {@code fast} or {@code realistic}
     * @param faultFiles fault files the simulator applies (see {@code faults/README.md}); empty for a clean cluster
     */
    static SimulatedClusterLauncher start(Path topology, String latency, long seed, List<Path> faultFiles,
                                          Path kubeconfigDirectory) {
        if (topology != null && !Files.isReadable(topology)) {
            throw new InvalidInputException("Cannot read simulator topology " + topology
                    + ": no such readable file. Check --sim-topology, or leave it out for the built-in mixed cluster.");
        }
        LatencyProfile profile = LatencyProfile.parse(latency);
        var options = SimulatorOptions.defaults().withTopologyFile(topology).withLatency(profile).withSeed(seed)
                .withFaultFiles(faultFiles);
        SimulatedCluster cluster = SimulatedCluster.start(options);
        try {
            return new SimulatedClusterLauncher(cluster, cluster.writeKubeconfig(kubeconfigDirectory));
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
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
