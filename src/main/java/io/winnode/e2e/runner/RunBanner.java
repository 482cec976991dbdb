package io.winnode.e2e.runner;

import io.winnode.e2e.framework.cluster.Cluster;

import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.nodes.ClusterNode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The header of every command that talks to a cluster. It names the kind of cluster loudly, so a
 * log of a simulated run cannot be mistaken for evidence about a real cluster.
 */
final class RunBanner {

    private RunBanner() {
    }

    static String clusterLine(Cluster cluster) {
        return switch (cluster.kind()) {
            case SIMULATED -> "Cluster:     SIMULATED (embedded simulated mixed cluster — not a real cluster)";
            case K3S -> "Cluster:     K3S (throwaway K3s cluster in Docker, Linux nodes only — not a mixed cluster; "
                    + "Windows sides are skipped)";
            case REAL -> "Cluster:     REAL (" + cluster.target().describe() + ")";
        };
    }

    static String clusterHeader(Cluster cluster) {
        return clusterLine(cluster) + "\n"
                + "API server:  " + cluster.apiServerUrl() + "\n"
                + "Kubernetes:  " + kubernetesVersion(cluster) + "\n";
    }

    /** The API server's git version, or {@code unknown} when /version did not say. */
    static String kubernetesVersion(Cluster cluster) {
        String version = cluster.kubernetesVersion();
        return version == null || version.isBlank() ? "unknown" : version;
    }

    static String forRun(Cluster cluster, String runId, TestSelection selection, int selectedTests,
                         List<ActiveFault> faults, double timeoutScale) {
        return "winnode-e2e run " + runId + "\n"
                + clusterHeader(cluster)
                + faultsLine(faults)
                + (timeoutScale == 1.0 ? "" : "Timeouts:    scaled by " + timeoutScale + "\n")
                + "Suite:       " + selection.suite().name()
                + (selection.suite().description() == null ? "" : " — " + selection.suite().description().strip()) + "\n"
                + "Selection:   " + selection.describe() + "\n"
                + "Selected:    " + selectedTests + " test methods\n"
                + "Nodes:\n" + cluster.nodes().table()
                + sidesLine(cluster);
    }

    /**
     * The Windows sides the run will have, one per build a schedulable node reports (known or not),
     * and the Windows nodes that belong to none because they carry no build label: never dropped
     * silently.
     */
    static String sidesLine(Cluster cluster) {
        var builds = cluster.nodes().windowsBuilds();
        var unlabelled = cluster.nodes().windowsNodesWithoutBuild();
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
