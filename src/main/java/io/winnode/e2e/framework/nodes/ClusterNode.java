package io.winnode.e2e.framework.nodes;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Taint;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the suite needs to know of one node, read from its labels, taints and status.
 *
 * @param windowsBuild     the known build for {@code node.kubernetes.io/windows-build}, when Windows
 * @param windowsBuildLabel the raw label value (kept for builds we do not know yet)
 * @param schedulable      Ready and not cordoned
 * @param nodeInfoOs       the OS the kubelet reports in {@code status.nodeInfo}, independent of labels
 */
public record ClusterNode(String name, OsFamily os, String arch, Optional<WindowsBuild> windowsBuild,
                          String windowsBuildLabel, String osImage, String kernelVersion, String containerRuntime,
                          String kubeletVersion, List<Taint> taints, boolean ready, boolean schedulable,
                          boolean controlPlane, String internalIp, OsFamily nodeInfoOs, String nodeInfoArchitecture) {

    static final String CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";

    public static ClusterNode from(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        var status = node.getStatus();
        var info = status == null ? null : status.getNodeInfo();
        boolean ready = status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        boolean cordoned = Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        String buildLabel = labels.getOrDefault(WindowsBuild.LABEL, "");
        // Labels only: they are what node selectors match, so a node without them is not placeable.
        OsFamily os = OsFamily.fromLabel(labels.get(OsFamily.LABEL));
        return new ClusterNode(
                node.getMetadata().getName(),
                os,
                labels.getOrDefault("kubernetes.io/arch", ""),
                WindowsBuild.fromLabel(buildLabel),
                buildLabel,
                info == null ? "" : info.getOsImage(),
                info == null ? "" : info.getKernelVersion(),
                info == null ? "" : info.getContainerRuntimeVersion(),
                info == null ? "" : info.getKubeletVersion(),
                node.getSpec().getTaints() == null ? List.of() : List.copyOf(node.getSpec().getTaints()),
                ready,
                ready && !cordoned,
                labels.containsKey(CONTROL_PLANE_LABEL) || labels.containsKey("node-role.kubernetes.io/master"),
                status == null || status.getAddresses() == null ? "" : status.getAddresses().stream()
                        .filter(a -> "InternalIP".equals(a.getType())).map(NodeAddress::getAddress).findFirst().orElse(""),
                info == null ? null : OsFamily.fromLabel(info.getOperatingSystem()),
                info == null ? "" : info.getArchitecture());
    }

    /** A NoSchedule or NoExecute taint a workload must tolerate to land here. */
    public List<Taint> schedulingTaints() {
        return taints.stream().filter(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect())).toList();
    }

    /** {@code windows ltsc2022}, {@code windows 10.0.99999} or {@code linux}, for reports. */
    public String platformLabel() {
        if (os != OsFamily.WINDOWS) {
            return os == null ? "unknown" : os.label();
        }
        return "windows " + windowsBuild.map(WindowsBuild::shortName).orElse(windowsBuildLabel.isEmpty() ? "(no build label)" : windowsBuildLabel);
    }
}
