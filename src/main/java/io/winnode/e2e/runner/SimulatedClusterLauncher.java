package io.winnode.e2e.runner;

import io.winnode.e2e.framework.cluster.ClusterUnreachableException;
import io.winnode.e2e.framework.config.InvalidInputException;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts and stops the embedded simulated cluster ({@code io.winnode.e2e.simulator.SimulatedCluster}).
 *
 * <p>The only class of the runner that knows the simulator. It calls the simulator's public API
 * (SimulatedCluster.start(SimulatorOptions), writeKubeconfig(Path), close(); SimulatorOptions.defaults();
 * LatencyProfile.parse(String)) reflectively, because the runner and the simulator are developed on
 * separate branches and the runner must build without it. Once both are merged, these calls can
 * become direct ones without changing any other class.
 */
final class SimulatedClusterLauncher implements AutoCloseable {

    private static final String PACKAGE = "io.winnode.e2e.simulator.";

    private final AutoCloseable cluster;
    private final Path kubeconfig;

    private SimulatedClusterLauncher(AutoCloseable cluster, Path kubeconfig) {
        this.cluster = cluster;
        this.kubeconfig = kubeconfig;
    }

    /**
     * Starts a simulated cluster and writes its kubeconfig into {@code kubeconfigDirectory}.
     *
     * @param topology a topology YAML, or null for the simulator's built-in mixed cluster
     * @param latency  {@code fast} or {@code realistic}
     */
    static SimulatedClusterLauncher start(Path topology, String latency, long seed, Path kubeconfigDirectory) {
        if (topology != null && !Files.isReadable(topology)) {
            throw new InvalidInputException("Cannot read simulator topology " + topology
                    + ": no such readable file. Check --sim-topology, or leave it out for the built-in mixed cluster.");
        }
        Class<?> clusterType = simulatorClass("SimulatedCluster");
        Class<?> optionsType = simulatorClass("SimulatorOptions");
        Class<?> latencyType = simulatorClass("LatencyProfile");
        try {
            Object defaults = optionsType.getMethod("defaults").invoke(null);
            String kubernetesVersion = (String) optionsType.getMethod("kubernetesVersion").invoke(defaults);
            Object profile = latencyType.getMethod("parse", String.class).invoke(null, latency);
            Object options = optionsType.getConstructor(Path.class, latencyType, long.class, String.class)
                    .newInstance(topology, profile, seed, kubernetesVersion);
            AutoCloseable cluster = (AutoCloseable) clusterType.getMethod("start", optionsType).invoke(null, options);
            try {
                Path kubeconfig = (Path) clusterType.getMethod("writeKubeconfig", Path.class).invoke(cluster, kubeconfigDirectory);
                return new SimulatedClusterLauncher(cluster, kubeconfig);
            } catch (InvocationTargetException | RuntimeException e) {
                closeQuietly(cluster);
                throw e;
            }
        } catch (InvocationTargetException e) {
            // The simulator's own exceptions (InvalidInputException for a bad topology, ...) keep their meaning.
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ClusterUnreachableException("The simulated cluster failed to start: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The simulator's API does not match what the runner calls: " + e, e);
        }
    }

    Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public void close() {
        closeQuietly(cluster);
    }

    private static void closeQuietly(Object cluster) {
        try {
            ((AutoCloseable) cluster).close();
        } catch (Exception e) {
            System.err.println("winnode: stopping the simulated cluster failed: " + e);
        }
    }

    private static Class<?> simulatorClass(String simpleName) {
        try {
            return Class.forName(PACKAGE + simpleName);
        } catch (ClassNotFoundException e) {
            throw new ClusterUnreachableException("This build of winnode has no embedded simulated cluster ("
                    + PACKAGE + simpleName + " is missing). Use --cluster kubeconfig with a real cluster, "
                    + "or build winnode from a checkout that includes the simulator.", e);
        }
    }
}
