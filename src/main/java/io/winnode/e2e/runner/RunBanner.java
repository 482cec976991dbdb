package io.winnode.e2e.runner;

import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.cluster.ClusterKind;

/**
 * The header of every command that talks to a cluster. It names the kind of cluster loudly, so a
 * log of a simulated run cannot be mistaken for evidence about a real cluster.
 */
final class RunBanner {

    private RunBanner() {
    }

    static String clusterLine(Cluster cluster) {
        return cluster.kind() == ClusterKind.SIMULATED
                ? "Cluster:     SIMULATED (embedded simulated mixed cluster — not a real cluster)"
                : "Cluster:     REAL (" + cluster.target().describe() + ")";
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

    static String forRun(Cluster cluster, String runId, TestSelection selection, int selectedTests) {
        return "winnode-e2e run " + runId + "\n"
                + clusterHeader(cluster)
                + "Suite:       " + selection.suite().name()
                + (selection.suite().description() == null ? "" : " — " + selection.suite().description().strip()) + "\n"
                + "Tags:        " + selection.tagExpression() + "\n"
                + "Selected:    " + selectedTests + " test methods\n"
                + "Nodes:\n" + cluster.nodes().table();
    }
}
