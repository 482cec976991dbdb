package io.winnode.e2e.runner;

import io.winnode.e2e.foundation.files.DirectoryTrees;
import io.winnode.e2e.runner.cluster.EmbeddedClusterFiles;
import io.winnode.e2e.runner.results.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./winnode cluster down}: stops the background JVM of {@code cluster up} (SIGTERM, whose
 * shutdown hook stops the nodes and the control plane), kills any control-plane process it left,
 * and removes the cluster's directory, kubeconfig and keys included.
 */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the embedded cluster started by ./winnode cluster up and remove its files.")
final class ClusterDownCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "The cluster's directory (default: target/winnode/cluster).")
    Path directory = EmbeddedClusterFiles.DEFAULT_DIRECTORY;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedClusterFiles files = new EmbeddedClusterFiles(directory.toAbsolutePath());
        if (!Files.exists(files.directory())) {
            out.println("No embedded cluster at " + files.directory() + ": nothing to stop.");
            return ExitCodes.PASSED;
        }
        Optional<ProcessHandle> holder = files.holder();
        if (holder.isPresent()) {
            stop(holder.get());
        }
        removeLeftovers(files);
        out.println("Embedded cluster " + (holder.isPresent() ? "(pid " + holder.get().pid() + ") stopped" : "was not running")
                + "; removed " + files.directory());
        return ExitCodes.PASSED;
    }

    private static void stop(ProcessHandle holder) throws Exception {
        holder.destroy();
        try {
            holder.onExit().get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            holder.descendants().forEach(ProcessHandle::destroyForcibly);
            holder.destroyForcibly();
            holder.onExit().get(10, TimeUnit.SECONDS);
        }
    }

    /** Kills control-plane processes a dead holder left behind, then deletes the directory. */
    static void removeLeftovers(EmbeddedClusterFiles files) throws IOException {
        if (!Files.exists(files.directory())) {
            return;
        }
        ClusterUpCommand.reap(files);
        DirectoryTrees.deleteQuietly(files.directory());
    }
}
