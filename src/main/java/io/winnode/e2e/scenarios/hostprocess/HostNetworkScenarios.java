package io.winnode.e2e.scenarios.hostprocess;

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

import java.util.HashMap;
import java.util.Map;

/**
 * Pods in their node's network namespace, in the manner of upstream's host_process.go ("should run
 * as a process on the host/node"): on Linux a hostNetwork pod, on Windows a HostProcess pod (the
 * manifest's OS variants say how each OS does it). Also what {@code hostNetwork: true} does for an
 * ordinary pod, which Windows accepts and ignores.
 */
@WindowsScenario(value = "HostProcess", podSecurity = PodSecurityLevel.PRIVILEGED)
@Feature("HostProcess")
@Tag(Tags.EXTEND_HOST_PROCESS)
@Tag(Tags.NETWORKING)
class HostNetworkScenarios {

    /** One host pod per side, started when a test first needs it and shared by the class. */
    private final Map<Side, RunningPod> hostPods = new HashMap<>();

    @ParityTest("NET-04a")
    @DisplayName("a pod on its node's network (hostNetwork on Linux, HostProcess on Windows) has the node's IP")
    @Severity(SeverityLevel.CRITICAL)
    void hostPodSharesTheNodeIp(Side side, @ClassScoped Workloads shared, InPod inPod, NodeInventory nodes,
                                ParityCheck parity) {
        RunningPod pod = hostPod(side, shared);

        ExecResult interfaces = inPod.interfaces(pod, "host");

        parity.verify(HostNetworkOutcomes.address(pod, interfaces, nodeIp(pod, nodes)), pod.node(), addresses(pod, interfaces));
    }

    @ParityTest("SEC-02a")
    @DisplayName("a pod on its node's network (hostNetwork on Linux, HostProcess on Windows) has the node's hostname")
    @Severity(SeverityLevel.NORMAL)
    void hostPodHasTheNodeHostname(Side side, @ClassScoped Workloads shared, InPod inPod, ParityCheck parity) {
        RunningPod pod = hostPod(side, shared);

        ExecResult hostname = inPod.hostname(pod, "host");

        parity.verify(HostNetworkOutcomes.hostname(hostname, pod), pod.node(), "hostname " + hostname.stdout().strip());
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

        parity.verify(HostNetworkOutcomes.address(pod, interfaces, nodeIp(pod, nodes)), pod.node(), addresses(pod, interfaces));
    }

    private static String nodeIp(RunningPod pod, NodeInventory nodes) {
        return nodes.byName(pod.node()).map(ClusterNode::internalIp).filter(ip -> !ip.isBlank()).orElse(pod.hostIp());
    }

    private static String addresses(RunningPod pod, ExecResult interfaces) {
        return "interfaces " + CommandLines.interfaceAddresses(pod.os(), interfaces) + ", podIP " + pod.podIp()
                + ", hostIP " + pod.hostIp();
    }

    private RunningPod hostPod(Side side, Workloads shared) {
        return hostPods.computeIfAbsent(side, s -> {
            String name = "host-" + s.slug();
            shared.deploy("hostprocess/host-pod.yaml", s, Map.of("NAME", name));
            return shared.running(name, s);
        });
    }
}
