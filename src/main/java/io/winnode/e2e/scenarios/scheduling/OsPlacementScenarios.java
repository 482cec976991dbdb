package io.winnode.e2e.scenarios.scheduling;

import io.fabric8.kubernetes.api.model.Pod;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.junit.ParityTest;
import io.winnode.e2e.framework.junit.Tags;
import io.winnode.e2e.framework.junit.WindowsScenario;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.nodes.NodeInventory;
import io.winnode.e2e.framework.parity.Observed;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.placement.Placement;
import io.winnode.e2e.framework.placement.Side;
import io.winnode.e2e.framework.workloads.PodStates;
import io.winnode.e2e.framework.workloads.PullErrors;
import io.winnode.e2e.framework.workloads.RunningPod;
import io.winnode.e2e.framework.workloads.Workloads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@WindowsScenario("Scheduling")
@Feature("Scheduling")
@Tag(Tags.SCHEDULING)
@Tag(Tags.CORE_SCHEDULING)
class OsPlacementScenarios {

    private static final int REPLICAS = 3;

    @ParityTest("SCH-01")
    @DisplayName("workloads run only on nodes of their OS and Windows build")
    @Severity(SeverityLevel.BLOCKER)
    @Tag(Tags.SMOKE)
    void workloadsRunOnlyOnNodesOfTheirOs(Side side, Workloads workloads, NodeInventory nodes, ParityCheck parity) {
        String name = "replicas-" + side.slug();
        workloads.deploy("scheduling/replicas.yaml", side, Map.of("NAME", name, "REPLICAS", String.valueOf(REPLICAS)));

        List<RunningPod> replicas = workloads.runningReplicas(name, REPLICAS, side);

        var misplaced = new ArrayList<String>();
        for (RunningPod replica : replicas) {
            ClusterNode node = nodes.byName(replica.node()).orElseThrow(() ->
                    new AssertionError(replica + " runs on a node missing from the inventory"));
            boolean rightOs = node.os() == side.os();
            boolean rightBuild = side.build().isEmpty() || side.build().equals(node.windowsBuild());
            if (!rightOs || !rightBuild) {
                misplaced.add(replica.name() + " ran on " + node.name() + " (" + node.platformLabel() + ")");
            }
        }
        parity.verify(misplaced.isEmpty() ? Observed.outcome("placed")
                : Observed.detail(String.join("; ", misplaced)), String.join(",", replicas.stream().map(RunningPod::node).toList()));
    }

    @ParityTest("SCH-04")
    @DisplayName("a Linux-only image runs on Linux nodes and fails to pull on Windows nodes")
    @Severity(SeverityLevel.CRITICAL)
    void linuxOnlyImage(Side side, Workloads workloads, ParityCheck parity) {
        String name = "linux-image-" + side.slug();
        workloads.deploy("scheduling/linux-only-image-pod.yaml", side, Map.of("NAME", name));

        Pod pod = workloads.settled(name, side);

        parity.verify(imageOutcome(pod), pod.getSpec().getNodeName());
    }

    @ParityTest("SCH-06")
    @DisplayName("the kubelet rejects a pod whose spec.os names the other OS")
    @Severity(SeverityLevel.CRITICAL)
    void kubeletRejectsPodOfTheOtherOs(Side side, Workloads workloads, Placement placement, ParityCheck parity) {
        ClusterNode node = placement.candidateNodes(side).get(0);
        OsFamily otherOs = side.os() == OsFamily.LINUX ? OsFamily.WINDOWS : OsFamily.LINUX;
        String name = otherOs.label() + "-pod-on-" + side.slug();
        workloads.deployOnNode("scheduling/idle-pod.yaml", node, otherOs, Map.of("NAME", name));

        Pod pod = workloads.settled(name, side);

        String reason = pod.getStatus().getReason();
        // The reason is the kubelet's own word, quoted as observed: only PodOSNotSupported is the declared outcome.
        parity.verify(Observed.detail("Failed".equals(pod.getStatus().getPhase()) && reason != null
                ? "rejected by the kubelet: " + reason : PodStates.describe(pod)), node.name());
    }

    /**
     * What became of a pod whose image may have no variant for its node. Only containerd's own
     * platform-mismatch text counts as "no variant": its other pull errors quote the registry URL
     * ({@code .../v2/<repo>/manifests/<tag>}), so an unreachable, rate-limited or un-mirrored registry
     * must show as the error it is, never as the expected mismatch (real-cluster-review L1).
     */
    static Observed imageOutcome(Pod pod) {
        if (PodStates.isRunningAndReady(pod)) {
            return Observed.outcome("runs");
        }
        String waiting = PodStates.waitingReason(pod).orElse("");
        if (PullErrors.isPullFailure(waiting)) {
            return PullErrors.isPlatformMismatch(waiting)
                    ? Observed.outcome("no-variant")
                    : Observed.detail("image pull failed: " + waiting);
        }
        return Observed.detail(PodStates.describe(pod));
    }
}
