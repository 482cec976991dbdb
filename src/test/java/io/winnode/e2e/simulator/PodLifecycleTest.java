package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.winnode.e2e.foundation.os.OsFamily;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PodLifecycleTest extends SimulatorTestSupport {

    static String ns;

    @BeforeAll
    static void start() {
        startCluster();
        ns = namespace("lifecycle");
    }

    @AfterAll
    static void stop() {
        stopCluster();
    }

    @Test
    void serverPodBecomesRunningAndReadyWithAPodIpFromItsNodeCidr() {
        create(podFor(OsFamily.LINUX, ns, "web", container("web", AGNHOST, "netexec")).build());
        Pod pod = waitRunningReady(ns, "web");
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(pod.getSpec().getDnsPolicy()).isEqualTo("ClusterFirst");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
        String cidr = client.nodes().withName(pod.getSpec().getNodeName()).get().getSpec().getPodCIDR();
        assertThat(pod.getStatus().getPodIP()).startsWith(cidr.substring(0, cidr.lastIndexOf('.') + 1));
        assertThat(pod.getStatus().getHostIP()).isNotEqualTo(pod.getStatus().getPodIP());
        assertThat(pod.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("PodScheduled=True", "Initialized=True", "ContainersReady=True", "Ready=True");
        ContainerStatus cs = pod.getStatus().getContainerStatuses().get(0);
        assertThat(cs.getState().getRunning()).isNotNull();
        assertThat(cs.getReady()).isTrue();
        assertThat(cs.getContainerID()).startsWith("containerd://");
        await().atMost(Duration.ofSeconds(5)).until(() -> hasEvent(ns, "web", "Started", "Started container web"));
        assertThat(events(ns, "web")).extracting(e -> e.getReason())
                .contains("Scheduled", "Pulled", "Created", "Started"); // Pulling only if the node did not have the image yet
        String log = client.pods().inNamespace(ns).withName("web").getLog();
        assertThat(log).contains("Started HTTP server on port 8080");
    }

    @Test
    void commandContainerSucceedsAndItsOutputIsInTheLog() {
        Pod pod = podFor(OsFamily.LINUX, ns, "once", new io.fabric8.kubernetes.api.model.ContainerBuilder()
                .withName("once").withImage(BUSYBOX).withCommand("sh", "-c", "echo hello from once").build())
                .editSpec().withRestartPolicy("Never").endSpec().build();
        create(pod);
        Pod done = waitFor(ns, "once", p -> "Succeeded".equals(p.getStatus().getPhase()));
        assertThat(done.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isZero();
        assertThat(done.getStatus().getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(client.pods().inNamespace(ns).withName("once").getLog()).isEqualTo("hello from once\n");
    }

    @Test
    void failingCommandWithRestartNeverFailsThePod() {
        Pod pod = podFor(OsFamily.LINUX, ns, "fails", new io.fabric8.kubernetes.api.model.ContainerBuilder()
                .withName("fails").withImage(BUSYBOX).withCommand("sh", "-c", "echo bad; exit 3").build())
                .editSpec().withRestartPolicy("Never").endSpec().build();
        create(pod);
        Pod done = waitFor(ns, "fails", p -> "Failed".equals(p.getStatus().getPhase()));
        assertThat(done.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(done.getStatus().getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("Error");
    }

    @Test
    void exitingContainerWithRestartAlwaysCountsRestartsAndCrashLoops() {
        Pod pod = podFor(OsFamily.LINUX, ns, "crashy", new io.fabric8.kubernetes.api.model.ContainerBuilder()
                .withName("crashy").withImage(BUSYBOX).withCommand("sh", "-c", "exit 1").build()).build();
        create(pod);
        Pod crashing = waitFor(ns, "crashy", p -> p.getStatus().getContainerStatuses() != null
                && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().get(0).getRestartCount() >= 2);
        assertThat(crashing.getStatus().getPhase()).isEqualTo("Running");
        assertThat(crashing.getStatus().getContainerStatuses().get(0).getLastState().getTerminated().getExitCode()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent(ns, "crashy", "BackOff", "Back-off restarting failed container crashy"));
    }

    @Test
    void initContainersRunFirst() {
        Pod pod = podFor(OsFamily.LINUX, ns, "with-init", container("main", AGNHOST, "pause")).editSpec()
                .addNewInitContainer().withName("prepare").withImage(BUSYBOX).withCommand("sh", "-c", "echo prepared").endInitContainer()
                .endSpec().build();
        create(pod);
        Pod ready = waitRunningReady(ns, "with-init");
        assertThat(ready.getStatus().getInitContainerStatuses().get(0).getState().getTerminated().getExitCode()).isZero();
        assertThat(client.pods().inNamespace(ns).withName("with-init").inContainer("prepare").getLog()).isEqualTo("prepared\n");
    }

    @Test
    void kubeletRejectsAPodWhoseOsFieldDoesNotMatchItsNode() {
        Pod pod = new PodBuilder().withNewMetadata().withName("wrong-os").withNamespace(ns).endMetadata()
                .withNewSpec().withNodeName("linux-worker-1").withNewOs("windows").withContainers(container("c", AGNHOST, "pause"))
                .endSpec().build();
        create(pod);
        Pod failed = waitFor(ns, "wrong-os", p -> "Failed".equals(p.getStatus().getPhase()));
        assertThat(failed.getStatus().getReason()).isEqualTo("PodOSNotSupported");
        Pod selector = new PodBuilder().withNewMetadata().withName("wrong-selector").withNamespace(ns).endMetadata()
                .withNewSpec().withNodeName("win2022-1").withNodeSelector(java.util.Map.of("kubernetes.io/os", "linux"))
                .withContainers(container("c", AGNHOST, "pause")).endSpec().build();
        create(selector);
        assertThat(waitFor(ns, "wrong-selector", p -> "Failed".equals(p.getStatus().getPhase())).getStatus().getReason())
                .isEqualTo("PodOSSelectorNodeLabelDoesNotMatch");
    }

    @Test
    void linuxOnlyImageOnWindowsFailsToPullWithContainerdsNoMatchMessage() {
        create(podFor(OsFamily.WINDOWS, ns, "alpine-on-windows", container("c", LINUX_ONLY)).build());
        Pod pod = waitFor(ns, "alpine-on-windows", p -> p.getStatus().getContainerStatuses() != null
                && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().get(0).getState().getWaiting() != null
                && List.of("ErrImagePull", "ImagePullBackOff").contains(p.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason()));
        assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getMessage())
                .contains("no match for platform in manifest: not found");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent(ns, "alpine-on-windows", "Failed",
                "failed to pull and unpack image \"docker.io/library/alpine:3.20\": no match for platform in manifest: not found")
                && hasEvent(ns, "alpine-on-windows", "BackOff", "Back-off pulling image"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "ImagePullBackOff".equals(client.pods().inNamespace(ns)
                .withName("alpine-on-windows").get().getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason()));
    }

    @Test
    void hostNetworkIsHonouredOnLinuxAndIgnoredOnOrdinaryWindowsPods() {
        create(podFor(OsFamily.LINUX, ns, "hostnet-linux", container("c", AGNHOST, "pause")).editSpec().withHostNetwork(true).endSpec().build());
        create(podFor(OsFamily.WINDOWS, ns, "hostnet-windows", container("c", AGNHOST, "pause")).editSpec().withHostNetwork(true).endSpec().build());
        Pod linux = waitRunningReady(ns, "hostnet-linux");
        Pod windows = waitRunningReady(ns, "hostnet-windows");
        assertThat(linux.getStatus().getPodIP()).isEqualTo(linux.getStatus().getHostIP());
        assertThat(windows.getStatus().getPodIP()).isNotEqualTo(windows.getStatus().getHostIP());
    }

    @Test
    void readinessProbesGateReadyAndLivenessFailuresRestartTheContainer() {
        create(podFor(OsFamily.WINDOWS, ns, "probed", new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("c")
                .withImage(AGNHOST).withArgs("netexec")
                .withNewReadinessProbe().withNewHttpGet().withPath("/not-there").withPort(new io.fabric8.kubernetes.api.model.IntOrString(8080))
                .endHttpGet().endReadinessProbe().build()).build());
        create(podFor(OsFamily.LINUX, ns, "live", new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("c")
                .withImage(AGNHOST).withArgs("netexec")
                .withNewLivenessProbe().withNewTcpSocket().withPort(new io.fabric8.kubernetes.api.model.IntOrString(9999)).endTcpSocket()
                .withFailureThreshold(2).endLivenessProbe().build()).build());
        create(podFor(OsFamily.LINUX, ns, "ready-http", new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("c")
                .withImage(AGNHOST).withArgs("netexec")
                .withNewReadinessProbe().withNewHttpGet().withPath("/healthz").withPort(new io.fabric8.kubernetes.api.model.IntOrString(8080))
                .endHttpGet().endReadinessProbe().build()).build());
        waitRunningReady(ns, "ready-http");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent(ns, "probed", "Unhealthy",
                "Readiness probe failed: HTTP probe failed with statuscode: 404"));
        Pod probed = client.pods().inNamespace(ns).withName("probed").get();
        assertThat(probed.getStatus().getPhase()).isEqualTo("Running");
        assertThat(probed.getStatus().getContainerStatuses().get(0).getReady()).isFalse();
        Pod live = waitFor(ns, "live", p -> p.getStatus().getContainerStatuses() != null && !p.getStatus().getContainerStatuses().isEmpty()
                && p.getStatus().getContainerStatuses().get(0).getRestartCount() >= 1);
        assertThat(live.getStatus().getContainerStatuses().get(0).getLastState().getTerminated().getExitCode()).isEqualTo(137);
        assertThat(hasEvent(ns, "live", "Killing", "Container c failed liveness probe, will be restarted")).isTrue();
    }

    @Test
    void kubeletConfigzAndStatsSummaryAreServedThroughTheNodeProxy() throws Exception {
        tools.jackson.databind.ObjectMapper json = io.fabric8.kubernetes.client.utils.Serialization.jsonMapper();
        for (String node : List.of("win2022-1", "linux-worker-1")) {
            tools.jackson.databind.JsonNode config = json.readTree(client.raw(cluster.masterUrl() + "/api/v1/nodes/" + node
                    + "/proxy/configz")).path("kubeletconfig");
            io.fabric8.kubernetes.api.model.Node n = client.nodes().withName(node).get();
            java.math.BigDecimal capacity = Quantity.getAmountInBytes(n.getStatus().getCapacity().get("memory"));
            java.math.BigDecimal reserved = Quantity.getAmountInBytes(new Quantity(config.path("systemReserved").path("memory").asString()))
                    .add(Quantity.getAmountInBytes(new Quantity(config.path("evictionHard").path("memory.available").asString())));
            assertThat(capacity.subtract(reserved)).isEqualByComparingTo(Quantity.getAmountInBytes(n.getStatus().getAllocatable().get("memory")));
        }
        create(podFor(OsFamily.WINDOWS, ns, "stats", container("c", AGNHOST, "pause")).build());
        Pod pod = waitRunningReady(ns, "stats");
        tools.jackson.databind.JsonNode summary = json.readTree(client.raw(cluster.masterUrl() + "/api/v1/nodes/"
                + pod.getSpec().getNodeName() + "/proxy/stats/summary"));
        assertThat(summary.path("node").path("nodeName").asString()).isEqualTo(pod.getSpec().getNodeName());
        tools.jackson.databind.JsonNode stats = java.util.stream.StreamSupport.stream(summary.path("pods").spliterator(), false)
                .filter(p -> "stats".equals(p.path("podRef").path("name").asString()) && ns.equals(p.path("podRef").path("namespace").asString()))
                .findFirst().orElseThrow();
        assertThat(stats.path("containers").get(0).path("cpu").path("usageNanoCores").asLong()).isPositive();
        assertThat(stats.path("containers").get(0).path("memory").path("workingSetBytes").asLong()).isPositive();
        assertThat(client.raw(cluster.masterUrl() + "/api/v1/nodes/win2022-1/proxy/metrics/cadvisor")).isNull();
    }

    @Test
    void deletedPodDisappears() {
        create(podFor(OsFamily.LINUX, ns, "short-lived", container("c", AGNHOST, "pause")).build());
        waitRunningReady(ns, "short-lived");
        client.pods().inNamespace(ns).withName("short-lived").delete();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().inNamespace(ns).withName("short-lived").get() == null);
    }
}
