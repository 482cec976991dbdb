package io.winnode.e2e.runner;

import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.cluster.ClusterConnection;
import io.winnode.e2e.framework.cluster.ClusterKind;
import io.winnode.e2e.framework.cluster.ClusterTarget;
import io.winnode.e2e.framework.config.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cluster of one command, connected and checked; for {@code --cluster simulated} also the
 * simulator behind it. Closing stops the simulator, and so does Ctrl-C (a shutdown hook), so no
 * simulated API server outlives the run.
 */
final class ClusterSession implements AutoCloseable {

    private final Cluster cluster;
    private final SimulatedClusterLauncher simulator;
    private final Path scratch;
    private final Thread shutdownHook;
    private boolean released;

    private ClusterSession(Cluster cluster, SimulatedClusterLauncher simulator, Path scratch) {
        this.cluster = cluster;
        this.simulator = simulator;
        this.scratch = scratch;
        this.shutdownHook = new Thread(this::release, "winnode-cluster-shutdown");
        if (simulator != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    static ClusterSession open(ClusterOptions options) {
        return open(options, List.of());
    }

    /** As {@link #open(ClusterOptions)}; a simulated cluster applies {@code faultFiles} (none for a real one). */
    static ClusterSession open(ClusterOptions options, List<Path> faultFiles) {
        if (!options.simulated()) {
            if (options.simTopology != null) {
                throw new InvalidInputException("--sim-topology only applies to --cluster simulated. Drop it, "
                        + "or add --cluster simulated.");
            }
            KubeconfigContexts.requireKnown(options.kubeconfig, options.context);
            ClusterTarget target = new ClusterTarget(Optional.ofNullable(options.kubeconfig),
                    Optional.ofNullable(options.context), ClusterKind.REAL);
            return new ClusterSession(ClusterConnection.connect(target), null, null);
        }
        if (options.kubeconfig != null || options.context != null) {
            throw new InvalidInputException("--kubeconfig and --context select a real cluster; they cannot be combined "
                    + "with --cluster simulated. Drop them, or use --cluster kubeconfig.");
        }
        Path scratch = createScratch();
        SimulatedClusterLauncher simulator = null;
        try {
            simulator = SimulatedClusterLauncher.start(options.simTopology, options.simLatency, options.simSeed, faultFiles,
                    scratch);
            ClusterTarget target = new ClusterTarget(Optional.of(simulator.kubeconfig()), Optional.empty(), ClusterKind.SIMULATED);
            return new ClusterSession(ClusterConnection.connect(target), simulator, scratch);
        } catch (RuntimeException e) {
            if (simulator != null) {
                simulator.close();
            }
            deleteRecursively(scratch);
            throw e;
        }
    }

    Cluster cluster() {
        return cluster;
    }

    @Override
    public void close() {
        release();
        if (simulator != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run; nothing left to undo
            }
        }
    }

    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        cluster.close();
        if (simulator != null) {
            simulator.close();
            deleteRecursively(scratch);
        }
    }

    private static Path createScratch() {
        try {
            return Files.createTempDirectory("winnode-simulated-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the simulated cluster's kubeconfig", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("winnode: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
