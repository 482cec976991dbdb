package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;

/**
 * What a kubelet knows about its own node: name, OS, arch, Windows build, IP, pod CIDR, and the
 * host's own name ({@code hostName}: the computer name, not necessarily the node name).
 */
record NodeIdentity(String name, OsFamily os, String arch, String windowsBuild, String internalIp, String podCidr,
                    String hostName) {

    static NodeIdentity of(Node node, String hostName) {
        String ip = node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .findFirst().orElseThrow().getAddress();
        return new NodeIdentity(node.getMetadata().getName(),
                OsFamily.fromLabel(node.getMetadata().getLabels().get(OsFamily.LABEL)),
                node.getMetadata().getLabels().get("kubernetes.io/arch"),
                node.getMetadata().getLabels().get(WindowsBuild.LABEL), ip, node.getSpec().getPodCIDR(),
                hostName == null ? node.getMetadata().getName() : hostName);
    }
}
