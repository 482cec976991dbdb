package io.winnode.e2e.runner.cluster;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.cluster.ClusterKind;
import io.winnode.e2e.framework.nodes.ClusterNode;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * What a cluster is, read once when a command connects to it ({@link ClusterSession}): its kind,
 * API server and version, the Windows builds its schedulable nodes run and what the nodes are made
 * of. Every output that names the cluster (banner, JUnit properties, {@code metadata.json}, Allure
 * environment) is rendered from this record, so they cannot disagree.
 *
 * @param target            how the cluster was reached, for the banner's REAL line (kubeconfig, context)
 * @param kubernetesVersion the API server's git version, or {@code unknown} when {@code /version} did not say
 * @param windowsBuilds     short names ({@code ltsc2022}, or the build number of a build without one), sorted
 * @param simulatorSeed     {@code --sim-seed} of a simulated cluster; empty for the others
 */
public record ClusterFacts(ClusterKind kind, String target, String apiServer, String kubernetesVersion,
                           List<String> windowsBuilds, int linuxNodes, int windowsNodes, List<String> windowsOsImages,
                           List<String> linuxOsImages, List<String> containerRuntimes, List<String> kubeletVersions,
                           OptionalLong simulatorSeed) {

    public ClusterFacts {
        windowsBuilds = List.copyOf(windowsBuilds);
        windowsOsImages = List.copyOf(windowsOsImages);
        linuxOsImages = List.copyOf(linuxOsImages);
        containerRuntimes = List.copyOf(containerRuntimes);
        kubeletVersions = List.copyOf(kubeletVersions);
    }

    /** Asks the cluster (its {@code /version} and node inventory); runtimes and kubelets of every node, images of schedulable ones. */
    public static ClusterFacts read(Cluster cluster, OptionalLong simulatorSeed) {
        String version = cluster.kubernetesVersion();
        var nodes = cluster.nodes();
        return new ClusterFacts(cluster.kind(), cluster.target().describe(), cluster.apiServerUrl(),
                version == null || version.isBlank() ? "unknown" : version,
                nodes.windowsBuilds().stream().map(WindowsBuild::shortName).toList(),
                nodes.schedulable(OsFamily.LINUX).size(), nodes.schedulable(OsFamily.WINDOWS).size(),
                distinct(nodes.schedulable(OsFamily.WINDOWS), ClusterNode::osImage),
                distinct(nodes.schedulable(OsFamily.LINUX), ClusterNode::osImage),
                distinct(nodes.all(), ClusterNode::containerRuntime),
                distinct(nodes.all(), ClusterNode::kubeletVersion),
                simulatorSeed);
    }

    private static List<String> distinct(Collection<ClusterNode> nodes, Function<ClusterNode, String> field) {
        return nodes.stream().map(field).filter(s -> s != null && !s.isBlank()).distinct().sorted().toList();
    }
}
