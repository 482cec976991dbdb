package io.winnode.e2e.runner;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.runner.cluster.EmbeddedClusterFiles;
import io.winnode.e2e.runner.cluster.SimulatedClusterLauncher;
import io.winnode.e2e.runner.faults.ChildJvm;
import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.simulator.topology.TopologySource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./winnode cluster up}: starts the embedded simulated cluster (the real control plane with
 * simulated nodes) in a background JVM and returns once its kubeconfig is written. Every run against
 * it takes the path of a real cluster ({@code --kubeconfig}); its nodes still say they are simulated,
 * so outputs and sign-off treat the run as simulated.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the embedded simulated cluster in the background and write its kubeconfig "
                + "(DIR/kubeconfig). Stop it with ./winnode cluster down.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the cluster is up", "2:bad input (a cluster already runs from DIR, bad options)",
                "3:the cluster could not start (see DIR/cluster.log)"})
final class ClusterUpCommand implements Callable<Integer> {

    /** The first start builds the control plane from the Go modules: about 8 minutes on 2 cores. */
    private static final Duration START_LIMIT = Duration.ofMinutes(25);

    @Option(names = "--dir", paramLabel = "DIR", description = "Where the cluster keeps its files (default: target/winnode/cluster).")
    Path directory = EmbeddedClusterFiles.DEFAULT_DIRECTORY;

    @Option(names = "--sim-topology", paramLabel = "NAME|FILE",
            description = "A built-in topology (default, ws2019-ws2022, capz) or a topology YAML (default: default).")
    String simTopology;

    @Option(names = "--sim-seed", paramLabel = "N", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long simSeed;

    @Option(names = "--sim-latency", paramLabel = "fast|realistic", defaultValue = "fast",
            description = "How slow pulls, starts and back-offs are (default: ${DEFAULT-VALUE}).")
    String simLatency;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EmbeddedClusterFiles files = new EmbeddedClusterFiles(directory.toAbsolutePath());
        if (files.holder().isPresent()) {
            throw new InvalidInputException("An embedded cluster already runs from " + files.directory() + " (pid "
                    + files.holder().get().pid() + "). Use its kubeconfig " + files.kubeconfig()
                    + ", or stop it first with ./winnode cluster down" + dirOption() + ".");
        }
        // Checked here, before the holder starts: a wrong name or file is the user's input.
        TopologySource topology = simTopology == null ? null : TopologySource.parse(simTopology);
        ClusterDownCommand.removeLeftovers(files);
        Files.createDirectories(files.directory());
        Process holder = startHolder(files, topology);
        files.writePid(holder.pid());
        err.println("winnode: starting the embedded cluster in the background (pid " + holder.pid() + "); log: " + files.log());
        if (!awaitReady(files, holder, err)) {
            holder.destroy();
            holder.waitFor();
            ClusterDownCommand.removeLeftovers(files);
            err.println("winnode: cluster unusable: the embedded cluster did not start; the last lines of its log are above.");
            return ExitCodes.CLUSTER_UNUSABLE;
        }
        out.println("Embedded cluster up (simulated nodes, real control plane).");
        out.println("Kubeconfig: " + files.kubeconfig());
        out.println("Run:        ./winnode run --kubeconfig " + files.kubeconfig());
        out.println("Stop:       ./winnode cluster down" + dirOption());
        return ExitCodes.PASSED;
    }

    private String dirOption() {
        return directory.equals(EmbeddedClusterFiles.DEFAULT_DIRECTORY) ? "" : " --dir " + directory;
    }

    private Process startHolder(EmbeddedClusterFiles files, TopologySource topology) throws IOException {
        List<String> args = new ArrayList<>(List.of("cluster", "serve", "--dir", files.directory().toString(),
                "--sim-seed", String.valueOf(simSeed), "--sim-latency", simLatency));
        if (topology != null) {
            args.addAll(List.of("--sim-topology", topology.builtInName() != null ? topology.builtInName()
                    : topology.file().toAbsolutePath().toString()));
        }
        // Not a ChildJvm: this process must outlive the command. Its stdin is /dev/null, so nothing ties it to our terminal.
        return new ProcessBuilder(ChildJvm.command(Winnode.class, args)).redirectErrorStream(true)
                .redirectOutput(files.log().toFile()).redirectInput(new File("/dev/null")).start();
    }

    /** Echoes the holder's log while waiting: the first start builds the control plane and says how far it got. */
    private static boolean awaitReady(EmbeddedClusterFiles files, Process holder, PrintWriter err) throws Exception {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        long printed = 0;
        while (System.nanoTime() < deadline) {
            printed = echo(files.log(), printed, err);
            if (Files.isRegularFile(files.kubeconfig())) {
                return true;
            }
            if (!holder.isAlive()) {
                echo(files.log(), printed, err);
                return false;
            }
            Thread.sleep(200);
        }
        err.println("winnode: the embedded cluster was not ready within " + START_LIMIT.toMinutes() + " minutes");
        return false;
    }

    private static long echo(Path log, long from, PrintWriter err) throws IOException {
        if (!Files.exists(log)) {
            return from;
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            if (file.length() <= from) {
                return from;
            }
            file.seek(from);
            byte[] bytes = new byte[(int) (file.length() - from)];
            file.readFully(bytes);
            err.print(new String(bytes, StandardCharsets.UTF_8));
            err.flush();
            return from + bytes.length;
        }
    }

    static int reap(EmbeddedClusterFiles files) {
        return SimulatedClusterLauncher.reapLeftovers(files.state());
    }
}
