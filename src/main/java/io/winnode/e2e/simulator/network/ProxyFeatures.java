package io.winnode.e2e.simulator.network;

import io.fabric8.kubernetes.api.model.Node;
import io.winnode.e2e.foundation.os.WindowsBuild;

/**
 * What the service proxy of a node can do, decided by what the node's OS is, as its kubelet reports
 * it ({@code status.nodeInfo}), never by labels a fault may have removed.
 */
final class ProxyFeatures {

    /** Windows Server 2022's build: the first whose HNS (12.0) load balancers keep a client on one endpoint. */
    private static final int FIRST_BUILD_WITH_AFFINITY = WindowsBuild.LTSC2022.buildOrdinal();

    private ProxyFeatures() {
    }

    /**
     * Whether the node's proxy applies {@code sessionAffinity: ClientIP}. Linux kube-proxy always does
     * (iptables {@code recent} module). On Windows, kube-proxy's winkernel proxier only gets affinity
     * from HNS 12.0 on (microsoft/hcsshim hcn/hcnglobals.go {@code SessionAffinityVersion}); on older
     * HNS it logs "Session Affinity is not supported on this version of Windows" and programs the load
     * balancer without it (kubernetes/kubernetes pkg/proxy/winkernel/proxier.go, syncProxyRules), so
     * requests spread over the endpoints. kubernetes/website windows-networking.md, "Windows Service
     * Settings": session affinity needs Windows Server 2022 at least (parity NET-09, finding B3).
     */
    static boolean sessionAffinity(Node node) {
        var info = node.getStatus() == null ? null : node.getStatus().getNodeInfo();
        if (info == null || !"windows".equals(info.getOperatingSystem())) {
            return true;
        }
        return WindowsBuild.fromLabel(info.getKernelVersion())
                .map(build -> build.buildOrdinal() >= FIRST_BUILD_WITH_AFFINITY).orElse(true);
    }
}
