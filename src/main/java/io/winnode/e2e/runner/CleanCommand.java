package io.winnode.e2e.runner;

import io.winnode.e2e.runner.custody.CleanupOptions;
import io.winnode.e2e.runner.custody.GracePeriodText;
import io.winnode.e2e.runner.custody.LeftoverTable;
import io.winnode.e2e.framework.lifecycle.LabelledObject;
import io.winnode.e2e.framework.lifecycle.Leftover;
import io.winnode.e2e.framework.lifecycle.LeftoverSweeper;
import io.winnode.e2e.runner.cluster.ClusterOptions;
import io.winnode.e2e.runner.cluster.ClusterSession;
import io.winnode.e2e.runner.results.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ./winnode clean}: removes, on demand, what earlier runs left in a cluster (what every run also
 * does before its first test), including the namespaces {@code --keep-on-failure} kept; {@code --dry-run}
 * only lists them.
 */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Remove what earlier winnode runs left in the cluster: objects labelled winnode.io/run-id whose run's "
                + "heartbeat stopped at least --grace ago, and namespaces kept by --keep-on-failure. A live run's objects "
                + "and unlabelled objects are never touched.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing was left, or all of it was removed (with --dry-run: listed)",
                "1:some of it was still there after the wait", ExitCodes.HELP_BAD_INPUT, ExitCodes.HELP_CLUSTER_UNUSABLE,
                ExitCodes.HELP_INTERNAL_ERROR})
final class CleanCommand implements Callable<Integer> {

    /** Upstream's DefaultNamespaceDeletionTimeout (test/e2e/framework/framework.go): a namespace's contents go first. */
    private static final Duration NAMESPACE_DELETION = Duration.ofMinutes(5);

    @Option(names = "--kubeconfig", paramLabel = "PATH",
            description = "Kubeconfig of the cluster (default: fabric8 auto-configuration, which honours KUBECONFIG).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use (default: the current context).")
    String context;

    @Option(names = "--dry-run", description = "List what would be deleted (kind, namespace, name, run id, age of its "
            + "heartbeat) and delete nothing.")
    boolean dryRun;

    @Option(names = "--grace", paramLabel = "DURATION", defaultValue = "2m", converter = GracePeriodText.class,
            description = "Only runs whose heartbeat stopped at least this long ago (default: ${DEFAULT-VALUE}; e.g. 0s, 90s, 1h).")
    Duration grace;

    @Spec
    CommandSpec spec;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        // Only a cluster that outlives a run (a real one, or ./winnode cluster up's) can hold leftovers.
        var cluster = new ClusterOptions();
        cluster.source = ClusterOptions.Source.KUBECONFIG;
        cluster.kubeconfig = kubeconfig;
        cluster.context = context;
        PrintWriter out = spec.commandLine().getOut();
        try (ClusterSession session = ClusterSession.open(cluster)) {
            var sweeper = new LeftoverSweeper(session.cluster().client(), clock);
            List<Leftover> leftovers = sweeper.find(grace, null, true);
            if (leftovers.isEmpty()) {
                out.println("Nothing left by earlier runs (objects labelled winnode.io/run-id whose heartbeat stopped "
                        + grace.toSeconds() + " s or more ago).");
                out.flush();
                return ExitCodes.PASSED;
            }
            out.print(LeftoverTable.render(leftovers));
            if (dryRun) {
                out.println(leftovers.size() + " object(s) would be deleted (--dry-run: nothing deleted).");
                out.flush();
                return ExitCodes.PASSED;
            }
            sweeper.remove(leftovers);
            out.println("Deleting " + leftovers.size() + " object(s) ...");
            out.flush();
            List<LabelledObject> left = sweeper.awaitGone(leftovers, NAMESPACE_DELETION);
            if (!left.isEmpty()) {
                out.println("Still there after " + NAMESPACE_DELETION.toMinutes() + " min: "
                        + left.stream().map(LabelledObject::describe).toList());
                out.flush();
                return ExitCodes.TESTS_FAILED;
            }
            out.println("Deleted " + leftovers.size() + " object(s).");
        }
        out.flush();
        return ExitCodes.PASSED;
    }
}
