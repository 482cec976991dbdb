package io.winnode.e2e.simulator.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import static org.awaitility.Awaitility.await;
import io.winnode.e2e.simulator.controlplane.ControlPlaneBinaries.Component;

/**
 * Starts the real control plane once and checks that it is the real one: the release, the apiserver's own validation,
 * RBAC and the Node authorizer with NodeRestriction, and a clean stop. No simulator code is on any of these paths.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneTest {

    @TempDir
    static Path dir;
    static ControlPlane controlPlane;
    static KubernetesClient admin;
    static long startMillis;

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        // Baseline as the cluster-wide Pod Security default, as hardened clusters set it: see the M8 test below.
        controlPlane = ControlPlane.start(ControlPlaneConfig.of(dir.resolve("cluster"), "172.18.0.2",
                List.of("win-1", "linux-1"), line -> System.err.println("[control-plane] " + line)).withPodSecurityDefault("baseline"));
        startMillis = (System.nanoTime() - t0) / 1_000_000;
        Map<Component, Long> rss = controlPlane.memoryRssBytesByComponent();
        System.err.println("[control-plane] started in " + startMillis + " ms; RSS MiB: "
                + rss.entrySet().stream().map(e -> e.getKey().programName() + "=" + e.getValue() / (1024 * 1024)).toList()
                + " total=" + controlPlane.memoryRssBytes() / (1024 * 1024));
        admin = client("admin");
    }

    @AfterAll
    static void stop() {
        if (admin != null) {
            admin.close();
        }
        if (controlPlane != null) {
            controlPlane.close();
        }
    }

    static KubernetesClient client(String identity) {
        return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(controlPlane.kubeconfigYaml(identity))).build();
    }

    @Test
    @Order(1)
    void versionIsTheReleasePinnedInGoMod() throws Exception {
        String goMod = Files.readString(Path.of("controlplane", "go.mod"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^\\s*k8s\\.io/kubernetes\\s+(v\\d+\\.\\d+\\.\\d+)\\s*$").matcher(goMod);
        assertThat(m.find()).as("go.mod requires k8s.io/kubernetes").isTrue();
        assertThat(admin.getKubernetesVersion().getGitVersion()).isEqualTo(m.group(1));
        assertThat(controlPlane.gitVersion()).isEqualTo(m.group(1));
    }

    @Test
    @Order(2)
    void apiServerRejectsSeLinuxOptionsOnAWindowsPod() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("selinux-on-windows").withNamespace("default").endMetadata()
                .withNewSpec()
                    .withNewOs().withName("windows").endOs()
                    .withNewSecurityContext().withNewSeLinuxOptions().withLevel("s0:c123,c456").endSeLinuxOptions().endSecurityContext()
                    .addNewContainer().withName("app").withImage("mcr.microsoft.com/windows/nanoserver:ltsc2022").endContainer()
                .endSpec()
                .build();
        assertThatThrownBy(() -> admin.pods().inNamespace("default").resource(pod).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    // The apiserver's own message (pkg/apis/core/validation/validation.go validateWindows).
                    assertThat(e.getMessage())
                            .contains("spec.securityContext.seLinuxOptions: Forbidden: cannot be set for a windows pod");
                });
    }

    @Test
    @Order(3)
    void kubeProxyIdentityMayListServicesButNotCreatePods() {
        try (KubernetesClient proxy = client("kube-proxy")) {
            assertThat(proxy.services().inAnyNamespace().list().getItems())
                    .extracting(s -> s.getMetadata().getName()).contains("kubernetes");
            Pod pod = new PodBuilder().withNewMetadata().withName("not-allowed").withNamespace("default").endMetadata()
                    .withNewSpec().addNewContainer().withName("c").withImage("registry.k8s.io/pause:3.10").endContainer().endSpec()
                    .build();
            assertThatThrownBy(() -> proxy.pods().inNamespace("default").resource(pod).create())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("system:kube-proxy");
                    });
        }
    }

    @Test
    @Order(4)
    void nodeIdentityCreatesItsOwnNodeButNoOtherOne() {
        try (KubernetesClient node = client("win-1")) {
            Node created = node.nodes().resource(node("win-1")).create();
            assertThat(created.getMetadata().getUid()).isNotBlank();
            // NodeRestriction: a node may only create the Node object named after itself.
            assertThatThrownBy(() -> node.nodes().resource(node("linux-1")).create())
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        }
        // The controller manager's node IPAM gives the new node a /24 of the cluster CIDR.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(admin.nodes().withName("win-1").get().getSpec().getPodCIDR()).startsWith("10.244."));
    }

    @Test
    @Order(5)
    void schedulerBindsAPodToAReadyNode() {
        // win-1 (created above) reports itself Ready with room for pods, as its kubelet would; the scheduler then
        // binds a pod to it. The toleration covers the not-ready taint until the node lifecycle controller lifts it.
        try (KubernetesClient node = client("win-1")) {
            // The status PUT carries the read resourceVersion; the node lifecycle controller and the IPAM controller
            // may write the node in between (409), so read and write again, as the kubelet's status loop does.
            await().atMost(Duration.ofSeconds(10)).ignoreException(KubernetesClientException.class)
                    .until(() -> reportReady(node));
        }        Pod pod = new PodBuilder().withNewMetadata().withName("scheduled").withNamespace("default").endMetadata()
                .withNewSpec()
                    .addNewToleration().withOperator("Exists").endToleration()
                    .addNewContainer().withName("c").withImage("registry.k8s.io/pause:3.10").endContainer()
                .endSpec().build();
        admin.pods().inNamespace("default").resource(pod).create();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(admin.pods().inNamespace("default").withName("scheduled").get().getSpec().getNodeName())
                        .isEqualTo("win-1"));
    }

    private static Node node(String name) {
        return new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/os", "windows").endMetadata().build();
    }

    @Test
    @Order(6)
    void kubernetesServiceEndpointIsTheAdvertisedAddress() {
        // The default lease endpoint reconciler accepted the non-loopback advertise address (a loopback one is refused).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(admin.endpoints().inNamespace("default").withName("kubernetes").get().getSubsets())
                        .flatExtracting(s -> s.getAddresses()).extracting(a -> a.getIp()).containsExactly("172.18.0.2"));
    }

    @Test
    @Order(7)
    void kubeletServingCertificatesExistPerNode() {
        assertThat(controlPlane.kubeletServingCert("win-1")).isRegularFile();
        assertThat(controlPlane.kubeletServingKey("linux-1")).isRegularFile();
        assertThat(controlPlane.apiServerUrl()).startsWith("https://127.0.0.1:");
        assertThat(controlPlane.log(Component.KUBE_APISERVER)).isRegularFile();
    }

    /**
     * M8 (real-cluster-review.md): NET-05a's hostPort pod, in a namespace labelled as its scenario class asks
     * ({@code @WindowsScenario(podSecurity)}), is admitted by the real PodSecurity admission of an API server whose
     * cluster default is baseline; the same pod in an unlabelled namespace is refused, as baseline forbids hostPort.
     */
    @Test
    @Order(8)
    void podConnectivityNamespaceAdmitsTheHostPortPodUnderABaselineClusterDefault() throws Exception {
        Class<?> scenarios = Class.forName("io.winnode.e2e.scenarios.networking.PodConnectivityScenarios");
        Map<String, String> labels = scenarios.getAnnotation(io.winnode.e2e.framework.junit.WindowsScenario.class)
                .podSecurity().namespaceLabels();
        admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("pod-connectivity").addToLabels(labels).endMetadata().build()).create();
        admin.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName("unlabelled").endMetadata().build()).create();

        assertThatThrownBy(() -> admin.pods().inNamespace("unlabelled").resource(hostPortPod()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(403);
                    // The PodSecurity plugin's message (k8s.io/pod-security-admission policy/check_hostPorts.go).
                    assertThat(e.getMessage()).contains("violates PodSecurity \"baseline:latest\"").contains("hostPort");
                });
        assertThat(admin.pods().inNamespace("pod-connectivity").resource(hostPortPod()).create().getMetadata().getUid())
                .as("NET-05a's pod admitted in a namespace labelled %s", labels).isNotBlank();
    }

    /** NET-05a's pod, from its manifest, as the scenario renders it. */
    private static Pod hostPortPod() {
        String yaml = io.winnode.e2e.framework.manifests.ManifestTemplate
                .load("networking/hostport-server.yaml", io.winnode.e2e.foundation.os.OsFamily.WINDOWS)
                .render(Map.of("NAME", "hostport-windows", "HOST_PORT", "54323",
                        "image.agnhost", "registry.k8s.io/e2e-test-images/agnhost:2.62"));
        return admin.pods().load(new java.io.ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).item();
    }

    @Test
    @Order(100)
    void closingLeavesNoComponentRunning() throws Exception {
        List<Long> pids = controlPlane.pids();
        assertThat(pids).hasSize(4);
        assertThat(Files.readAllLines(dir.resolve("cluster").resolve("pids"))).hasSize(4);
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid)).as("pid %d before close", pid).isPresent();
        }
        admin.close();
        admin = null;
        long t0 = System.nanoTime();
        controlPlane.close();
        System.err.println("[control-plane] closed in " + (System.nanoTime() - t0) / 1_000_000 + " ms: "
                + controlPlane.stopMillisByComponent());
        controlPlane.close(); // idempotent
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid %d after close", pid).isEmpty();
        }
        assertThat(dir.resolve("cluster").resolve("pids")).doesNotExist();
        // Stopped by SIGTERM, not by the stdin watch that is meant for a dead JVM.
        assertThat(Files.readString(controlPlane.log(Component.KUBE_APISERVER))).doesNotContain("standard input closed");
    }

    private static boolean reportReady(KubernetesClient node) {
        Node n = node.nodes().withName("win-1").get();
            n.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder()
                    .addToCapacity(Map.of("cpu", new io.fabric8.kubernetes.api.model.Quantity("4"),
                            "memory", new io.fabric8.kubernetes.api.model.Quantity("8Gi"),
                            "pods", new io.fabric8.kubernetes.api.model.Quantity("110")))
                    .addToAllocatable(Map.of("cpu", new io.fabric8.kubernetes.api.model.Quantity("4"),
                            "memory", new io.fabric8.kubernetes.api.model.Quantity("8Gi"),
                            "pods", new io.fabric8.kubernetes.api.model.Quantity("110")))
                    .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                        .withLastHeartbeatTime(java.time.Instant.now().toString())
                        .withLastTransitionTime(java.time.Instant.now().toString()).endCondition()
                    .build());
        node.nodes().resource(n).updateStatus();
        return true;
    }
}
