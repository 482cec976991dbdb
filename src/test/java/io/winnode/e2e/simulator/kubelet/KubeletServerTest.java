package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Vertx;
import io.vertx.core.net.SelfSignedCertificate;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.simulator.LatencyProfile;
import io.winnode.e2e.simulator.faults.ActiveFaults;
import io.winnode.e2e.simulator.faults.Fault;
import io.winnode.e2e.simulator.faults.FaultFile;
import io.winnode.e2e.simulator.faults.Mechanisms.SubresourceFault;
import io.winnode.e2e.simulator.faults.NodeFacts;
import io.winnode.e2e.simulator.faults.Selector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two simulated nodes' kubelet servers on one runtime registry, spoken to over real HTTPS and
 * WebSocket the way the API server proxies to them: a Linux node with a running pod, a pod with a
 * restarted container and one still waiting; a Windows node with a running pod and a pod whose
 * exec a {@code subresource} fault breaks; the Windows node's stats are broken by another.
 */
class KubeletServerTest {

    static final String V4 = "v4.channel.k8s.io";

    static Vertx vertx;
    static SelfSignedCertificate cert;
    static ExecutorService processes;
    static ScheduledExecutorService timer;
    static RuntimeRegistry registry;
    static ActiveFaults faults;
    static Node linuxNode;
    static Node windowsNode;
    static KubeletServer linux;
    static KubeletServer windows;
    static KubeletTestClient toLinux;
    static KubeletTestClient toWindows;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        cert = SelfSignedCertificate.create("localhost");
        processes = Executors.newCachedThreadPool();
        timer = Executors.newScheduledThreadPool(2);
        registry = new RuntimeRegistry();
        linuxNode = SimulatedPods.node("linux-a", OsFamily.LINUX);
        windowsNode = SimulatedPods.node("win-b", OsFamily.WINDOWS);

        PodSandbox lin = SimulatedPods.sandbox("apps", "lin", "linux-a", OsFamily.LINUX, List.of("c", "late"));
        SimulatedPods.running(lin, "c", "one\ntwo\nthree\n");
        registry.add(lin);
        PodSandbox crashed = SimulatedPods.sandbox("apps", "crashed", "linux-a", OsFamily.LINUX, List.of("c"));
        SimulatedPods.restarted(SimulatedPods.running(crashed, "c", "first run\n"), "second run\n");
        registry.add(crashed);
        PodSandbox win = SimulatedPods.sandbox("apps", "win", "win-b", OsFamily.WINDOWS, List.of("c"));
        SimulatedPods.running(win, "c", "started\r\n");
        registry.add(win);
        PodSandbox broken = SimulatedPods.sandbox("faulty", "broken", "win-b", OsFamily.WINDOWS, List.of("c"));
        SimulatedPods.running(broken, "c", "");
        registry.add(broken);
        PodSandbox attached = SimulatedPods.sandbox("apps", "attached", "linux-a", OsFamily.LINUX, List.of("c"));
        SimulatedPods.running(attached, "c", "before attach\n");
        registry.add(attached);
        PodSandbox followed = SimulatedPods.sandbox("apps", "followed", "linux-a", OsFamily.LINUX, List.of("c"));
        SimulatedPods.running(followed, "c", "line 1\n");
        registry.add(followed);

        faults = new ActiveFaults(List.of(new FaultFile("D-test", "kubelet server faults", null, List.of(), List.of(
                subresource(new SubresourceFault("exec", "fail", "hcs::System::CreateProcess: The RPC server is unavailable.",
                        null, null, null), new Selector(null, null, null, null, List.of("faulty"), null)),
                subresource(new SubresourceFault("logs", "fail", "failed to open log file: The process cannot access the file",
                        null, null, null), new Selector(null, null, null, null, List.of("faulty"), null)),
                subresource(new SubresourceFault("stats", "fail", "stats simulated failure", null, null, null),
                        new Selector(null, null, List.of("win-b"), null, null, null))))),
                Map.of("linux-a", new NodeFacts("linux-a", "linux", null, Map.of()),
                        "win-b", new NodeFacts("win-b", "windows", "10.0.20348", Map.of())),
                Instant.now().minusSeconds(1));

