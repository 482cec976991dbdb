package io.winnode.e2e.runner.cluster;

import io.winnode.e2e.foundation.files.DirectoryTrees;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.cluster.ClusterConnection;
import io.winnode.e2e.framework.cluster.ClusterKind;
import io.winnode.e2e.framework.cluster.ClusterTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The cluster of one command, connected and checked; for {@code --cluster simulated} and
 * {@code --cluster k3s} also the local cluster behind it. Closing stops that cluster, and so does
 * Ctrl-C (a shutdown hook), so no simulated API server or K3s container outlives the run.
 */
public final class ClusterSession implements AutoCloseable {

    private final Cluster cluster;
    private final ClusterFacts facts;
    private final LocalCluster local;
    private final Path scratch;
    private final Thread shutdownHook;
    private boolean released;

    private ClusterSession(Cluster cluster, OptionalLong simulatorSeed, LocalCluster local, Path scratch) {
        this.cluster = cluster;
        this.facts = ClusterFacts.read(cluster, simulatorSeed);
        this.local = local;
        this.scratch = scratch;
        this.shutdownHook = new Thread(this::release, "winnode-cluster-shutdown");
        if (local != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    public static ClusterSession open(ClusterOptions options) {
        return open(options, List.of());
    }

    /** As {@link #open(ClusterOptions)}; a simulated cluster applies {@code faultFiles} (none for the others). */
    public static ClusterSession open(ClusterOptions options, List<Path> faultFiles) {
        return switch (options.source) {
            case KUBECONFIG -> openReal(options);
            case SIMULATED -> {
                refuseRealClusterOptions(options, "simulated");
                yield openLocal(ClusterKind.SIMULATED, OptionalLong.of(options.simSeed), scratch -> SimulatedClusterLauncher.start(options.simTopology,
                        options.simLatency, options.simSeed, faultFiles, options.simControlPlane, scratch));
            }
            case K3S -> {
                refuseRealClusterOptions(options, "k3s");
                refuseSimulatorTopology(options);
                yield openLocal(ClusterKind.K3S, OptionalLong.empty(), K3sClusterLauncher::start);
            }
        };
    }

    private static ClusterSession openReal(ClusterOptions options) {
        refuseSimulatorTopology(options);
        KubeconfigContexts.requireKnown(options.kubeconfig, options.context);
        ClusterTarget target = new ClusterTarget(Optional.ofNullable(options.kubeconfig),
                Optional.ofNullable(options.context), ClusterKind.REAL);
        return new ClusterSession(ClusterConnection.connect(target), OptionalLong.empty(), null, null);
    }

    private static void refuseSimulatorTopology(ClusterOptions options) {
        if (options.simTopology != null) {
            throw new InvalidInputException("--sim-topology only applies to --cluster simulated. Drop it, "
                    + "or add --cluster simulated.");
        }
    }

    private static void refuseRealClusterOptions(ClusterOptions options, String cluster) {
        if (options.kubeconfig != null || options.context != null) {
            throw new InvalidInputException("--kubeconfig and --context select a real cluster; they cannot be combined "
                    + "with --cluster " + cluster + ". Drop them, or use --cluster kubeconfig.");
        }
    }

    /** Starts a local cluster with its kubeconfig in a scratch directory, and connects to it. */
    private static ClusterSession openLocal(ClusterKind kind, OptionalLong simulatorSeed, Function<Path, LocalCluster> start) {
        Path scratch = createScratch(kind);
        LocalCluster local = null;
        try {
            local = start.apply(scratch);
            ClusterTarget target = new ClusterTarget(Optional.of(local.kubeconfig()), Optional.empty(), kind);
            return new ClusterSession(ClusterConnection.connect(target), simulatorSeed, local, scratch);
        } catch (RuntimeException e) {
            if (local != null) {
                local.close();
            }
            DirectoryTrees.deleteQuietly(scratch);
            throw e;
        }
    }

    public Cluster cluster() {
        return cluster;
    }

    /** The cluster's facts, read once when the session connected. */
    public ClusterFacts facts() {
        return facts;
    }

    @Override
    public void close() {
        release();
        if (local != null) {
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
        if (local != null) {
            local.close();
            DirectoryTrees.deleteQuietly(scratch);
        }
    }

    private static Path createScratch(ClusterKind kind) {
        try {
            return Files.createTempDirectory("winnode-" + kind.label() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for the " + kind.label()
                    + " cluster's kubeconfig", e);
        }
    }
}
