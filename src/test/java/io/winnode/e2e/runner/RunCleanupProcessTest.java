package io.winnode.e2e.runner;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.winnode.e2e.framework.lifecycle.Ownership;
import io.winnode.e2e.framework.lifecycle.RunHeartbeat;
import io.winnode.e2e.runner.custody.InterruptCleanup;
import io.winnode.e2e.runner.faults.ChildJvm;
import io.winnode.e2e.runner.results.ExitCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that cleans up whatever happens to it, on one embedded cluster started in the background
 * ({@code ./winnode cluster up}), with {@code ./winnode run} as separate processes as a user or a CI job
 * starts them: SIGTERM mid-test leaves no run-labelled object; after SIGKILL the objects stay until the next
 * runs remove them, and two such runs at once, from one checkout's output directories, both pass without
 * touching each other's objects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunCleanupProcessTest {

    /** Three sides of one pod-to-pod check: a few seconds of test with pods in the class namespace. */
    private static final List<String> QUICK_TEST = List.of("--test", "PodConnectivityScenarios#connectToLinuxPodByIp");
    private static final Pattern RUN_ID = Pattern.compile("winnode-e2e run (wn-[0-9a-z-]+)");
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);

    @TempDir
    static Path work;

    private Path clusterDir;
    private Path kubeconfig;
    private KubernetesClient admin;

    @BeforeAll
    void startTheCluster() throws IOException {
        clusterDir = work.resolve("cluster");
        kubeconfig = clusterDir.resolve("kubeconfig");
        assertThat(Winnode.execute("cluster", "up", "--dir", clusterDir.toString())).as("cluster up").isZero();
        admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    }

    @AfterAll
    void stopTheCluster() {
        if (admin != null) {
            admin.close();
        }
        assertThat(Winnode.execute("cluster", "down", "--dir", clusterDir.toString())).isZero();
    }

    @Test
    void sigtermMidTestDeletesEveryObjectOfTheRunWithinTheBoundAndExitsWith143() throws Exception {
        Run run = Run.start(this, "sigterm", List.of());
        String runId = run.awaitRunId();
        awaitPodOf(runId);

        run.process.destroy(); // SIGTERM

        assertThat(run.process.waitFor(InterruptCleanup.BOUND.toSeconds() + 10, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(run.process.exitValue()).as(run.log()).isEqualTo(143);
        assertThat(run.log()).contains("SIGTERM: deleting this run's objects (at most 30 s")
                .contains("every object of run " + runId + " is deleted");
        assertThat(runLabelled(runId)).as("objects of the interrupted run").isEmpty();
    }

    @Test
    void afterSigkillTheNextRunsRemoveTheLeftoversAndTwoConcurrentRunsFromOneCheckoutBothPass() throws Exception {
        Run killed = Run.start(this, "sigkill", List.of("--heartbeat-lease", "4s"));
        String killedId = killed.awaitRunId();
        awaitPodOf(killedId);
        killed.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: nothing of the run runs any more

        List<String> left = runLabelled(killedId);
        assertThat(left).as("what SIGKILL left").anyMatch(o -> o.startsWith("Namespace wn-pod-connectivity-"))
                .contains("Namespace " + RunHeartbeat.namespaceOf(killedId));
        awaitHeartbeatLapsed(killedId);
        String dryRun = clean("--dry-run");
        assertThat(dryRun).contains(killedId).contains("Namespace").contains("heartbeat ")
                .contains("would be deleted (--dry-run: nothing deleted)");
        assertThat(runLabelled(killedId)).as("--dry-run deletes nothing").containsExactlyInAnyOrderElementsOf(left);

        // Both write to the same output directories, as two runs from one checkout with the defaults do.
        Run first = Run.start(this, "shared", List.of("--leftover-grace", "0s"));
        Run second = Run.start(this, "shared", List.of("--leftover-grace", "0s"));

        assertThat(first.awaitExit()).as(first.log()).isZero();
        assertThat(second.awaitExit()).as(second.log()).isZero();
        assertThat(first.log() + second.log()).as("one of them removed the killed run's objects")
                .containsPattern("Leftovers: +removing \\d+ object\\(s\\) of earlier runs")
                .contains("(run " + killedId + ", heartbeat ")
                .contains("is in use by run wn-");
        assertThat(first.log() + second.log()).doesNotContain("(run " + first.awaitRunId())
                .doesNotContain("(run " + second.awaitRunId());
        await("the killed run's objects to be gone", () -> runLabelled(killedId).isEmpty());
    }

    @Test
    void keepOnFailureKeepsTheFailedTestsNamespaceAndSaysHowToLookAtItUntilCleanRemovesIt() throws Exception {
        var out = new StringWriter();
        // A thousandth of every wait: the test's first pod cannot be Running in time, so the test fails.
        int code = Winnode.execute(new PrintWriter(out, true), new PrintWriter(out, true), "run", "--kubeconfig",
                kubeconfig.toString(), "--test", "VolumeScenarios#emptyDirIsSharedBetweenContainers",
                "--timeout-scale", "0.001", "--skip-prepull", "--progress", "plain", "--keep-on-failure",
                "--artifacts", work.resolve("kept-artifacts").toString(), "--allure-results", work.resolve("kept-allure").toString());

        assertThat(code).as(out.toString()).isEqualTo(ExitCodes.TESTS_FAILED);
        Matcher kept = Pattern.compile("namespace (wn-volume-[0-9a-z]+):").matcher(out.toString());
        assertThat(kept.find()).as(out.toString()).isTrue();
        String namespace = kept.group(1);
        assertThat(out.toString()).contains("Kept for a look (--keep-on-failure)")
                .contains("kubectl --kubeconfig " + kubeconfig + " -n " + namespace + " get pods,events -o wide")
                .contains("kubectl --kubeconfig " + kubeconfig + " delete namespace " + namespace);
        var namespaceObject = admin.namespaces().withName(namespace).get();
        assertThat(namespaceObject.getMetadata().getAnnotations())
                .containsEntry(io.winnode.e2e.framework.lifecycle.LabelledObject.KEPT_ANNOTATION, "true");
        assertThat(admin.pods().inNamespace(namespace).list().getItems()).as("the failed test's pods").isNotEmpty();
        assertThat(namespaceObject.getMetadata().getLabels()).containsKey(Ownership.RUN_ID);

        assertThat(clean()).contains(namespace).contains("kept by --keep-on-failure").contains("Deleted ");
        assertThat(admin.namespaces().withName(namespace).get()).isNull();
    }

    /** {@code ./winnode clean --kubeconfig ... --grace 0s} in this JVM; its output. */
    private String clean(String... extra) {
        var out = new StringWriter();
        var args = new ArrayList<>(List.of("clean", "--kubeconfig", kubeconfig.toString(), "--grace", "0s"));
        args.addAll(List.of(extra));
        int code = Winnode.execute(new PrintWriter(out, true), new PrintWriter(out, true), args.toArray(String[]::new));
        assertThat(code).as(out.toString()).isZero();
        return out.toString();
    }

    /** Every object labelled with the run's id: namespaces, and the namespaced kinds a run creates, anywhere. */
    private List<String> runLabelled(String runId) {
        var objects = new ArrayList<HasMetadata>();
        objects.addAll(admin.namespaces().withLabel(Ownership.RUN_ID, runId).list().getItems());
        objects.addAll(admin.pods().inAnyNamespace().withLabel(Ownership.RUN_ID, runId).list().getItems());
        objects.addAll(admin.services().inAnyNamespace().withLabel(Ownership.RUN_ID, runId).list().getItems());
        objects.addAll(admin.configMaps().inAnyNamespace().withLabel(Ownership.RUN_ID, runId).list().getItems());
        objects.addAll(admin.secrets().inAnyNamespace().withLabel(Ownership.RUN_ID, runId).list().getItems());
        objects.addAll(admin.apps().deployments().inAnyNamespace().withLabel(Ownership.RUN_ID, runId).list().getItems());
        objects.addAll(admin.leases().inAnyNamespace().withLabel(Ownership.RUN_ID, runId).list().getItems());
        return objects.stream().map(o -> o.getKind() + " " + (o.getMetadata().getNamespace() == null ? ""
                : o.getMetadata().getNamespace() + "/") + o.getMetadata().getName()).toList();
    }

    private void awaitPodOf(String runId) throws InterruptedException {
        await("a pod of run " + runId, () -> !admin.pods().inAnyNamespace().withLabel(Ownership.RUN_ID, runId).list()
                .getItems().isEmpty());
    }

    private void awaitHeartbeatLapsed(String runId) throws InterruptedException {
        await("the heartbeat of run " + runId + " to lapse", () -> admin.leases().inAnyNamespace()
                .withLabel(Ownership.RUN_ID, runId).list().getItems().stream().allMatch(l -> l.getSpec().getRenewTime()
                        .toInstant().plusSeconds(l.getSpec().getLeaseDurationSeconds()).isBefore(Instant.now())));
    }

    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        while (!condition.get()) {
            assertThat(System.nanoTime()).as("waited %d s for %s", RUN_LIMIT.toSeconds(), what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** One {@code ./winnode run} in a JVM of its own (the runner's {@link ChildJvm} command line). */
    private record Run(Process process, Path logFile) {

        static Run start(RunCleanupProcessTest test, String outputs, List<String> extra) throws IOException {
            var args = new ArrayList<>(List.of("run", "--kubeconfig", test.kubeconfig.toString(), "--timeout-scale", "0.1",
                    "--skip-prepull", "--progress", "plain",
                    "--artifacts", work.resolve(outputs + "-artifacts").toString(),
                    "--allure-results", work.resolve(outputs + "-allure").toString()));
            args.addAll(QUICK_TEST);
            args.addAll(extra);
            Path log = Files.createTempFile(work, outputs, ".log");
            Process process = new ProcessBuilder(ChildJvm.command(Winnode.class, args)).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new Run(process, log);
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        String awaitRunId() throws Exception {
            long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                Matcher m = RUN_ID.matcher(log());
                if (m.find()) {
                    return m.group(1);
                }
                assertThat(process.isAlive() || RUN_ID.matcher(log()).find()).as("the run ended without a run id: %s", log())
                        .isTrue();
                Thread.sleep(100);
            }
            throw new AssertionError("no run id within " + RUN_LIMIT.toSeconds() + " s: " + log());
        }

        int awaitExit() throws Exception {
            if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the run did not end within " + RUN_LIMIT.toSeconds() + " s: " + log());
            }
            return process.exitValue();
        }
    }
}
