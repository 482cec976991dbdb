package io.winnode.e2e.simulator.faults;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.winnode.e2e.framework.exec.CommandLines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.winnode.e2e.foundation.os.OsFamily.LINUX;
import static io.winnode.e2e.foundation.os.OsFamily.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** node faults change (and keep changing) Node objects; subresource faults break the kubelet server of selected nodes. */
class NodeAndSubresourceFaultsTest extends FaultTestSupport {

    static final String FAULTS = """
            id: D-TEST-NODE
            title: Hand-written node and kubelet-server faults
            faults:
              - node:
                  removeLabels: [kubernetes.io/hostname]
                  setLabels: { fault.example/marked: "yes" }
                  setConditions: [{ type: MemoryPressure, status: "True", reason: KubeletHasInsufficientMemory, message: "simulated" }]
                  addTaints: [{ key: fault.example/broken, value: "true", effect: NoSchedule }]
                  allocatable: { pods: "3" }
                select: { nodeNames: [linux-worker-2] }
              - subresource: { kind: exec, behaviour: fail, message: "error dialing backend: simulated" }
                select: { namespaces: [sub-exec], nodeOs: windows }
              - subresource: { kind: logs, behaviour: hang, hangSeconds: 1.5 }
                select: { namespaces: [sub-logs] }
              - subresource: { kind: stats, behaviour: wrongFigures, factor: 1000 }
                select: { windowsBuild: ltsc2022, nodeNames: [win2022-1] }
              - subresource: { kind: metrics, behaviour: wrongFigures, factor: 1000 }
                select: { nodeNames: [win2022-1] }
              - ignoredField: { path: "spec.containers[*].resources.limits.cpu" }
                select: { namespaces: [limits-ignored] }
              - subresource: { kind: configz, behaviour: fail, message: "configz simulated failure" }
                select: { windowsBuild: "10.0.26100" }
            """;

    /** Raw HTTPS to the API server's node proxy, as the administrator (client certificate); the status codes are the kubelet's. */
    static HttpClient http;

