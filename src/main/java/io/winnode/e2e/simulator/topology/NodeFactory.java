package io.winnode.e2e.simulator.topology;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.winnode.e2e.foundation.nodes.SimulatedProviderId;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Builds the Node object a kubelet registers: the well-known labels a kubelet may set itself
 * (SCH-01, SCH-02; the NodeRestriction admission plugin refuses others, so the topology's extra
 * labels are an installer's job, see {@code ClusterAddons}), the registration taints
 * ({@code --register-with-taints}, SCH-03), capacity/allocatable, nodeInfo, addresses, Ready
 * condition and the port of its kubelet server. The pod CIDR is not the kubelet's to choose:
 * kube-controller-manager's node IPAM assigns it after registration.
 *
 * <p>Addresses: a cluster-like, non-loopback {@code InternalIP} that pods, Services and the suite
 * see (hostNetwork pods take it as their IP; EndpointSlice validation and the node proxy refuse
 * loopback), and the kubelet port 10250. Nothing routes that IP on this machine: the API server
 * reaches the kubelet through {@code nodes.KubeletTunnel}, its egress proxy to the nodes.
 */
public final class NodeFactory {

    private NodeFactory() {
    }

    public static Node build(TopologyNode spec, int kubeletPort, String kubeletVersion) {
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
                .withNewSpec().withTaints(taints.isEmpty() ? null : taints)
                    .withProviderID(SimulatedProviderId.of(spec.name())).endSpec()
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
                    .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(kubeletPort).endKubeletEndpoint().endDaemonEndpoints()
                .endStatus()
                .build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> result = new TreeMap<>();
        values.forEach((k, v) -> result.put(k, new Quantity(v)));
        return result;
    }
}
