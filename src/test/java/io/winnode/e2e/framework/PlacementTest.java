package io.winnode.e2e.framework;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.nodes.NodeInventory;
import io.winnode.e2e.framework.placement.Placement;
import io.winnode.e2e.framework.placement.Side;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {

    static ClusterNode node(String name, String os, String build, boolean controlPlane, String taintKey) {
        var builder = new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/os", os).addToLabels("kubernetes.io/arch", "amd64").endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus();
        if (build != null) {
            builder.editMetadata().addToLabels(WindowsBuild.LABEL, build).endMetadata();
        }
        if (controlPlane) {
            builder.editMetadata().addToLabels("node-role.kubernetes.io/control-plane", "").endMetadata();
        }
        if (taintKey != null) {
            builder.editSpec().addNewTaint().withKey(taintKey).withValue(os).withEffect("NoSchedule").endTaint().endSpec();
        }
        return ClusterNode.from(builder.build());
    }

    private static final NodeInventory MIXED = new NodeInventory(List.of(
            node("cp", "linux", null, true, "node-role.kubernetes.io/control-plane"),
            node("lin-1", "linux", null, false, null),
            node("win-1", "windows", "10.0.20348", false, "os")));

    @Test
    void windowsWorkloadsSelectOsAndBuildAndTolerateTheWindowsTaint() {
        PodSpec spec = new PodSpec();

        new Placement(MIXED).apply(spec, Side.windows(WindowsBuild.LTSC2022));

        assertThat(spec.getOs().getName()).isEqualTo("windows");
        assertThat(spec.getNodeSelector()).containsEntry("kubernetes.io/os", "windows")
                .containsEntry(WindowsBuild.LABEL, "10.0.20348");
        assertThat(spec.getTolerations()).extracting(Toleration::getKey).contains("os");
    }

    @Test
    void linuxWorkloadsStayOffTheControlPlaneWhenWorkersExist() {
        PodSpec spec = new PodSpec();

        new Placement(MIXED).apply(spec, Side.linux());

        assertThat(spec.getNodeSelector()).containsEntry("kubernetes.io/os", "linux");
        assertThat(spec.getTolerations()).isEmpty();
    }

    @Test
    void withOnlyAControlPlaneLinuxWorkloadsTolerateItsTaintAsUpstreamDoes() {
        var upstreamLike = new NodeInventory(List.of(
                node("cp", "linux", null, true, "node-role.kubernetes.io/control-plane"),
                node("win-1", "windows", "10.0.20348", false, "os")));
        PodSpec spec = new PodSpec();

        new Placement(upstreamLike).apply(spec, Side.linux());

        assertThat(spec.getTolerations()).extracting(Toleration::getKey).contains("node-role.kubernetes.io/control-plane");
    }

    @Test
    void aSideWithoutNodesIsUnavailableWithAReason() {
        var placement = new Placement(MIXED);

        assertThat(placement.unavailableReason(Side.windows(WindowsBuild.LTSC2025))).get().asString()
                .contains("ltsc2025").contains("10.0.26100");
        assertThat(placement.unavailableReason(Side.windows(WindowsBuild.LTSC2022))).isEmpty();
        assertThat(new Placement(new NodeInventory(List.of())).unavailableReason(Side.linux())).isPresent();
    }

    @Test
    void restrictingToANodeKeepsTheSidePlacementAndAddsRequiredAffinityOnTheNodeName() {
        var placement = new Placement(MIXED);
        PodSpec spec = new PodSpec();

        placement.apply(spec, Side.windows(WindowsBuild.LTSC2022));
        placement.restrictToNode(spec, MIXED.byName("win-1").orElseThrow());

        assertThat(spec.getNodeName()).as("the scheduler still places the pod").isNull();
        assertThat(spec.getNodeSelector()).containsEntry("kubernetes.io/os", "windows");
        var terms = spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertThat(terms).singleElement().satisfies(term -> assertThat(term.getMatchFields()).singleElement()
                .satisfies(field -> {
                    assertThat(field.getKey()).isEqualTo("metadata.name");
                    assertThat(field.getOperator()).isEqualTo("In");
                    assertThat(field.getValues()).containsExactly("win-1");
                }));
    }

    // --- M10: node picks honour every NoSchedule/NoExecute taint --------------------------------------------

    private static ClusterNode tainted(ClusterNode node, String key, String value, String effect) {
        var taints = new java.util.ArrayList<>(node.taints());
        taints.add(new io.fabric8.kubernetes.api.model.TaintBuilder().withKey(key).withValue(value).withEffect(effect).build());
        return new ClusterNode(node.name(), node.os(), node.arch(), node.windowsBuild(), node.windowsBuildLabel(), node.osImage(),
                node.kernelVersion(), node.containerRuntime(), node.kubeletVersion(), List.copyOf(taints), node.ready(),
                node.schedulable(), node.controlPlane(), node.internalIp(), node.nodeInfoOs(), node.nodeInfoArchitecture());
    }

    @Test
    void windowsCandidatesLeaveOutNodesWithTaintsBeyondTheWindowsOnes() {
        var inventory = new NodeInventory(List.of(
                node("lin-1", "linux", null, false, null),
                tainted(node("win-system", "windows", "10.0.20348", false, "os"), "CriticalAddonsOnly", "true", "NoSchedule"),
                tainted(node("win-spot", "windows", "10.0.20348", false, null), "kubernetes.azure.com/scalesetpriority", "spot", "NoSchedule"),
                node("win-user", "windows", "10.0.20348", false, "os")));

        assertThat(new Placement(inventory).candidateNodes(Side.windows(WindowsBuild.LTSC2022)))
                .extracting(ClusterNode::name).containsExactly("win-user");
    }

    @Test
    void linuxCandidatesLeaveOutWorkersWithANoExecuteTaintButKeepPreferNoSchedule() {
        var inventory = new NodeInventory(List.of(
                node("cp", "linux", null, true, "node-role.kubernetes.io/control-plane"),
                tainted(node("lin-gpu", "linux", null, false, null), "nvidia.com/gpu", "present", "NoExecute"),
                tainted(node("lin-2", "linux", null, false, null), "soft", "x", "PreferNoSchedule")));

        assertThat(new Placement(inventory).candidateNodes(Side.linux())).extracting(ClusterNode::name).containsExactly("lin-2");
    }

    @Test
    void whenEveryLinuxWorkerIsTaintedLinuxWorkloadsGoToTheControlPlaneAndTolerateIt() {
        var inventory = new NodeInventory(List.of(
                node("cp", "linux", null, true, "node-role.kubernetes.io/control-plane"),
                tainted(node("lin-system", "linux", null, false, null), "CriticalAddonsOnly", "true", "NoSchedule")));
        var placement = new Placement(inventory);
        PodSpec spec = new PodSpec();

        placement.apply(spec, Side.linux());

        assertThat(placement.candidateNodes(Side.linux())).extracting(ClusterNode::name).containsExactly("cp");
        assertThat(spec.getTolerations()).extracting(Toleration::getKey).contains("node-role.kubernetes.io/control-plane");
    }

    @Test
    void aBuildWhoseEveryNodeIsTaintedIsUnavailableAndTheReasonNamesTheTaint() {
        var inventory = new NodeInventory(List.of(
                node("lin-1", "linux", null, false, null),
                tainted(node("win-system", "windows", "10.0.20348", false, "os"), "CriticalAddonsOnly", "true", "NoSchedule")));

        assertThat(new Placement(inventory).unavailableReason(Side.windows(WindowsBuild.LTSC2022))).get().asString()
                .contains("win-system").contains("CriticalAddonsOnly=true:NoSchedule");
    }
}