    @BeforeAll
    static void start() {
        startWithFaults(FAULTS);
        try {
            http = HttpClient.newBuilder().sslContext(io.fabric8.kubernetes.client.internal.SSLUtils.sslContext(
                    io.fabric8.kubernetes.client.Config.fromKubeconfig(cluster.kubeconfigYaml()))).build();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        namespace("sub-exec");
        namespace("sub-logs");
        namespace("stats");
        namespace("limits-ignored");
    }

    @AfterAll
    static void stopCluster() {
        stop();
    }

    static HttpResponse<String> proxy(String node, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(cluster.masterUrl() + "/api/v1/nodes/" + node + "/proxy" + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nodeFaultChangesTheSelectedNodeAndKeepsItChanged() {
        await().atMost(Duration.ofSeconds(5)).until(() -> "yes".equals(client.nodes().withName("linux-worker-2").get()
                .getMetadata().getLabels().get("fault.example/marked")));
        Node broken = client.nodes().withName("linux-worker-2").get();
        assertThat(broken.getMetadata().getLabels()).doesNotContainKey("kubernetes.io/hostname");
        assertThat(broken.getSpec().getTaints()).anyMatch(t -> t.getKey().equals("fault.example/broken") && t.getEffect().equals("NoSchedule"));
        await().atMost(Duration.ofSeconds(5)).until(() -> condition(client.nodes().withName("linux-worker-2").get(), "MemoryPressure")
                .getStatus().equals("True"));
        assertThat(client.nodes().withName("linux-worker-2").get().getStatus().getAllocatable().get("pods")).isEqualTo(new Quantity("3"));
        Node healthy = client.nodes().withName("linux-worker-1").get();
        assertThat(healthy.getMetadata().getLabels()).containsKey("kubernetes.io/hostname").doesNotContainKey("fault.example/marked");
        assertThat(condition(healthy, "MemoryPressure").getStatus()).isEqualTo("False");
        // Someone "repairs" the node: the fault puts it back.
        client.nodes().withName("linux-worker-2").edit(n -> {
            Map<String, String> labels = new HashMap<>(n.getMetadata().getLabels());
            labels.remove("fault.example/marked");
            n.getMetadata().setLabels(labels);
            return n;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> "yes".equals(client.nodes().withName("linux-worker-2").get()
                .getMetadata().getLabels().get("fault.example/marked")));
    }

    static NodeCondition condition(Node n, String type) {
        return n.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void execFailsWithTheRelayedKubeletErrorOnSelectedPodsOnly() {
        client(WINDOWS, "sub-exec", "win");
        client(LINUX, "sub-exec", "lin");
        waitRunningReady("sub-exec", "win");
        waitRunningReady("sub-exec", "lin");
        var failed = exec("sub-exec", "win", CommandLines.hostname(WINDOWS));
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stderr()).contains("error dialing backend: simulated");
        assertThat(failed.stdout()).isEmpty();
        assertThat(exec("sub-exec", "lin", CommandLines.hostname(LINUX)).stdout().strip()).isEqualTo("lin");
    }

    @Test
    void logsHangForHangSeconds() {
        create(podFor(LINUX, "sub-logs", "p", container("c", BUSYBOX)).editSpec().withRestartPolicy("Never").editFirstContainer()
                .withCommand("sh", "-c", "echo hello").endContainer().endSpec().build());
        waitFor("sub-logs", "p", p -> "Succeeded".equals(p.getStatus().getPhase()));
        Instant before = Instant.now();
        String log = client.pods().inNamespace("sub-logs").withName("p").getLog();
        assertThat(log).contains("hello");
        assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1400));
    }

    @Test
    void statsReportWrongFiguresOnTheSelectedNodeOnly() {
        for (String node : new String[] {"win2022-1", "win2022-2"}) {
            create(new PodBuilder(podFor(WINDOWS, "stats", "p-" + node, container("c", AGNHOST, "pause")).build()).editSpec()
                    .withNodeName(node).endSpec().build());
            waitRunningReady("stats", "p-" + node);
        }
        JsonNode wrong = summary("win2022-1");
        JsonNode right = summary("win2022-2");
        long capacity = Quantity.getAmountInBytes(client.nodes().withName("win2022-2").get().getStatus().getCapacity().get("memory"))
                .longValue();
        long rightNode = right.path("node").path("memory").path("workingSetBytes").asLong();
        long rightPods = 0;
        for (JsonNode pod : right.path("pods")) {
            rightPods += pod.path("memory").path("workingSetBytes").asLong();
            assertThat(pod.path("containers").get(0).path("cpu").path("usageNanoCores").asLong()).isPositive();
        }
        assertThat(rightNode).isBetween(rightPods, capacity);
        assertThat(wrong.path("node").path("memory").path("workingSetBytes").asLong()).isGreaterThan(capacity);
        assertThat(wrong.path("pods").get(0).path("memory").path("workingSetBytes").asLong()).isGreaterThan(1000L * 1024 * 1024);
    }

    @Test
    void cpuLimitCapsStatsUnlessTheKubeletIgnoresIt() {
        for (String ns : new String[] {"stats", "limits-ignored"}) {
            create(new PodBuilder(podFor(WINDOWS, ns, "limited", container("c", AGNHOST, "pause")).build()).editSpec()
                    .withNodeName("win2022-2").editFirstContainer().withNewResources().addToLimits("cpu", new Quantity("1m"))
                    .endResources().endContainer().endSpec().build());
            waitRunningReady(ns, "limited");
        }
        Map<String, Long> cpu = new HashMap<>();
        for (JsonNode pod : summary("win2022-2").path("pods")) {
            if (pod.path("podRef").path("name").asString().equals("limited")) {
                cpu.put(pod.path("podRef").path("namespace").asString(), pod.path("cpu").path("usageNanoCores").asLong());
            }
        }
        assertThat(cpu.get("stats")).isLessThanOrEqualTo(1_000_000L);
        assertThat(cpu.get("limits-ignored")).isGreaterThan(1_000_000L);
    }

    @Test
    void resourceMetricsReportWrongFiguresOnTheSelectedNodeOnly() {
        long capacity = Quantity.getAmountInBytes(client.nodes().withName("win2022-2").get().getStatus().getCapacity().get("memory"))
                .longValue();
        assertThat(nodeWorkingSet("win2022-2")).isBetween(1.0, (double) capacity);
        assertThat(nodeWorkingSet("win2022-1")).isGreaterThan(capacity);
    }

    static double nodeWorkingSet(String node) {
        HttpResponse<String> r = proxy(node, "/metrics/resource");
        assertThat(r.statusCode()).isEqualTo(200);
        String line = r.body().lines().filter(l -> l.startsWith("node_memory_working_set_bytes ")).findFirst().orElseThrow();
        return Double.parseDouble(line.split(" ")[1]);
    }

    static JsonNode summary(String node) {
        HttpResponse<String> r = proxy(node, "/stats/summary");
        assertThat(r.statusCode()).isEqualTo(200);
        return Serialization.jsonMapper().readTree(r.body());
    }

    @Test
    void configzFailsOnTheSelectedBuild() {
        HttpResponse<String> broken = proxy("win2025-1", "/configz");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).contains("configz simulated failure");
        assertThat(proxy("win2022-1", "/configz").statusCode()).isEqualTo(200);
    }
}
