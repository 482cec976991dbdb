package io.winnode.e2e.scenarios.hostprocess;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.winnode.e2e.framework.exec.CommandLines;
import io.winnode.e2e.framework.exec.ExecResult;
import io.winnode.e2e.framework.exec.InPod;
import io.winnode.e2e.framework.junit.ClassScoped;
import io.winnode.e2e.framework.junit.ParityTest;
import io.winnode.e2e.framework.junit.PodSecurityLevel;
import io.winnode.e2e.framework.junit.Tags;
import io.winnode.e2e.framework.junit.WindowsScenario;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.nodes.NodeInventory;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.placement.Side;
import io.winnode.e2e.framework.workloads.RunningPod;
import io.winnode.e2e.framework.workloads.Workloads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pods in their node's network namespace, in the manner of upstream's host_process.go ("should run
 * as a process on the host/node"): on Linux a hostNetwork pod, on Windows a HostProcess pod (the
 * manifest's OS variants say how each OS does it). Also what {@code hostNetwork: true} does for an
 * ordinary pod, which Windows accepts and ignores.
 */
@WindowsScenario(podSecurity = PodSecurityLevel.PRIVILEGED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("[sig-windows] HostProcess:")
@Epic("Windows worker nodes")
@Feature("HostProcess")
@Tag(Tags.EXTEND_HOST_PROCESS)
@Tag(Tags.NETWORKING)
class HostNetworkScenarios {

    private static final String SHARES_NODE_IP = "pod IP is the node's IP";
    private static final String OWN_IP = "pod has its own IP";
    private static final String HOST_NAME = "hostname is the host's, not the pod's";

    /** One host pod per side, started when a test first needs it and shared by the class. */
    private final Map<Side, RunningPod> hostPods = new HashMap<>();

    @ParityTest("NET-04a")
    @DisplayName("a pod on its node's network (hostNetwork on Linux, HostProcess on Windows) has the node's IP")
    @Severity(SeverityLevel.CRITICAL)
    void hostPodSharesTheNodeIp(Side side, @ClassScoped Workloads shared, InPod inPod, NodeInventory nodes,
                                ParityCheck parity) {
        RunningPod pod = hostPod(side, shared);

        ExecResult interfaces = inPod.interfaces(pod, "host");

        parity.verify(addressOutcome(pod, interfaces, nodeIp(pod, nodes)), pod.node(), addresses(pod, interfaces));
    }

    @ParityTest("SEC-02a")
    @DisplayName("a pod on its node's network (hostNetwork on Linux, HostProcess on Windows) has the node's hostname")
    @Severity(SeverityLevel.NORMAL)
    void hostPodHasTheNodeHostname(Side side, @ClassScoped Workloads shared, InPod inPod, ParityCheck parity) {
        RunningPod pod = hostPod(side, shared);

        ExecResult hostname = inPod.hostname(pod, "host");

        parity.verify(hostnameOutcome(hostname, pod), pod.node(), "hostname " + hostname.stdout().strip());
    }

    @ParityTest("NET-04b")
    @DisplayName("an ordinary pod with hostNetwork: true")
    @Severity(SeverityLevel.NORMAL)
    void hostNetworkFieldOfAnOrdinaryPod(Side side, Workloads workloads, InPod inPod, NodeInventory nodes,
                                         ParityCheck parity) {
        String name = "hostnet-" + side.slug();
        workloads.deploy("networking/host-network-pod.yaml", side, Map.of("NAME", name));
        RunningPod pod = workloads.running(name, side);

        ExecResult interfaces = inPod.interfaces(pod, "idle");

        parity.verify(addressOutcome(pod, interfaces, nodeIp(pod, nodes)), pod.node(), addresses(pod, interfaces));
    }

    /**
     * Whose address the container's own network interfaces carry, from inside the container
     * ({@code ip -4 addr} / {@code ipconfig}): the node's InternalIP means it is in the node's
     * network namespace. status.podIP alone is no evidence — the kubelet copies hostIP into it for
     * any host-network pod whose runtime reports no IP (kubelet_pods.go generateAPIPodStatus).
     */
    private static String addressOutcome(RunningPod pod, ExecResult interfaces, String nodeIp) {
        if (!interfaces.succeeded()) {
            return "listing the container's interfaces failed: " + interfaces.reason();
        }
        List<String> addresses = CommandLines.interfaceAddresses(pod.os(), interfaces);
        if (addresses.contains(nodeIp)) {
            return SHARES_NODE_IP;
        }
        if (pod.podIp() != null && addresses.contains(pod.podIp())) {
            return OWN_IP;
        }
        return "the container's interfaces carry " + addresses + ", neither the node's " + nodeIp
                + " nor the pod's " + pod.podIp();
    }

    private static String nodeIp(RunningPod pod, NodeInventory nodes) {
        return nodes.byName(pod.node()).map(ClusterNode::internalIp).filter(ip -> !ip.isBlank()).orElse(pod.hostIp());
    }

    private static String addresses(RunningPod pod, ExecResult interfaces) {
        return "interfaces " + CommandLines.interfaceAddresses(pod.os(), interfaces) + ", podIP " + pod.podIp()
                + ", hostIP " + pod.hostIp();
    }

    private static String hostnameOutcome(ExecResult result, RunningPod pod) {
        if (!result.succeeded()) {
            return "hostname failed: " + result.reason();
        }
        String hostname = result.stdout().strip();
        if (hostname.isEmpty()) {
            return "hostname printed nothing";
        }
        if (namesThePod(hostname, pod.name())) {
            return "hostname is the pod's own ('" + hostname + "'), not the host's";
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

    private RunningPod hostPod(Side side, Workloads shared) {
        return hostPods.computeIfAbsent(side, s -> {
            String name = "host-" + s.slug();
            shared.deploy("hostprocess/host-pod.yaml", s, Map.of("NAME", name));
            return shared.running(name, s);
        });
    }
}
