package io.winnode.e2e.runner;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code ./winnode cluster up|down}: the embedded simulated cluster on its own, reached like any cluster through a kubeconfig. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Start the embedded simulated cluster in the background (up) and stop it (down). "
                + "Runs then take the path of a real cluster: ./winnode run --kubeconfig target/winnode/cluster/kubeconfig.",
        subcommands = {ClusterUpCommand.class, ClusterDownCommand.class, ClusterServeCommand.class})
final class ClusterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: cluster up or cluster down.");
    }
}