        linux = server("linux-a", linuxNode, new Latencies(LatencyProfile.FAST, 1));
        windows = server("win-b", windowsNode, new Latencies(LatencyProfile.FAST, 2));
        toLinux = new KubeletTestClient(linux.port());
        toWindows = new KubeletTestClient(windows.port());
    }

    static Fault subresource(SubresourceFault f, Selector select) {
        return new Fault(null, null, null, null, null, f, null, null, null, null, select, null);
    }

    static KubeletServer server(String name, Node node, Latencies latencies) {
        return KubeletServer.start(vertx, name, () -> node, registry, latencies, processes, faults, timer,
                Path.of(cert.certificatePath()), Path.of(cert.privateKeyPath()), new KubeletDns("corp.example", "10.96.0.10"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (linux != null) {
            linux.close();
        }
        if (windows != null) {
            windows.close();
        }
        processes.shutdownNow();
        timer.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        cert.delete();
    }

    static String exec(String ns, String pod, String container, String... argv) {
        StringBuilder b = new StringBuilder("/exec/" + ns + "/" + pod + "/" + container + "?output=1&error=1");
        for (String a : argv) {
            b.append("&command=").append(java.net.URLEncoder.encode(a, java.nio.charset.StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    @Test
    void healthzAnswersOk() throws Exception {
        HttpResponse<String> r = toLinux.get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
    }

    @Test
    void podsListsOnlyThePodsOfThisNode() throws Exception {
        HttpResponse<String> r = toLinux.get("/pods");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = Serialization.jsonMapper().readTree(r.body());
        assertThat(list.path("kind").asString()).isEqualTo("PodList");
        assertThat(list.path("items").valueStream().map(p -> p.path("metadata").path("name").asString()).toList())
                .containsExactlyInAnyOrder("lin", "crashed", "attached", "followed");
    }

    @Test
    void statsSummaryCoversThisNodeAndItsPodsOnly() throws Exception {
        HttpResponse<String> r = toLinux.get("/stats/summary");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode summary = Serialization.jsonMapper().readTree(r.body());
        assertThat(summary.path("node").path("nodeName").asString()).isEqualTo("linux-a");
        assertThat(summary.path("pods").valueStream().map(p -> p.path("podRef").path("name").asString()).toList())
                .containsExactlyInAnyOrder("lin", "crashed", "attached", "followed");
        JsonNode lin = summary.path("pods").valueStream().filter(p -> p.path("podRef").path("name").asString().equals("lin"))
                .findFirst().orElseThrow();
        assertThat(lin.path("containers").get(0).path("cpu").path("usageNanoCores").asLong()).isPositive();
    }

    @Test
    void configzAndResourceMetricsAreServed() throws Exception {
        HttpResponse<String> configz = toLinux.get("/configz");
        assertThat(configz.statusCode()).isEqualTo(200);
        var kubeletconfig = Serialization.jsonMapper().readTree(configz.body()).path("kubeletconfig");
        assertThat(kubeletconfig.path("kind").asString()).isEqualTo("KubeletConfiguration");
        // The cluster's DNS domain as this kubelet was given it (not an assumed cluster.local), which NET-16a reads.
        assertThat(kubeletconfig.path("clusterDomain").asString()).isEqualTo("corp.example");
        assertThat(kubeletconfig.path("clusterDNS").get(0).asString()).isEqualTo("10.96.0.10");
        HttpResponse<String> metrics = toLinux.get("/metrics/resource");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("pod_memory_working_set_bytes{namespace=\"apps\",pod=\"lin\"}")
                .doesNotContain("pod=\"win\"");
    }

    @Test
    void statsFailWithTheFaultsMessageOnTheSelectedNodeOnly() throws Exception {
        HttpResponse<String> broken = toWindows.get("/stats/summary");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).isEqualTo("stats simulated failure");
        assertThat(toWindows.get("/configz").statusCode()).isEqualTo(200);
        assertThat(toLinux.get("/stats/summary").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertThat(toLinux.get("/metrics/cadvisor").statusCode()).isEqualTo(404);
        assertThat(toLinux.get("/exec/apps/lin").statusCode()).isEqualTo(404);
    }

    @Test
    void readOnlyPathsRefuseOtherMethodsWith405() throws Exception {
        HttpResponse<String> pods = toLinux.post("/pods");
        assertThat(pods.statusCode()).isEqualTo(405);
        assertThat(pods.headers().firstValue("Allow")).hasValue("GET");
        assertThat(toLinux.post("/containerLogs/apps/lin/c").statusCode()).isEqualTo(405);
    }

    @Test
    void execWritesOutputByChannelThenSuccessOnTheErrorChannel() throws Exception {
        KubeletTestClient.Stream s = toLinux.stream(exec("apps", "lin", "c", "echo", "hello"), V4);
        assertThat(s.subprotocol()).isEqualTo(V4);
        // The streaming library's empty "connected" frame on stdout, the output, then the v4 Status.
        assertThat(s.rendered()).hasSize(3);
        assertThat(s.rendered().get(0)).isEqualTo("1:");
        assertThat(s.rendered().get(1)).isEqualTo("1:hello\n");
        JsonNode status = Serialization.jsonMapper().readTree(s.frames().get(2).text());
        assertThat(s.frames().get(2).channel()).isEqualTo(3);
        assertThat(status.path("status").asString()).isEqualTo("Success");
        assertThat(s.closeCode()).isEqualTo(1000);
    }

    @Test
    void aFailingCommandEndsWithNonZeroExitCodeAndTheCodeAsCause() throws Exception {
        KubeletTestClient.Stream s = toLinux.stream(exec("apps", "lin", "c", "sh", "-c", "echo out; echo err 1>&2; exit 3"), V4);
        assertThat(s.rendered()).contains("1:out\n", "2:err\n");
        KubeletTestClient.Frame last = s.frames().get(s.frames().size() - 1);
        assertThat(last.channel()).isEqualTo(3);
        JsonNode status = Serialization.jsonMapper().readTree(last.text());
        assertThat(status.path("status").asString()).isEqualTo("Failure");
        assertThat(status.path("reason").asString()).isEqualTo("NonZeroExitCode");
        assertThat(status.path("message").asString())
                .isEqualTo("command terminated with non-zero exit code: error executing command [sh -c echo out; echo err 1>&2; exit 3], exit code 3");
        assertThat(status.path("details").path("causes").get(0).path("reason").asString()).isEqualTo("ExitCode");
        assertThat(status.path("details").path("causes").get(0).path("message").asString()).isEqualTo("3");
    }

    @Test
    void execInAWindowsContainerRunsCmd() throws Exception {
        KubeletTestClient.Stream s = toWindows.stream(exec("apps", "win", "c", "cmd", "/c", "echo hi"), V4);
        assertThat(s.rendered()).contains("1:hi\r\n");
        assertThat(s.frames().get(s.frames().size() - 1).text()).contains("\"status\":\"Success\"");
    }

    @Test
    void base64ProtocolFramesAsTextAndPreV4ProtocolsWriteNoSuccessStatus() throws Exception {
        KubeletTestClient.Stream s = toLinux.stream(exec("apps", "lin", "c", "echo", "b64"), "base64.channel.k8s.io");
        assertThat(s.subprotocol()).isEqualTo("base64.channel.k8s.io");
        assertThat(s.rendered()).containsExactly("1:", "1:b64\n");
    }

    @Test
    void theFirstSupportedOfferedSubprotocolWins() throws Exception {
        KubeletTestClient.Stream s = toLinux.stream(exec("apps", "lin", "c", "echo", "x"), "v3.channel.k8s.io", V4,
                "channel.k8s.io");
        assertThat(s.subprotocol()).isEqualTo(V4);
    }

    /** client-go and kubectl offer v5; a 1.37 kubelet's stream translator takes it and relays the runtime's outcome. */
    @Test
    void v5IsServedWithTheTranslatorsStatuses() throws Exception {
        KubeletTestClient.Stream s = toLinux.stream(exec("apps", "lin", "c", "sh", "-c", "echo five; exit 4"),
                V4, "v5.channel.k8s.io");
        assertThat(s.subprotocol()).isEqualTo("v5.channel.k8s.io");
        assertThat(s.rendered()).startsWith("1:", "1:five\n");
        JsonNode status = Serialization.jsonMapper().readTree(s.frames().get(s.frames().size() - 1).text());
        assertThat(status.path("message").asString())
                .isEqualTo("command terminated with non-zero exit code: command terminated with exit code 4");
        assertThat(status.path("details").path("causes").get(0).path("message").asString()).isEqualTo("4");
        KubeletTestClient.Stream failed = toWindows.stream(exec("faulty", "broken", "c", "cmd", "/c", "hostname"),
                "v5.channel.k8s.io");
        JsonNode internal = Serialization.jsonMapper().readTree(failed.frames().get(failed.frames().size() - 1).text());
        assertThat(internal.path("message").asString()).isEqualTo("Internal error occurred: Internal error occurred: "
                + "error executing command in container: hcs::System::CreateProcess: The RPC server is unavailable.");
    }

    @Test
    void onlyUnsupportedSubprotocolsAreRefusedWith403() throws Exception {
        KubeletTestClient.Refusal r = toLinux.refusedStream(exec("apps", "lin", "c", "echo", "x"), "v3.channel.k8s.io");
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void execInAContainerThatIsNotRunningIsTheRuntimesContainerNotFound() throws Exception {
        KubeletTestClient.Refusal r = toLinux.refusedStream(exec("apps", "lin", "late", "echo", "x"), V4);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("container not found (\"late\")");
        // The same for a plain request: the container lookup comes before the upgrade check.
        HttpResponse<String> plain = toLinux.get(exec("apps", "lin", "nope", "echo", "x"));
        assertThat(plain.statusCode()).isEqualTo(500);
        assertThat(plain.body()).isEqualTo("container not found (\"nope\")");
    }

    @Test
    void execInAPodNotOnThisNodeIs404() throws Exception {
        HttpResponse<String> r = toLinux.get(exec("apps", "win", "c", "echo", "x"));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("pod does not exist");
    }

    @Test
    void execWithNoStreamIs400AndWithoutUpgrade500() throws Exception {
        HttpResponse<String> none = toLinux.get("/exec/apps/lin/c?command=echo");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).isEqualTo("you must specify at least 1 of stdin, stdout, stderr");
        HttpResponse<String> plain = toLinux.get(exec("apps", "lin", "c", "echo", "x"));
        assertThat(plain.statusCode()).isEqualTo(500);
        assertThat(plain.body()).isEqualTo("Upgrade request required\n");
    }

    @Test
    void attachToAMissingContainerUsesTheAttachWording() throws Exception {
        KubeletTestClient.Refusal r = toLinux.refusedStream("/attach/apps/lin/late?output=1", V4);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("container late not found in pod lin_apps");
    }

    @Test
    void anExecFailFaultOpensTheStreamAndReportsTheRuntimeError() throws Exception {
        KubeletTestClient.Stream s = toWindows.stream(exec("faulty", "broken", "c", "cmd", "/c", "hostname"), V4);
        assertThat(s.rendered()).contains("2:hcs::System::CreateProcess: The RPC server is unavailable.\n");
        JsonNode status = Serialization.jsonMapper().readTree(s.frames().get(s.frames().size() - 1).text());
        assertThat(status.path("reason").asString()).isEqualTo("InternalError");
        assertThat(status.path("message").asString()).isEqualTo(
                "Internal error occurred: error executing command in container: hcs::System::CreateProcess: The RPC server is unavailable.");
        assertThat(status.path("details").path("causes").size()).isEqualTo(1);
        assertThat(s.rendered()).noneMatch(f -> f.startsWith("1:") && f.length() > 2);
        // The fault selects the namespace: the other Windows pod's exec works.
        assertThat(toWindows.stream(exec("apps", "win", "c", "cmd", "/c", "echo ok"), V4).rendered()).contains("1:ok\r\n");
    }

    /**
     * Nothing may reach the client before the runtime had the time to start the process (the
     * frame-handler race of fabric8's Vert.x client, see ContainerStreams). The server's Latencies draw
     * the same first value as a twin with the same seed, so the delay is known exactly.
     */
    @Test
    void noFrameArrivesBeforeTheProcessStartDelay() throws Exception {
        Duration start = new Latencies(LatencyProfile.REALISTIC, 42).execStart(OsFamily.LINUX);
        try (KubeletServer slow = server("linux-a", linuxNode, new Latencies(LatencyProfile.REALISTIC, 42))) {
            KubeletTestClient.Stream s = new KubeletTestClient(slow.port()).stream(exec("apps", "lin", "c", "echo", "late"), V4);
            assertThat(s.rendered()).contains("1:late\n");
            long firstAfterOpen = s.frames().get(0).arrivedNanos() - s.openedNanos();
            // The client completes its handshake a little after the server upgraded; allow 20 ms for that.
            assertThat(Duration.ofNanos(firstAfterOpen)).isGreaterThanOrEqualTo(start.minusMillis(20));
            assertThat(start).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
    }

    @Test
    void logsHonourTailLines() throws Exception {
        HttpResponse<String> all = toLinux.get("/containerLogs/apps/lin/c");
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).isEqualTo("one\ntwo\nthree\n");
        assertThat(toLinux.get("/containerLogs/apps/lin/c?tailLines=2").body()).isEqualTo("two\nthree\n");
        assertThat(toLinux.get("/containerLogs/apps/lin/c?tail=1").body()).isEqualTo("three\n");
        assertThat(toLinux.get("/containerLogs/apps/lin/c?tailLines=0").body()).isEmpty();
        assertThat(toLinux.get("/containerLogs/apps/lin/c?limitBytes=5").body()).isEqualTo("one\nt");
    }

    @Test
    void logsWithTimestampsPrefixEachLine() throws Exception {
        String body = toLinux.get("/containerLogs/apps/lin/c?timestamps=true&tailLines=1").body();
        assertThat(body).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z three\n");
    }

    @Test
    void previousLogsAreTheLastRunsOrA400WhenThereWasNone() throws Exception {
        assertThat(toLinux.get("/containerLogs/apps/crashed/c").body()).isEqualTo("second run\n");
        assertThat(toLinux.get("/containerLogs/apps/crashed/c?previous=true").body()).isEqualTo("first run\n");
        HttpResponse<String> none = toLinux.get("/containerLogs/apps/lin/c?previous=true");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).isEqualTo("previous terminated container \"c\" in pod \"lin\" not found");
    }

    @Test
    void logsOfAWaitingContainerSayWhy() throws Exception {
        HttpResponse<String> r = toLinux.get("/containerLogs/apps/lin/late");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("container \"late\" in pod \"lin\" is waiting to start: ContainerCreating");
    }

    @Test
    void logsOfUnknownPodsAndContainersAre404() throws Exception {
        HttpResponse<String> pod = toLinux.get("/containerLogs/apps/win/c");
        assertThat(pod.statusCode()).isEqualTo(404);
        assertThat(pod.body()).isEqualTo("pod \"win\" does not exist");
        HttpResponse<String> container = toLinux.get("/containerLogs/apps/lin/nope");
        assertThat(container.statusCode()).isEqualTo(404);
        assertThat(container.body()).isEqualTo("container \"nope\" not found in pod \"lin\"");
    }

    @Test
    void logQueriesTheKubeletCannotDecodeOrRejects() throws Exception {
        HttpResponse<String> undecodable = toLinux.get("/containerLogs/apps/lin/c?tailLines=many");
        assertThat(undecodable.statusCode()).isEqualTo(400);
        assertThat(undecodable.body()).isEqualTo("{\"message\": \"Unable to decode query.\"}");
        HttpResponse<String> invalid = toLinux.get("/containerLogs/apps/lin/c?tailLines=-1");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.body()).isEqualTo("{\"message\": \"Invalid request.\"}");
    }

    @Test
    void portForwardIsRefusedAsByARuntimeWithoutIt() throws Exception {
        HttpResponse<String> r = toLinux.get("/portForward/apps/lin?port=80");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("rpc error: code = NotFound desc = streaming method port forward disabled");
        assertThat(toLinux.get("/portForward/apps/lin/other-uid?port=80").body()).isEqualTo("pod not found");
    }

    @Test
    void logsFailWithTheFaultsMessageOnSelectedPodsOnly() throws Exception {
        HttpResponse<String> r = toWindows.get("/containerLogs/faulty/broken/c");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("failed to open log file: The process cannot access the file");
        assertThat(toWindows.get("/containerLogs/apps/win/c").body()).isEqualTo("started\r\n");
    }

    /** Attach streams what the container writes after the attach, and ends with Success when it stops. */
    @Test
    void attachStreamsNewOutputUntilTheContainerStops() throws Exception {
        ContainerInstance c = registry.find("apps", "attached").orElseThrow().container("c");
        timer.schedule(() -> c.appendLog("after attach\n"), 300, TimeUnit.MILLISECONDS);
        timer.schedule(() -> {
            c.phase = ContainerInstance.Phase.EXITED;
        }, 600, TimeUnit.MILLISECONDS);
        KubeletTestClient.Stream s = toLinux.stream("/attach/apps/attached/c?output=1&error=1", V4);
        assertThat(s.rendered()).startsWith("1:", "1:after attach\n").doesNotContain("1:before attach\n");
        assertThat(s.frames().get(s.frames().size() - 1).text()).contains("\"status\":\"Success\"");
    }

    /** A followed log stays open for what the running container writes next and ends when it stops. */
    @Test
    void followedLogsEndWhenTheContainerStops() throws Exception {
        ContainerInstance c = registry.find("apps", "followed").orElseThrow().container("c");
        timer.schedule(() -> c.appendLog("line 2\n"), 300, TimeUnit.MILLISECONDS);
        timer.schedule(() -> {
            c.phase = ContainerInstance.Phase.EXITED;
        }, 600, TimeUnit.MILLISECONDS);
        long before = System.nanoTime();
        HttpResponse<String> r = toLinux.get("/containerLogs/apps/followed/c?follow=true");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("line 1\nline 2\n");
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(550));
    }
}
