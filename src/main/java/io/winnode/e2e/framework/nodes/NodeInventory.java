package io.winnode.e2e.framework.nodes;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The nodes of the cluster, discovered once per run, and the questions scenarios ask of them. */
public final class NodeInventory {

    private final List<ClusterNode> nodes;

    public NodeInventory(List<ClusterNode> nodes) {
        this.nodes = nodes.stream().sorted(Comparator.comparing(ClusterNode::name)).toList();
    }

    public static NodeInventory discover(KubernetesClient client) {
        return new NodeInventory(client.nodes().list().getItems().stream().map(ClusterNode::from).toList());
    }

    public List<ClusterNode> all() {
        return nodes;
    }

    public Optional<ClusterNode> byName(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public List<ClusterNode> schedulable(OsFamily os) {
        return nodes.stream().filter(n -> n.os() == os && n.schedulable()).toList();
    }

    public List<ClusterNode> schedulableWindows(WindowsBuild build) {
        return schedulable(OsFamily.WINDOWS).stream().filter(n -> n.windowsBuild().equals(Optional.of(build))).toList();
    }

    /**
     * The Windows builds that at least one schedulable node runs, oldest first: known LTSC builds and
     * any other build number a node's label names. Each becomes a side of its own.
     */
    public List<WindowsBuild> windowsBuilds() {
        var builds = new TreeSet<WindowsBuild>();
        schedulable(OsFamily.WINDOWS).forEach(n -> n.windowsBuild().ifPresent(builds::add));
        return List.copyOf(builds);
    }

    /**
     * Schedulable Windows nodes whose {@code node.kubernetes.io/windows-build} label is missing or not
     * a build number: no workload can be pinned to their build, so they belong to no side. Reports
     * name them instead of leaving them out silently (the kubelet sets the label: a node without it
     * is a defect of its own, D-70).
     */
    public List<ClusterNode> windowsNodesWithoutBuild() {
        return schedulable(OsFamily.WINDOWS).stream().filter(n -> n.windowsBuild().isEmpty()).toList();
    }

    /** Linux nodes a workload can use without tolerating the control-plane taint. */
    public List<ClusterNode> linuxWorkers() {
        return schedulable(OsFamily.LINUX).stream().filter(n -> !n.controlPlane()).toList();
    }

    /** A fixed-width table, one node a row, for {@code ./winnode nodes} and run logs. */
    public String table() {
        var out = new StringBuilder();
        String format = "%-24s %-8s %-6s %-10s %-12s %-22s %-8s %s%n";
        out.append(String.format(format, "NAME", "OS", "ARCH", "BUILD", "BUILD-LABEL", "RUNTIME", "READY", "TAINTS"));
        for (ClusterNode n : nodes) {
            out.append(String.format(format, n.name(), n.os() == null ? "?" : n.os().label(), n.arch(),
                    n.windowsBuild().map(WindowsBuild::shortName).orElse(n.os() == OsFamily.WINDOWS ? "unknown" : "-"),
                    n.windowsBuildLabel().isEmpty() ? "-" : n.windowsBuildLabel(),
                    n.containerRuntime(),
                    n.ready() ? (n.schedulable() ? "Ready" : "Cordoned") : "NotReady",
                    n.taints().isEmpty() ? "-" : String.join(",", n.taints().stream()
                            .map(t -> t.getKey() + (t.getValue() == null ? "" : "=" + t.getValue()) + ":" + t.getEffect()).toList())));
        }
        return out.toString();
    }
}
