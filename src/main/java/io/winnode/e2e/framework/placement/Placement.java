package io.winnode.e2e.framework.placement;

import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.PodOSBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.nodes.NodeInventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

/**
 * Puts a workload on the nodes of its side, the way the Kubernetes Windows user guide says to:
 * {@code spec.os.name}, a {@code kubernetes.io/os} node selector (plus the Windows build), and
 * tolerations for the taints Windows nodes conventionally carry. The scheduler ignores
 * {@code spec.os.name} (parity row SCH-05), so the selector is what places the pod; the OS field
 * makes the API server validate OS-specific fields and the kubelet reject a mismatch.
 *
 * <p>Upstream CI clusters often have no Linux worker, only a tainted control plane; then Linux
 * workloads tolerate the control-plane taint, as upstream's hybrid network test does.
 */
public final class Placement {

    /** Taints Windows nodes carry in the wild: {@code os=windows} (user guide, EKS) and GKE's. */
    static final List<Toleration> WINDOWS_TOLERATIONS = List.of(
            new TolerationBuilder().withKey("os").withOperator("Equal").withValue("windows").withEffect("NoSchedule").build(),
            new TolerationBuilder().withKey("node.kubernetes.io/os").withOperator("Equal").withValue("windows")
                    .withEffect("NoSchedule").build());

    static final List<Toleration> CONTROL_PLANE_TOLERATIONS = List.of(
            new TolerationBuilder().withKey("node-role.kubernetes.io/control-plane").withOperator("Exists")
                    .withEffect("NoSchedule").build(),
            new TolerationBuilder().withKey("node-role.kubernetes.io/master").withOperator("Exists")
                    .withEffect("NoSchedule").build());

    private final NodeInventory nodes;

    public Placement(NodeInventory nodes) {
        this.nodes = nodes;
    }

    /** Why a side cannot run here, or empty when it can. */
    public Optional<String> unavailableReason(Side side) {
        if (side.os() == OsFamily.LINUX) {
            if (nodes.schedulable(OsFamily.LINUX).isEmpty()) {
                return Optional.of("the cluster has no schedulable Linux node");
            }
            return candidateNodes(side).isEmpty() ? Optional.of("every schedulable Linux node has a taint the suite does not tolerate ("
                    + TaintTolerance.describeTaints(nodes.schedulable(OsFamily.LINUX)) + ")") : Optional.empty();
        }
        if (side.build().isEmpty()) {
            // A Linux-only cluster (K3s, for one) and Windows nodes missing their build label need different fixes.
            return Optional.of(nodes.schedulable(OsFamily.WINDOWS).isEmpty()
                    ? "the cluster has no schedulable Windows node (Linux nodes only)"
                    : "the cluster's schedulable Windows nodes have no " + WindowsBuild.LABEL + " label to pin a workload "
                    + "to their build (" + String.join(", ", nodes.windowsNodesWithoutBuild().stream().map(ClusterNode::name)
                    .toList()) + ")");
        }
        WindowsBuild build = side.build().get();
        if (nodes.schedulableWindows(build).isEmpty()) {
            return Optional.of("the cluster has no schedulable Windows node of build " + build.shortName()
                    + " (" + build.buildNumber() + ")");
        }
        return candidateNodes(side).isEmpty() ? Optional.of("every schedulable Windows node of build " + build.shortName()
                + " (" + build.buildNumber() + ") has a taint the suite does not tolerate ("
                + TaintTolerance.describeTaints(nodes.schedulableWindows(build)) + ")") : Optional.empty();
    }

    /**
     * The nodes a workload of this side may land on: schedulable nodes of its OS (and build) whose every
     * NoSchedule and NoExecute taint the side's tolerations tolerate, as the scheduler's TaintToleration
     * filter requires. A node of an AKS system pool ({@code CriticalAddonsOnly=true:NoSchedule}) or a
     * spot pool is not a candidate: a pod pinned to it would stay Pending.
     */
    public List<ClusterNode> candidateNodes(Side side) {
        if (side.os() == OsFamily.LINUX) {
            List<ClusterNode> workers = untaintedLinuxWorkers();
            return workers.isEmpty() ? tolerated(nodes.schedulable(OsFamily.LINUX), CONTROL_PLANE_TOLERATIONS) : workers;
        }
        return tolerated(nodes.schedulableWindows(side.build().orElseThrow()), WINDOWS_TOLERATIONS);
    }

    /** Linux workers a pod without tolerations can use; when there is none, Linux pods tolerate the control plane. */
    private List<ClusterNode> untaintedLinuxWorkers() {
        return tolerated(nodes.linuxWorkers(), List.of());
    }

    private static List<ClusterNode> tolerated(List<ClusterNode> candidates, List<Toleration> tolerations) {
        return candidates.stream().filter(n -> TaintTolerance.toleratesAll(tolerations, n.schedulingTaints())).toList();
    }

    /** Sets OS, node selector and tolerations on a pod spec for this side. */
    public void apply(PodSpec spec, Side side) {
        spec.setOs(new PodOSBuilder().withName(side.os().label()).build());
        var selector = spec.getNodeSelector() == null ? new HashMap<String, String>() : new HashMap<>(spec.getNodeSelector());
        selector.put(OsFamily.LABEL, side.os().label());
        side.build().ifPresent(b -> selector.put(WindowsBuild.LABEL, b.buildNumber()));
        spec.setNodeSelector(selector);
        var tolerations = spec.getTolerations() == null ? new ArrayList<Toleration>() : new ArrayList<>(spec.getTolerations());
        if (side.isWindows()) {
            tolerations.addAll(WINDOWS_TOLERATIONS);
        } else if (untaintedLinuxWorkers().isEmpty()) {
            tolerations.addAll(CONTROL_PLANE_TOLERATIONS);
        }
        spec.setTolerations(tolerations);
    }

    /**
     * Narrows a placed pod spec to one node with required node affinity on the node's name (the
     * {@code metadata.name} field, as the DaemonSet controller does): the scheduler still decides,
     * so a node that cannot take a pod leaves it Pending with the scheduler's reason.
     */
    public void restrictToNode(PodSpec spec, ClusterNode node) {
        var term = new NodeSelectorTermBuilder().addNewMatchField().withKey("metadata.name").withOperator("In")
                .withValues(node.name()).endMatchField().build();
        spec.setAffinity(new AffinityBuilder().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withNodeSelectorTerms(term).endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().build());
    }

    /**
     * Pins a pod spec to one node by name, bypassing the scheduler, and sets the pod's OS to
     * {@code podOs}: used to see what the node's kubelet does with a workload it was not meant for.
     */
    public void pinToNode(PodSpec spec, ClusterNode node, OsFamily podOs) {
        spec.setNodeName(node.name());
        spec.setOs(new PodOSBuilder().withName(podOs.label()).build());
    }

    /** How Allure shows this test parameter (it prints every argument of a test). */
    @Override
    public String toString() {
        return "placement by OS and Windows build";
    }
}
