package io.winnode.e2e.scenarios.hostprocess;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.winnode.e2e.framework.exec.ExecResult;
import io.winnode.e2e.framework.exec.InPod;
import io.winnode.e2e.framework.junit.ClassScoped;
import io.winnode.e2e.framework.junit.ParityTest;
import io.winnode.e2e.framework.junit.PodSecurityLevel;
import io.winnode.e2e.framework.junit.Tags;
import io.winnode.e2e.framework.junit.WindowsScenario;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.placement.Side;
import io.winnode.e2e.framework.workloads.RunningPod;
import io.winnode.e2e.framework.workloads.Workloads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
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
    private static final String NODE_HOSTNAME = "hostname is the node's name";

    /** One host pod per side, started when a test first needs it and shared by the class. */
    private final Map<Side, RunningPod> hostPods = new HashMap<>();

    @ParityTest("NET-04a")
    @DisplayName("a pod on its node's network (hostNetwork on Linux, HostProcess on Windows) has the node's IP")
    @Severity(SeverityLevel.CRITICAL)
    void hostPodSharesTheNodeIp(Side side, @ClassScoped Workloads shared, ParityCheck parity) {
        RunningPod pod = hostPod(side, shared);

        parity.verify(addressOutcome(pod), pod.node(), addresses(pod));
    }

    @ParityTest("SEC-02a")
    @DisplayName("a pod on its node's network (hostNetwork on Linux, HostProcess on Windows) has the node's hostname")
    @Severity(SeverityLevel.NORMAL)
    void hostPodHasTheNodeHostname(Side side, @ClassScoped Workloads shared, InPod inPod, ParityCheck parity) {
        RunningPod pod = hostPod(side, shared);

        ExecResult hostname = inPod.hostname(pod, "host");

        parity.verify(hostnameOutcome(hostname, pod.node()), pod.node(), "hostname " + hostname.stdout().strip());
    }

    @ParityTest("NET-04b")
    @DisplayName("an ordinary pod with hostNetwork: true")
    @Severity(SeverityLevel.NORMAL)
    void hostNetworkFieldOfAnOrdinaryPod(Side side, Workloads workloads, ParityCheck parity) {
        String name = "hostnet-" + side.slug();
        workloads.deploy("networking/host-network-pod.yaml", side, Map.of("NAME", name));
        RunningPod pod = workloads.running(name, side);

        parity.verify(addressOutcome(pod), pod.node(), addresses(pod));
    }

    /** Compares status.podIP with status.hostIP, the way NET-04's test description asks. */
    private static String addressOutcome(RunningPod pod) {
        if (pod.podIp() == null || pod.podIp().isBlank()) {
            return "no pod IP in the pod's status";
        }
        return pod.podIp().equals(pod.hostIp()) ? SHARES_NODE_IP : OWN_IP;
    }

    private static String addresses(RunningPod pod) {
        return "podIP " + pod.podIp() + ", hostIP " + pod.hostIp();
    }

    private static String hostnameOutcome(ExecResult result, String nodeName) {
        if (!result.succeeded()) {
            return "hostname failed: " + result.reason();
        }
        String hostname = result.stdout().strip();
        return namesTheNode(hostname, nodeName) ? NODE_HOSTNAME
                : "hostname is '" + hostname + "' on node '" + nodeName + "'";
    }

    /**
     * Host names compare without case, as upstream's {@code -ine} does: Windows may print its
     * computer name in capitals while the kubelet registers the node in lower case. A node named by
     * its FQDN (some cloud providers) matches the host name of its first label.
     */
    private static boolean namesTheNode(String hostname, String nodeName) {
        String host = hostname.toLowerCase(Locale.ROOT);
        String node = nodeName.toLowerCase(Locale.ROOT);
        return !host.isEmpty() && (host.equals(node) || node.startsWith(host + "."));
    }

    private RunningPod hostPod(Side side, Workloads shared) {
        return hostPods.computeIfAbsent(side, s -> {
            String name = "host-" + s.slug();
            shared.deploy("hostprocess/host-pod.yaml", s, Map.of("NAME", name));
            return shared.running(name, s);
        });
    }
}
