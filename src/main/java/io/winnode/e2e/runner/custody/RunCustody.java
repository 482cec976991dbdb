package io.winnode.e2e.runner.custody;

import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.junit.RunIds;
import io.winnode.e2e.framework.junit.RunParameters;
import io.winnode.e2e.framework.lifecycle.KeptNamespaces;
import io.winnode.e2e.framework.lifecycle.LabelledObject;
import io.winnode.e2e.framework.lifecycle.Leftover;
import io.winnode.e2e.framework.lifecycle.LeftoverSweeper;
import io.winnode.e2e.framework.lifecycle.RunHeartbeat;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code run} holds so that it leaves nothing behind and collides with no other run: its
 * output directories ({@link DirectoryClaim}), its heartbeat in the cluster ({@link RunHeartbeat}), the
 * removal of earlier runs' leftovers before its first test, the cleanup on Ctrl-C or SIGTERM
 * ({@link InterruptCleanup}), and, at its end, how to look at the namespaces {@code --keep-on-failure} kept.
 */
public final class RunCustody implements AutoCloseable {

    private final String runId;
    private final CleanupOptions options;
    private final PrintWriter err;
    private final Clock clock;
    private final List<DirectoryClaim> claims = new ArrayList<>();
    private final InterruptCleanup interrupts;
    private volatile Cluster cluster;
    private volatile RunHeartbeat heartbeat;

    private RunCustody(String runId, CleanupOptions options, PrintWriter err, Clock clock) {
        this.runId = runId;
        this.options = options;
        this.err = err;
        this.clock = clock;
        this.interrupts = InterruptCleanup.install(this::removeThisRun, err);
    }

    /** A new run, with its id; Ctrl-C and SIGTERM clean up from now until {@link #close()}. */
    public static RunCustody begin(CleanupOptions options, PrintWriter err, Clock clock) {
        options.validate();
        return new RunCustody(RunIds.next(clock), options, err, clock);
    }

    public String runId() {
        return runId;
    }

    /** The directory this run writes to in place of {@code wanted}: {@code wanted}, unless another run holds it. */
    public Path claim(Path wanted, String option) {
        DirectoryClaim claim = DirectoryClaim.claim(wanted, runId, option);
        claims.add(claim);
        String note = claim.note(option, wanted);
        if (!note.isEmpty()) {
            err.println("winnode: note: " + note);
            err.flush();
        }
        return claim.directory();
    }

    /**
     * From now on the run is alive to others (its heartbeat), and an interrupt removes its objects there. Closing
     * the result, before the cluster's connection, prints how to look at the namespaces {@code --keep-on-failure}
     * kept and deletes the heartbeat.
     */
    public AutoCloseable watch(Cluster connected, PrintWriter out) {
        this.heartbeat = RunHeartbeat.start(connected.client(), runId, options.heartbeatLease, clock);
        this.cluster = connected;
        return () -> {
            interrupts.awaitCleanupIfInterrupted();
            try {
                describeKeptNamespaces(out);
            } finally {
                heartbeat.close();
            }
        };
    }

    /** The JUnit configuration parameters of these options. */
    public Map<String, String> configurationParameters() {
        return Map.of(RunParameters.KEEP_ON_FAILURE, String.valueOf(options.keepOnFailure));
    }

    /** Removes what earlier runs left (never a live run's objects, nor kept ones) and prints what went. */
    public void sweepLeftovers(PrintWriter out) {
        var sweeper = new LeftoverSweeper(cluster.client(), clock);
        List<Leftover> leftovers = sweeper.find(options.leftoverGrace, runId, false);
        if (leftovers.isEmpty()) {
            out.println("Leftovers:   none (of runs whose heartbeat stopped " + options.leftoverGrace.toSeconds()
                    + " s or more ago; --leftover-grace)");
        } else {
            out.println("Leftovers:   removing " + leftovers.size() + " object(s) of earlier runs (heartbeat stopped "
                    + options.leftoverGrace.toSeconds() + " s or more ago; --leftover-grace):");
            leftovers.forEach(l -> out.println("  " + l.object().describe() + " (run " + l.object().runId() + ", "
                    + l.evidence() + ")"));
            sweeper.remove(leftovers);
        }
        out.flush();
    }

    /** The cleanup of a first Ctrl-C or SIGTERM: every object of this run, within {@link InterruptCleanup#BOUND}. */
    private void removeThisRun() {
        if (cluster == null) {
            return; // nothing created yet
        }
        heartbeat.stopRenewing();
        List<LabelledObject> left = new LeftoverSweeper(cluster.client(), clock).removeRun(runId, InterruptCleanup.BOUND);
        if (left.isEmpty()) {
            err.println("winnode: every object of run " + runId + " is deleted");
        } else {
            err.println("winnode: still there after " + InterruptCleanup.BOUND.toSeconds() + " s: " + left.stream()
                    .map(LabelledObject::describe).toList() + "; ./winnode clean removes them once the run's heartbeat "
                    + "has lapsed (find them with: kubectl get namespaces -l winnode.io/run-id=" + runId + ")");
        }
        err.flush();
    }

    /** How to look at each namespace {@code --keep-on-failure} kept, and how to remove it. */
    private void describeKeptNamespaces(PrintWriter out) {
        List<String> kept = KeptNamespaces.takeAll();
        if (kept.isEmpty()) {
            return;
        }
        String kubectl = "kubectl" + cluster.target().kubeconfig().map(k -> " --kubeconfig " + k).orElse("")
                + cluster.target().context().map(c -> " --context " + c).orElse("");
        out.println();
        out.println("Kept for a look (--keep-on-failure), with the run's label:");
        for (String namespace : kept) {
            out.println("  namespace " + namespace + ":");
            out.println("    " + kubectl + " -n " + namespace + " get pods,events -o wide");
            out.println("    " + kubectl + " -n " + namespace + " describe pods");
            out.println("    delete it: " + kubectl + " delete namespace " + namespace
                    + "   (./winnode clean removes every kept namespace)");
        }
        out.flush();
    }

    /** Releases the output directories and the signals. */
    @Override
    public void close() throws InterruptedException {
        interrupts.awaitCleanupIfInterrupted();
        claims.forEach(DirectoryClaim::close);
        interrupts.close();
    }
}
