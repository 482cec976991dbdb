package io.winnode.e2e.simulator.topology;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.winnode.e2e.framework.nodes.OsFamily;
import io.winnode.e2e.framework.nodes.WindowsBuild;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds the Node object a kubelet registers: the well-known labels (SCH-01, SCH-02), the
 * registration taints (SCH-03), capacity/allocatable, nodeInfo, addresses, Ready condition and a
 * per-node /24 pod CIDR out of 10.244.0.0/16 (as kube-controller-manager's node IPAM allocates).
 */
public final class NodeFactory {

    private NodeFactory() {
    }

    public static String podCidr(int nodeIndex) {
        return "10.244." + nodeIndex + ".0/24";
    }

    public static Node build(TopologyNode spec, int nodeIndex, String kubeletVersion) {
        OsFamily os = OsFamily.fromLabel(spec.os());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("beta.kubernetes.io/arch", spec.arch());
        labels.put("beta.kubernetes.io/os", os.label());
        labels.put("kubernetes.io/arch", spec.arch());
        labels.put("kubernetes.io/hostname", spec.name());
        labels.put(OsFamily.LABEL, os.label());
        if (os == OsFamily.WINDOWS) {
            labels.put(WindowsBuild.LABEL, spec.windowsBuild());
        }
        if (spec.labels() != null) {
            labels.putAll(spec.labels());
        }
        List<Taint> taints = spec.taints() == null ? List.of() : spec.taints().stream()
                .map(t -> new TaintBuilder().withKey(t.key()).withValue(t.value()).withEffect(t.effect()).build())
                .toList();
        Map<String, Quantity> capacity = quantities(spec.capacity());
        Map<String, Quantity> allocatable = spec.allocatable() == null ? capacity : quantities(spec.allocatable());
        String now = Instant.now().toString();
        return new NodeBuilder()
                .withNewMetadata().withName(spec.name()).withLabels(labels)
                    .withAnnotations(Map.of("node.alpha.kubernetes.io/ttl", "0",
                            "volumes.kubernetes.io/controller-managed-attach-detach", "true"))
                .endMetadata()
                .withNewSpec().withPodCIDR(podCidr(nodeIndex)).withPodCIDRs(podCidr(nodeIndex))
                    .withTaints(taints.isEmpty() ? null : taints)
                    .withUnschedulable(Boolean.TRUE.equals(spec.unschedulable()) ? true : null)
                .endSpec()
                .withNewStatus()
                    .withCapacity(capacity).withAllocatable(allocatable)
                    .addNewAddress().withType("InternalIP").withAddress(spec.internalIP()).endAddress()
                    .addNewAddress().withType("Hostname").withAddress(spec.name()).endAddress()
                    .addNewCondition().withType("MemoryPressure").withStatus("False").withReason("KubeletHasSufficientMemory")
                        .withMessage("kubelet has sufficient memory available").withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                    .addNewCondition().withType("DiskPressure").withStatus("False").withReason("KubeletHasNoDiskPressure")
                        .withMessage("kubelet has no disk pressure").withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                    .addNewCondition().withType("PIDPressure").withStatus("False").withReason("KubeletHasSufficientPID")
                        .withMessage("kubelet has sufficient PID available").withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                        .withMessage("kubelet is posting ready status").withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
                    .withNewNodeInfo()
                        .withArchitecture(spec.arch()).withOperatingSystem(os.label())
                        .withOsImage(spec.osImage()).withKernelVersion(spec.kernelVersion())
                        .withContainerRuntimeVersion(spec.containerRuntimeVersion())
                        .withKubeletVersion(kubeletVersion).withKubeProxyVersion(kubeletVersion)
                        .withBootID(UUID.nameUUIDFromBytes(("boot-" + spec.name()).getBytes()).toString())
                        .withMachineID(UUID.nameUUIDFromBytes(("machine-" + spec.name()).getBytes()).toString().replace("-", ""))
                        .withSystemUUID(UUID.nameUUIDFromBytes(("system-" + spec.name()).getBytes()).toString())
                    .endNodeInfo()
                    .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(10250).endKubeletEndpoint().endDaemonEndpoints()
                .endStatus()
                .build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> result = new TreeMap<>();
        values.forEach((k, v) -> result.put(k, new Quantity(v)));
        return result;
    }
}
