package io.winnode.e2e.runner;

import io.winnode.e2e.runner.cluster.ClusterOptions;
import io.winnode.e2e.runner.cluster.ClusterSession;
import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.run.RunBanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code ./winnode nodes}: what the suite sees of a cluster's nodes (OS, build, runtime, taints). */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = "Connect to a cluster and print its node inventory as the suite sees it.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:printed the nodes", ExitCodes.HELP_BAD_INPUT, ExitCodes.HELP_CLUSTER_UNUSABLE,
                ExitCodes.HELP_INTERNAL_ERROR})
final class NodesCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (ClusterSession session = ClusterSession.open(cluster)) {
            out.print(RunBanner.clusterHeader(session.facts()));
            out.print(session.cluster().nodes().table());
        }
        out.flush();
        return ExitCodes.PASSED;
    }
}
