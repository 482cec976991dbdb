package io.winnode.e2e.runner.run;

import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.nodes.NodeInventory;
import io.winnode.e2e.runner.cluster.ActiveFault;
import io.winnode.e2e.runner.cluster.ClusterFacts;
import io.winnode.e2e.runner.selection.TestSelection;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The header of every command that talks to a cluster. It names the kind of cluster loudly, so a
 * log of a simulated run cannot be mistaken for evidence about a real cluster.
 */
public final class RunBanner {

    private RunBanner() {
    }

    public static String clusterLine(ClusterFacts cluster) {
        return switch (cluster.kind()) {
            case SIMULATED -> "Cluster:     SIMULATED (embedded simulated mixed cluster — not a real cluster)";
            case K3S -> "Cluster:     K3S (throwaway K3s cluster in Docker, Linux nodes only — not a mixed cluster; "
                    + "Windows sides are skipped)";
            case REAL -> "Cluster:     REAL (" + cluster.target() + ")";
        };
    }

    public static String clusterHeader(ClusterFacts cluster) {
        return clusterLine(cluster) + "\n"
                + "API server:  " + cluster.apiServer() + "\n"
                + "Kubernetes:  " + cluster.kubernetesVersion() + "\n";
    }

    /** The facts first, then what only a reader needs: the selection in words, the node table and the sides. */
    public static String forRun(RunFacts facts, TestSelection selection, int selectedTests, List<ActiveFault> faults,
                                NodeInventory nodes) {
        return "winnode-e2e run " + facts.runId() + "\n"
                + clusterHeader(facts.cluster())
                + faultsLine(faults)
                + (facts.timeoutScale() == 1.0 ? "" : "Timeouts:    scaled by " + facts.timeoutScale() + "\n")
                + "Suite:       " + facts.suite()
                + (selection.suite().description() == null ? "" : " — " + selection.suite().description().strip()) + "\n"
                + "Selection:   " + selection.describe() + "\n"
                + "Selected:    " + selectedTests + " test methods\n"
                + "Nodes:\n" + nodes.table()
                + sidesLine(nodes);
    }

    /**
     * The Windows sides the run will have, one per build a schedulable node reports (known or not),
     * and the Windows nodes that belong to none because they carry no build label: never dropped
     * silently.
     */
    static String sidesLine(NodeInventory nodes) {
        var builds = nodes.windowsBuilds();
        var unlabelled = nodes.windowsNodesWithoutBuild();
        String sides = "Windows sides: " + (builds.isEmpty() ? "none"
                : builds.stream().map(b -> "windows " + b.shortName() + (b.isKnown() ? "" : " (a build the suite has no "
                        + "short name for; its side is named by the build number)")).collect(Collectors.joining(", "))) + "\n";
        return unlabelled.isEmpty() ? sides : sides + "Not tested:  Windows node(s) without a " + WindowsBuild.LABEL
                + " label, so no workload can be pinned to their build: " + unlabelled.stream()
                .map(ClusterNode::name).collect(Collectors.joining(", ")) + "\n";
    }

    /**
     * Names the injected faults right under the cluster line, so a red faulted run is never read as
     * a broken cluster, nor a green one as a clean pass.
     */
    static String faultsLine(List<ActiveFault> faults) {
        if (faults.isEmpty()) {
            return "";
        }
        return "Faults:      INJECTED " + faults.stream().map(ActiveFault::describe).collect(Collectors.joining(", "))
                + " — failures are expected\n";
    }
}
