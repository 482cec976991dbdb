package io.winnode.e2e.runner;

import io.winnode.e2e.runner.cluster.EmbeddedClusterFiles;
import io.winnode.e2e.runner.cluster.SimulatedClusterLauncher;
import io.winnode.e2e.runner.results.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * The background half of {@code cluster up} (hidden): holds the embedded cluster until SIGTERM,
 * whose shutdown hook stops the simulated nodes and the control plane. Writes the kubeconfig only
 * once the cluster is ready, so its appearance is the "up" signal.
 */
@Command(name = "serve", hidden = true, description = "Hold an embedded cluster in the foreground (used by cluster up).")
final class ClusterServeCommand implements Callable<Integer> {

    @Option(names = "--dir", required = true)
    Path directory;

    @Option(names = "--sim-topology")
    String simTopology;

    @Option(names = "--sim-seed", defaultValue = "1")
    long simSeed;

    @Option(names = "--sim-latency", defaultValue = "fast")
    String simLatency;

    @Override
    public Integer call() throws Exception {
        EmbeddedClusterFiles files = new EmbeddedClusterFiles(directory);
        SimulatedClusterLauncher cluster = SimulatedClusterLauncher.startIn(files.state(), simTopology, simLatency, simSeed,
                directory);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "winnode-cluster-serve-stop"));
        // Moved into place last: the kubeconfig's appearance is what cluster up waits for.
        java.nio.file.Files.move(cluster.kubeconfig(), files.kubeconfig(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.err.println("winnode: cluster up; kubeconfig " + files.kubeconfig().toAbsolutePath());
        stopped.await();
        return ExitCodes.PASSED;
    }
}
