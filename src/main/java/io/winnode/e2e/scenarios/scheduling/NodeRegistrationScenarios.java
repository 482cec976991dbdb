package io.winnode.e2e.scenarios.scheduling;

import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.junit.ParityTest;
import io.winnode.e2e.framework.junit.Tags;
import io.winnode.e2e.framework.junit.WindowsScenario;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.nodes.NodeInventory;
import io.winnode.e2e.framework.parity.Observed;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.placement.Side;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

import java.util.ArrayList;
import java.util.List;

/** What nodes say about themselves: the labels placement depends on must match the node's own report. */
@WindowsScenario("Node registration")
@Feature("Scheduling")
@Tag(Tags.SCHEDULING)
@Tag(Tags.CORE_SCHEDULING)
class NodeRegistrationScenarios {

    @ParityTest("SCH-02")
    @DisplayName("nodes carry OS, architecture and Windows build labels that match their nodeInfo")
    @Severity(SeverityLevel.BLOCKER)
    @Tag(Tags.SMOKE)
    void nodeLabelsMatchNodeInfo(Side side, NodeInventory nodes, ParityCheck parity) {
        List<ClusterNode> checked = nodesOf(side, nodes);
        var wrong = new ArrayList<String>();
        for (ClusterNode node : checked) {
            if (node.os() != node.nodeInfoOs()) {
                wrong.add(node.name() + ": " + OsFamily.LABEL + " says " + (node.os() == null ? "nothing" : node.os().label())
                        + " but nodeInfo says " + node.nodeInfoOs().label());
            }
            if (!node.arch().equals(node.nodeInfoArchitecture())) {
                wrong.add(node.name() + ": kubernetes.io/arch '" + node.arch() + "' but nodeInfo says '" + node.nodeInfoArchitecture() + "'");
            }
            if (node.os() == OsFamily.WINDOWS) {
                String reportedBuild = buildOfKernel(node.kernelVersion());
                if (!node.windowsBuildLabel().equals(reportedBuild)) {
                    wrong.add(node.name() + ": " + WindowsBuild.LABEL + " '" + node.windowsBuildLabel()
                            + "' but its kernel is " + node.kernelVersion());
                }
            }
        }
        parity.verify(wrong.isEmpty() ? Observed.outcome("matching") : Observed.detail(String.join("; ", wrong)),
                String.join(",", checked.stream().map(ClusterNode::name).toList()));
    }

    /**
     * The side's nodes, judged by what the node reports (nodeInfo), not by the labels under test:
     * a Windows node that lost its build label is still checked on the side of its kernel's build.
     */
    private static List<ClusterNode> nodesOf(Side side, NodeInventory nodes) {
        return nodes.all().stream()
                .filter(n -> n.nodeInfoOs() == side.os())
                .filter(n -> side.build().isEmpty()
                        || side.build().get().buildNumber().equals(buildOfKernel(n.kernelVersion())))
                .toList();
    }

    /** {@code 10.0.20348.2849} → {@code 10.0.20348}: the build part of a Windows kernel version. */
    private static String buildOfKernel(String kernelVersion) {
        String[] parts = kernelVersion.split("\\.");
        return parts.length >= 3 ? parts[0] + "." + parts[1] + "." + parts[2] : kernelVersion;
    }
}
