package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.VersionInfo;
import io.winnode.e2e.foundation.input.InvalidInputException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterTopologyTest extends SimulatorTestSupport {

    @BeforeAll
    static void start() {
        startCluster();
    }

    @AfterAll
    static void stop() {
        stopCluster();
    }

    private static Node node(String name) {
        return client.nodes().withName(name).get();
    }

    @Test
    void versionEndpointReportsTheConfiguredKubernetesVersion() {
        VersionInfo version = client.getKubernetesVersion();
        // The real kube-apiserver built from controlplane/go.mod (k8s.io/kubernetes v1.37.2), served over TLS only.
        assertThat(version.getGitVersion()).isEqualTo("v1.37.2").isEqualTo(cluster.gitVersion());
        assertThat(version.getMajor()).isEqualTo("1");
        assertThat(version.getMinor()).isEqualTo("37");
        assertThat(cluster.masterUrl()).startsWith("https://127.0.0.1:");
    }

    @Test
    void defaultTopologyRegistersSixReadyNodesWithWellKnownLabels() {
        List<Node> nodes = client.nodes().list().getItems();
        assertThat(nodes).extracting(n -> n.getMetadata().getName())
                .containsExactlyInAnyOrder("control-plane", "linux-worker-1", "linux-worker-2", "win2022-1", "win2022-2", "win2025-1");
        assertThat(nodes).allSatisfy(n -> {
            assertThat(n.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
            assertThat(n.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", n.getMetadata().getName())
                    .containsEntry("kubernetes.io/arch", "amd64");
            assertThat(n.getStatus().getAllocatable()).containsKeys("cpu", "memory", "pods");
            assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo(cluster.gitVersion());
        });
        assertThat(nodes).extracting(n -> n.getSpec().getPodCIDR()).doesNotHaveDuplicates()
                .allMatch(c -> c.matches("10\\.244\\.\\d+\\.0/24"));
    }

    @Test
    void windowsNodesCarryBuildLabelTaintAndWindowsNodeInfo() {
        Node win2022 = node("win2022-1");
        assertThat(win2022.getMetadata().getLabels()).containsEntry("kubernetes.io/os", "windows")
                .containsEntry("node.kubernetes.io/windows-build", "10.0.20348");
        assertThat(win2022.getSpec().getTaints()).extracting(Taint::getKey, Taint::getValue, Taint::getEffect)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("os", "windows", "NoSchedule"));
        assertThat(win2022.getStatus().getNodeInfo().getOsImage()).isEqualTo("Windows Server 2022 Datacenter");
        assertThat(win2022.getStatus().getNodeInfo().getKernelVersion()).isEqualTo("10.0.20348.2849");
        assertThat(win2022.getStatus().getNodeInfo().getOperatingSystem()).isEqualTo("windows");
        assertThat(win2022.getStatus().getNodeInfo().getContainerRuntimeVersion()).startsWith("containerd://");
        assertThat(node("win2025-1").getMetadata().getLabels()).containsEntry("node.kubernetes.io/windows-build", "10.0.26100");
        assertThat(win2022.getStatus().getAddresses()).extracting(a -> a.getType()).containsExactly("InternalIP", "Hostname");
    }

    @Test
    void linuxNodesHaveNoBuildLabelAndTheControlPlaneIsTainted() {
        Node worker = node("linux-worker-1");
        assertThat(worker.getMetadata().getLabels()).containsEntry("kubernetes.io/os", "linux")
                .doesNotContainKey("node.kubernetes.io/windows-build");
        assertThat(worker.getSpec().getTaints()).isNullOrEmpty();
        assertThat(worker.getStatus().getNodeInfo().getOsImage()).isEqualTo("Ubuntu 24.04.1 LTS");
        Node cp = node("control-plane");
        assertThat(cp.getMetadata().getLabels()).containsKey("node-role.kubernetes.io/control-plane");
        assertThat(cp.getSpec().getTaints()).extracting(Taint::getKey, Taint::getEffect)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("node-role.kubernetes.io/control-plane", "NoSchedule"));
    }

    @Test
    void systemNamespacesAndServicesExist() {
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .contains("default", "kube-system");
        Service kubernetes = client.services().inNamespace("default").withName("kubernetes").get();
        assertThat(kubernetes.getSpec().getClusterIP()).isEqualTo("10.96.0.1");
        Service dns = client.services().inNamespace("kube-system").withName("kube-dns").get();
        assertThat(dns.getSpec().getClusterIP()).isEqualTo("10.96.0.10");
        assertThat(dns.getSpec().getPorts()).extracting(p -> p.getPort() + "/" + p.getProtocol())
                .contains("53/UDP", "53/TCP");
    }

    @Test
    void kubeconfigIsWrittenAndNamesTheSimulatedContext(@TempDir Path dir) throws Exception {
        Path file = cluster.writeKubeconfig(dir);
        String text = Files.readString(file);
        assertThat(file.getFileName().toString()).isEqualTo("kubeconfig-" + SimulatedCluster.NAME + ".yaml");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(text).contains("current-context: winnode").contains("server: " + cluster.masterUrl());
        io.fabric8.kubernetes.client.Config config = io.fabric8.kubernetes.client.Config.fromKubeconfig(text);
        assertThat(config.getMasterUrl()).startsWith(cluster.masterUrl());
        // The real API server authenticates the administrator by an x509 client certificate (system:masters), not a token.
        assertThat(config.getClientCertData()).isNotBlank();
        assertThat(config.getClientKeyData()).isNotBlank();
        assertThat(config.getCaCertData()).isNotBlank();
        try (var fromFile = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(config).build()) {
            assertThat(fromFile.namespaces().withName("kube-system").get()).isNotNull();
        }
    }

    @Test
    void userTopologyIsReadStrictly(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("topology.yaml");
        Files.writeString(bad, "nodes:\n  - name: n1\n    os: linux\n    arch: amd64\n    colour: blue\n");
        assertThatThrownBy(() -> SimulatedCluster.start(SimulatorOptions.defaults().withTopologyFile(bad)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("colour");
        Path noBuild = dir.resolve("nobuild.yaml");
        Files.writeString(noBuild, """
                nodes:
                  - name: w1
                    os: windows
                    arch: amd64
                    osImage: Windows Server 2022 Datacenter
                    kernelVersion: 10.0.20348.1
                    containerRuntimeVersion: containerd://1.7.24
                    internalIP: 10.0.0.9
                    capacity: {cpu: "2", memory: 4Gi, pods: "10"}
                """);
        assertThatThrownBy(() -> SimulatedCluster.start(SimulatorOptions.defaults().withTopologyFile(noBuild)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("windowsBuild");
    }

    @Test
    void aTopologyMayNameItsClusterDomainAndAHostsOwnComputerName(@TempDir Path dir) throws Exception {
        Path eks = dir.resolve("eks.yaml");
        Files.writeString(eks, """
                clusterDomain: corp.example
                nodes:
                  - name: ip-10-0-1-5.ec2.internal
                    computerName: EC2AMAZ-HT4GDVL
                    os: windows
                    arch: amd64
                    windowsBuild: 10.0.20348
                    osImage: Windows Server 2022 Datacenter
                    kernelVersion: 10.0.20348.1
                    containerRuntimeVersion: containerd://1.7.24
                    internalIP: 10.0.1.5
                    capacity: {cpu: "2", memory: 4Gi, pods: "10"}
                """);
        io.winnode.e2e.simulator.topology.Topology topology = io.winnode.e2e.simulator.topology.Topology.load(eks);
        assertThat(topology.clusterDomain()).isEqualTo("corp.example");
        assertThat(topology.nodes().get(0).hostName()).isEqualTo("EC2AMAZ-HT4GDVL");
        assertThat(io.winnode.e2e.simulator.topology.Topology.load(null).clusterDomain()).isEqualTo("cluster.local");
        Files.writeString(eks, Files.readString(eks).replace("corp.example", "Corp_Example"));
        assertThatThrownBy(() -> io.winnode.e2e.simulator.topology.Topology.load(eks)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'clusterDomain' must be a DNS name");
    }

    @Test
    void latencyProfileParsingListsValidValues() {
        assertThat(LatencyProfile.parse("realistic")).isEqualTo(LatencyProfile.REALISTIC);
        assertThatThrownBy(() -> LatencyProfile.parse("slow")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("fast").hasMessageContaining("realistic");
        assertThat(Map.of("seed", SimulatorOptions.defaults().seed())).containsEntry("seed", 1L);
    }
}
