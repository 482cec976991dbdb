package io.winnode.e2e.faults;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.winnode.e2e.framework.cluster.ApiAnswers;
import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.cluster.ClusterConnection;
import io.winnode.e2e.framework.cluster.ClusterKind;
import io.winnode.e2e.framework.cluster.ClusterTarget;
import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.Winnode;
import io.winnode.e2e.simulator.SimulatedCluster;
import io.winnode.e2e.simulator.SimulatorOptions;
import io.winnode.e2e.simulator.controlplane.ApiServerProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Item 6 of issue 11, the API server misbehaving: with every weather of {@code faults/weather/} at once (429 with
 * Retry-After, 503, connection resets, slow answers, watches ended after 0.5 s) a short run through the weather's
 * kubeconfig stays green, the proxy's counters show that each weather really hit, and the run's log says what it
 * rode out. No false pass: when every request is answered 429 for good, the run fails saying so.
 *
 * <p>Both clusters take turns on one control plane (the way {@code faults verify} runs), so the class pays for one
 * start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiServerWeatherTest {

    /** A short scenario that creates pods and a Service, reads logs and waits for deletions (watches). */
    private static final String SHORT_SCENARIO = "KubeletObservabilityScenarios#containerLogsShowTheProcessOutput";

    @TempDir
    static Path work;

    private Path controlPlaneDirectory;
    private AutoCloseable controlPlane;

    @BeforeAll
    void startOneControlPlane() {
        controlPlaneDirectory = work.resolve("control-plane");
        controlPlane = SimulatedCluster.startSharedControlPlane(controlPlaneDirectory, line -> { });
    }

    @AfterAll
    void stopTheControlPlane() throws Exception {
        controlPlane.close();
    }

    @Test
    void everyWeatherAtOnceLeavesAShortRunGreenAndTheRunSaysWhatItRodeOut() throws IOException {
        List<Path> weathers;
        try (Stream<Path> files = Files.list(Path.of("faults", "weather"))) {
            weathers = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(weathers).as("throttle, unavailable, resets, slow responses, dropped watches").hasSize(5);

        try (SimulatedCluster cluster = SimulatedCluster.start(SimulatorOptions.defaults()
                .withSharedControlPlane(controlPlaneDirectory).withFaultFiles(weathers).withProgress(line -> { }))) {
            Path kubeconfig = cluster.writeKubeconfig(work.resolve("weather"));
            Run run = run("weather", List.of("--kubeconfig", kubeconfig.toString()));

            assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.PASSED);
            assertThat(run.out()).contains("Tests succeeded 3, failed 0");
            String summary = run.out().lines().filter(l -> l.startsWith("API server: ") && l.contains("retried"))
                    .findFirst().orElseThrow(() -> new AssertionError("no API-server summary line in:\n" + run.out()));
            assertThat(summary).as("proxy counters " + cluster.apiServerWeatherCounts())
                    .containsPattern("429 x[1-9]").containsPattern("503 x[1-9]").containsPattern("resets x[1-9]");

            // The suite's scenarios poll; its cleanup watches only objects that are slow to go. A watch through the
            // suite's own connection shows that an ended watch is opened again (fabric8's WebSocket watch).
            // Held 4 s at a time (the weather's 429s and 503s may first delay the list and the watch by seconds), for
            // at most 20 s: the watch ends every 0.5 s.
            ApiAnswers.Tally before = ApiAnswers.ofThisJvm().tally();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            try (Cluster suite = ClusterConnection.connect(new ClusterTarget(Optional.of(kubeconfig), Optional.empty(),
                    ClusterKind.SIMULATED))) {
                while (ApiAnswers.ofThisJvm().tally().since(before).watchesReopened() == 0 && System.nanoTime() < deadline) {
                    assertThatThrownBy(() -> suite.client().namespaces().withName("default")
                            .waitUntilCondition(ns -> ns == null, 4, TimeUnit.SECONDS))
                            .as("the default namespace stays").isInstanceOf(KubernetesClientTimeoutException.class);
                }
            }
            assertThat(ApiAnswers.ofThisJvm().tally().since(before).watchesReopened()).as("watches opened again").isPositive();

            // Behind the proxy the API server still sees the caller: the admin by its certificate (forwarded in
            // X-Remote-User/X-Remote-Group), a service account by its bearer token (forwarded as it came).
            Config viaProxy = Config.fromKubeconfig(cluster.kubeconfigYaml());
            try (KubernetesClient admin = new KubernetesClientBuilder().withConfig(viaProxy).build()) {
                assertThat(userName(admin)).isEqualTo("kubernetes-admin");
                admin.serviceAccounts().inNamespace("default").resource(new ServiceAccountBuilder().withNewMetadata()
                        .withName("weather-reader").endMetadata().build()).createOr(existing -> existing.update());
                String token = admin.serviceAccounts().inNamespace("default").withName("weather-reader")
                        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build())
                        .getStatus().getToken();
                Config tokenOnly = new ConfigBuilder(viaProxy).withClientCertData(null).withClientKeyData(null)
                        .withOauthToken(token).build();
                try (KubernetesClient serviceAccount = new KubernetesClientBuilder().withConfig(tokenOnly).build()) {
                    assertThat(userName(serviceAccount)).isEqualTo("system:serviceaccount:default:weather-reader");
                }
            }

            ApiServerProxy.Counts counts = cluster.apiServerWeatherCounts().orElseThrow();
            assertThat(counts.throttled()).as("429s answered").isPositive();
            assertThat(counts.unavailable()).as("503s answered").isPositive();
            assertThat(counts.resets()).as("connections reset").isPositive();
            assertThat(counts.delayed()).as("answers delayed").isPositive();
            assertThat(counts.watchesDropped()).as("watches ended").isPositive();
        }
    }

    @Test
    void aThrottleThatNeverEndsFailsTheRunAndNeverPassesIt() {
        Run run = run("forever", List.of("--cluster", "simulated", "--sim-control-plane", controlPlaneDirectory.toString(),
                "--faults", "src/test/resources/faults/api-throttle-forever.yaml"));

        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.CLUSTER_UNUSABLE);
        assertThat(run.out()).doesNotContain("Tests succeeded");
        assertThat(run.err()).contains("cluster unusable").contains("Too Many Requests");
    }

    /** Who the API server says the client is (SelfSubjectReview, kubectl auth whoami). */
    private static String userName(KubernetesClient client) {
        String review = client.raw(client.getMasterUrl() + "apis/authentication.k8s.io/v1/selfsubjectreviews", "POST",
                java.util.Map.of("apiVersion", "authentication.k8s.io/v1", "kind", "SelfSubjectReview"));
        return JsonMapper.builder().build().readTree(review).path("status").path("userInfo").path("username").asString();
    }

    private record Run(int exitCode, String out, String err) {}

    /** One {@code ./winnode run} in this JVM on the shared control plane, its stdout and stderr captured. */
    private Run run(String name, List<String> clusterArguments) {
        List<String> args = new ArrayList<>(List.of("run", "--timeout-scale", "0.1", "--test", SHORT_SCENARIO,
                "--artifacts", work.resolve(name).toString(), "--allure-results", work.resolve(name + "-allure").toString()));
        args.addAll(clusterArguments);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(new PrintStream(new Tee(out, stdout), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, stderr), true, StandardCharsets.UTF_8));
        try {
            int exit = Winnode.execute(args.toArray(String[]::new));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    /** Captures what is written and still shows it. */
    private static final class Tee extends OutputStream {
        private final OutputStream copy;
        private final OutputStream shown;

        Tee(OutputStream copy, OutputStream shown) {
            this.copy = copy;
            this.shown = shown;
        }

        @Override
        public void write(int b) throws IOException {
            copy.write(b);
            shown.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            copy.write(b, off, len);
            shown.write(b, off, len);
        }
    }
}
