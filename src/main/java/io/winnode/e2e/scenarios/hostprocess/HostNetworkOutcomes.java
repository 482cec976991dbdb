package io.winnode.e2e.scenarios.hostprocess;

import io.winnode.e2e.framework.exec.CommandLines;
import io.winnode.e2e.framework.exec.ExecResult;
import io.winnode.e2e.framework.parity.Observed;
import io.winnode.e2e.framework.workloads.RunningPod;

import java.util.List;
import java.util.Locale;

/** What HostNetworkScenarios observed, as parity outcomes: whose IP and whose name a host pod sees. */
final class HostNetworkOutcomes {

    /** Keys of NET-04a/NET-04b's and SEC-02a's outcomes in parity/expectations.yaml. */
    static final Observed SHARES_NODE_IP = Observed.outcome("node-ip");
    static final Observed OWN_IP = Observed.outcome("own-ip");
    static final Observed HOST_NAME = Observed.outcome("host-name");

    private HostNetworkOutcomes() {
    }

    /**
     * Whose address the container's own network interfaces carry, from inside the container
     * ({@code ip -4 addr} / {@code ipconfig}): the node's InternalIP means it is in the node's
     * network namespace. status.podIP alone is no evidence — the kubelet copies hostIP into it for
     * any host-network pod whose runtime reports no IP (kubelet_pods.go generateAPIPodStatus).
     */
    static Observed address(RunningPod pod, ExecResult interfaces, String nodeIp) {
        if (!interfaces.succeeded()) {
            return Observed.detail("listing the container's interfaces failed: " + interfaces.reason());
        }
        List<String> addresses = CommandLines.interfaceAddresses(pod.os(), interfaces);
        if (addresses.contains(nodeIp)) {
            return SHARES_NODE_IP;
        }
        if (pod.podIp() != null && addresses.contains(pod.podIp())) {
            return OWN_IP;
        }
        return Observed.detail("the container's interfaces carry " + addresses + ", neither the node's " + nodeIp
                + " nor the pod's " + pod.podIp());
    }

    static Observed hostname(ExecResult result, RunningPod pod) {
        if (!result.succeeded()) {
            return Observed.detail("hostname failed: " + result.reason());
        }
        String hostname = result.stdout().strip();
        if (hostname.isEmpty()) {
            return Observed.detail("hostname printed nothing");
        }
        if (namesThePod(hostname, pod.name())) {
            return Observed.detail("hostname is the pod's own ('" + hostname + "'), not the host's");
        }
        return HOST_NAME;
    }

    /**
     * Whether {@code hostname} is the pod's own name: what a container in its own UTS namespace (Linux)
     * or its own compute system (Windows, as its NetBIOS name: upper case, at most 15 characters)
     * reports, since the kubelet gives a pod's sandbox the pod's name as hostname
     * (kuberuntime_sandbox.go). A container on its node's network has no hostname of its own and
     * reports the host's: the node name on most clusters, but on EKS the Windows computer name
     * ({@code EC2AMAZ-...}) while the node is {@code ip-10-0-1-5.ec2.internal} (terraform-aws-eks#717),
     * so the node name is not required. Compared without case, as upstream's {@code -ine} does.
     */
    private static boolean namesThePod(String hostname, String podName) {
        String host = hostname.toLowerCase(Locale.ROOT);
        String pod = podName.toLowerCase(Locale.ROOT);
        return host.equals(pod) || (host.length() == 15 && pod.startsWith(host));
    }
}
