package io.winnode.e2e.simulator.faults;

import io.winnode.e2e.foundation.os.WindowsBuild;

import java.util.List;
import java.util.Map;

/**
 * Where a fault applies ({@code select}); every given condition must hold. Node conditions are
 * matched against the node, pod conditions against the pod the mechanism concerns (see
 * {@code faults/README.md}); a pod condition never matches when there is no pod (e.g. {@code node}).
 */
public record Selector(String nodeOs, String windowsBuild, List<String> nodeNames, Map<String, String> nodeLabels,
                       List<String> namespaces, Map<String, String> podLabels) {

    static final Selector ALL = new Selector(null, null, null, null, null, null);

    public Selector {
        if (nodeOs != null && !nodeOs.equals("linux") && !nodeOs.equals("windows")) {
            throw new IllegalArgumentException("select.nodeOs '" + nodeOs + "' should be linux or windows");
        }
        if (windowsBuild != null && WindowsBuild.fromName(windowsBuild).isEmpty()) {
            throw new IllegalArgumentException("select.windowsBuild '" + windowsBuild
                    + "' should be ltsc2019, ltsc2022, ltsc2025 or a build number such as 10.0.20348");
        }
        nodeNames = nodeNames == null ? null : List.copyOf(nodeNames);
        nodeLabels = nodeLabels == null ? null : Map.copyOf(nodeLabels);
        namespaces = namespaces == null ? null : List.copyOf(namespaces);
        podLabels = podLabels == null ? null : Map.copyOf(podLabels);
    }

    /** True when the selector says something about pods (then only pod-scoped uses can match). */
    public boolean selectsPods() {
        return namespaces != null || podLabels != null;
    }

    public boolean matchesNode(NodeFacts node) {
        if (node == null) {
            return nodeOs == null && windowsBuild == null && nodeNames == null && nodeLabels == null;
        }
        if (nodeOs != null && !nodeOs.equals(node.os())) {
            return false;
        }
        if (windowsBuild != null) {
            String wanted = WindowsBuild.fromName(windowsBuild).map(WindowsBuild::buildNumber).orElseThrow();
            String build = node.windowsBuild();
            if (build == null || !(build.equals(wanted) || build.startsWith(wanted + "."))) {
                return false;
            }
        }
        if (nodeNames != null && !nodeNames.contains(node.name())) {
            return false;
        }
        return nodeLabels == null || nodeLabels.entrySet().stream()
                .allMatch(e -> e.getValue().equals(node.labels().get(e.getKey())));
    }

    public boolean matchesPod(PodFacts pod) {
        if (pod == null) {
            return !selectsPods();
        }
        if (namespaces != null && !namespaces.contains(pod.namespace())) {
            return false;
        }
        return podLabels == null || podLabels.entrySet().stream()
                .allMatch(e -> e.getValue().equals(pod.labels().get(e.getKey())));
    }
}
