package io.winnode.e2e.scenarios.hostprocess;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.exec.ExecResult;
import io.winnode.e2e.framework.workloads.RunningPod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** NET-04a/04b and SEC-02a decide from what the container itself sees, not from what the kubelet wrote. */
class HostNetworkOutcomesTest {

    private static final String NODE_IP = "10.0.1.5";
    /** A HostProcess pod on an EKS Windows node: the kubelet reports podIP = hostIP whatever the runtime did. */
    private static final RunningPod EKS_HOST_POD = new RunningPod("ns", "host-windows-ltsc2022", OsFamily.WINDOWS,
            "ip-10-0-1-5.ec2.internal", NODE_IP, NODE_IP);

    @Test
    void theNodesAddressMustBeOnTheContainersOwnInterfaces() {
        ExecResult onHost = ipconfig(NODE_IP);
        assertThat(HostNetworkOutcomes.address(EKS_HOST_POD, onHost, NODE_IP)).isEqualTo(HostNetworkOutcomes.SHARES_NODE_IP);
        // status.podIP equals hostIP, but the container's interface says it has an address of its own.
        String isolated = HostNetworkOutcomes.address(EKS_HOST_POD, ipconfig("10.244.3.7"), NODE_IP).detail();
        assertThat(isolated).contains("10.244.3.7");
        RunningPod ordinary = new RunningPod("ns", "hostnet", OsFamily.WINDOWS, "win-1", "10.244.3.7", NODE_IP);
        assertThat(HostNetworkOutcomes.address(ordinary, ipconfig("10.244.3.7"), NODE_IP)).isEqualTo(HostNetworkOutcomes.OWN_IP);
        ExecResult linux = new ExecResult(0, "2: eth0: <BROADCAST,UP>\n    inet " + NODE_IP + "/24 scope global eth0\n", "");
        RunningPod linuxHost = new RunningPod("ns", "host-linux", OsFamily.LINUX, "ip-10-0-1-5.ec2.internal", NODE_IP, NODE_IP);
        assertThat(HostNetworkOutcomes.address(linuxHost, linux, NODE_IP)).isEqualTo(HostNetworkOutcomes.SHARES_NODE_IP);
    }

    @Test
    void anEksComputerNameThatIsNotTheNodeNameIsTheHostsName() {
        assertThat(HostNetworkOutcomes.hostname(new ExecResult(0, "EC2AMAZ-HT4GDVL\r\n", ""), EKS_HOST_POD))
                .isEqualTo(HostNetworkOutcomes.HOST_NAME);
        assertThat(HostNetworkOutcomes.hostname(new ExecResult(0, "ip-10-0-1-5\n", ""), EKS_HOST_POD))
                .isEqualTo(HostNetworkOutcomes.HOST_NAME);
    }

    @Test
    void thePodsOwnNameMeansTheContainerIsNotOnTheHost() {
        assertThat(HostNetworkOutcomes.hostname(new ExecResult(0, "host-windows-ltsc2022\r\n", ""), EKS_HOST_POD).detail())
                .contains("the pod's own");
        assertThat(HostNetworkOutcomes.hostname(new ExecResult(0, "HOST-WINDOWS-LT\r\n", ""), EKS_HOST_POD).detail())
                .as("the NetBIOS form of the pod name").contains("the pod's own");
        assertThat(HostNetworkOutcomes.hostname(new ExecResult(1, "", "boom"), EKS_HOST_POD).detail()).contains("failed");
    }

    private static ExecResult ipconfig(String address) {
        return new ExecResult(0, "\r\nWindows IP Configuration\r\n\r\nEthernet adapter vEthernet (Ethernet):\r\n\r\n"
                + "   IPv4 Address. . . . . . . . . . . : " + address + "\r\n", "");
    }
}
