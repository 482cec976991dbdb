package io.winnode.e2e.simulator.faults;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.exec.CommandLines;
import io.winnode.e2e.framework.exec.ExecResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.winnode.e2e.foundation.os.OsFamily.LINUX;
import static io.winnode.e2e.foundation.os.OsFamily.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * failingStep, latency and ignoredField: the kubelet and runtime of the selected nodes misbehave for
 * the selected pods, with the Events and container statuses a real kubelet shows; the same pod in an
 * unselected namespace (or on an unselected OS) behaves normally.
 */
class KubeletFaultsTest extends FaultTestSupport {

    static final String FAULTS = """
            id: D-TEST-KUBELET
            title: Hand-written kubelet and runtime faults
            faults:
              - failingStep: { step: sandbox, times: always, message: "hcs::CreateComputeSystem: The device is not ready." }
                select: { namespaces: [fs-sandbox] }
              - failingStep: { step: sandbox, times: once, message: "transient HNS error" }
                select: { namespaces: [fs-once] }
              - failingStep: { step: volumeMount, message: "MountVolume.SetUp failed for volume \\"data\\" : simulated" }
                select: { namespaces: [fs-mount] }
              - failingStep: { step: containerCreate, message: "hcs::CreateComputeSystem c: The parameter is incorrect." }
                select: { namespaces: [fs-create], nodeOs: windows }
              - failingStep: { step: imagePull, message: "failed to pull: simulated registry outage" }
                select: { namespaces: [fs-pull] }
              - registry: { error: tooManyRequests, attempts: 2 }
                select: { namespaces: [reg-429], nodeOs: windows }
              - registry: { error: timeout }
                select: { namespaces: [reg-down], nodeOs: windows }
              - registry: { error: unauthorized }
                select: { podLabels: { winnode.io/prepull: "true" }, windowsBuild: ltsc2025 }
              - failingStep: { step: restart, message: "failed to restart: simulated" }
                select: { namespaces: [fs-restart] }
              - failingStep: { step: initToMain, message: "failed to start main after init: simulated" }
                select: { namespaces: [fs-init] }
              - failingStep: { step: termination }
                select: { namespaces: [fs-term] }
              - latency: { pullSeconds: 1.5 }
                select: { namespaces: [lat], nodeOs: linux }
              - latency: { startSeconds: 1 }
                select: { namespaces: [lat], nodeOs: windows, podLabels: { slow: "start" } }
              - ignoredField: { path: "spec.containers[*].volumeMounts[*].readOnly" }
                select: { namespaces: [ignored] }
              - ignoredField: { path: spec.hostAliases }
                select: { namespaces: [ignored], nodeOs: windows }
              - ignoredField: { path: "spec.containers[*].ports[*].hostPort" }
                select: { namespaces: [ignored] }
              - ignoredField: { path: spec.dnsPolicy }
                select: { namespaces: [ignored] }
              - ignoredField: { path: "spec.containers[*].securityContext.windowsOptions.runAsUserName" }
                select: { namespaces: [ignored] }
              - ignoredField: { path: "spec.containers[*].securityContext.runAsNonRoot" }
                select: { namespaces: [ignored] }
            """;

    static final List<String> NAMESPACES = List.of("clean", "fs-sandbox", "fs-once", "fs-mount", "fs-create", "fs-pull",
            "fs-restart", "fs-init", "fs-term", "lat", "ignored", "reg-429", "reg-down");

    @BeforeAll
    static void start() {
        startWithFaults(FAULTS);
        NAMESPACES.forEach(FaultTestSupport::namespace);
    }

    @AfterAll
    static void stopCluster() {
        stop();
    }

    static Pod pause(OsFamily os, String ns, String name) {
        return client(os, ns, name);
    }

    /** A pause pod whose image is pulled even when the node has it (pull faults act on pulls). */
    static Pod pulling(OsFamily os, String ns, String name) {
        return create(new PodBuilder(podFor(os, ns, name, container("c", AGNHOST, "pause")).build()).editSpec()
                .editFirstContainer().withImagePullPolicy("Always").endContainer().endSpec().build());
    }

    @Test
    void sandboxFailureKeepsThePodContainerCreatingWithTheEvent() {
        pause(LINUX, "fs-sandbox", "p");
        pause(LINUX, "clean", "sandbox");
        waitRunningReady("clean", "sandbox");
        await().atMost(Duration.ofSeconds(5)).until(() -> hasEvent("fs-sandbox", "p", "FailedCreatePodSandBox",
                "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to start sandbox container task \""));
        // Each retry is a new sandbox whose id containerd quotes, so each is its own Event (count 1), as on a real node;
        // waits that fail fast on repeated setup failures count them across Events (PodTrouble).
        await().atMost(Duration.ofSeconds(10)).until(() -> events("fs-sandbox", "p").stream()
                .filter(e -> "FailedCreatePodSandBox".equals(e.getReason())).count() >= 3);
        var sandboxIds = events("fs-sandbox", "p").stream().filter(e -> "FailedCreatePodSandBox".equals(e.getReason()))
                .map(e -> e.getMessage().replaceAll("(?s).*failed to start sandbox container task \"([0-9a-f]{64})\": "
                        + "hcs::CreateComputeSystem: The device is not ready\\.$", "$1")).toList();
        assertThat(sandboxIds).allMatch(id -> id.matches("[0-9a-f]{64}")).doesNotHaveDuplicates();
        Pod p = client.pods().inNamespace("fs-sandbox").withName("p").get();
        assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(waitingReason(p)).isEqualTo("ContainerCreating");
        assertThat(p.getStatus().getPodIP()).isNull();
    }

    @Test
    void onceFailsTheFirstAttemptThenTheKubeletRetries() {
        pause(WINDOWS, "fs-once", "p");
        waitRunningReady("fs-once", "p");
        assertThat(hasEvent("fs-once", "p", "FailedCreatePodSandBox", "transient HNS error")).isTrue();
    }

    @Test
    void volumeMountFailureIsAFailedMountEvent() {
        pause(LINUX, "fs-mount", "p");
        await().atMost(Duration.ofSeconds(5)).until(() -> hasEvent("fs-mount", "p", "FailedMount", "simulated"));
        assertThat(client.pods().inNamespace("fs-mount").withName("p").get().getStatus().getPhase()).isEqualTo("Pending");
    }

    @Test
    void containerCreateFailureIsCreateContainerErrorOnSelectedOsOnly() {
        pause(WINDOWS, "fs-create", "win");
        pause(LINUX, "fs-create", "lin");
        Pod win = waitFor("fs-create", "win", p -> "CreateContainerError".equals(waitingReason(p)));
        assertThat(waitingMessage(win)).isEqualTo("hcs::CreateComputeSystem c: The parameter is incorrect.");
        assertThat(hasEvent("fs-create", "win", "Failed", "Error: hcs::CreateComputeSystem c: The parameter is incorrect.")).isTrue();
        waitRunningReady("fs-create", "lin");
    }

    @Test
    void imagePullFailureIsErrImagePullThenBackOff() {
        pulling(LINUX, "fs-pull", "p");
        Pod p = waitFor("fs-pull", "p", x -> "ImagePullBackOff".equals(waitingReason(x)));
        assertThat(waitingMessage(p)).contains("failed to pull: simulated registry outage");
        assertThat(hasEvent("fs-pull", "p", "Failed", "failed to pull: simulated registry outage")).isTrue();
        assertThat(hasEvent("fs-pull", "p", "Failed", "Error: ErrImagePull")).isTrue();
    }

    @Test
    void aPullRateLimitedTwiceIsRetriedAndThePodStarts() {
        pulling(WINDOWS, "reg-429", "p");
        waitRunningReady("reg-429", "p");
        // The same text twice is one Event counted twice, as client-go's recorder aggregates exact repeats.
        var failures = events("reg-429", "p").stream().filter(e -> "Failed".equals(e.getReason())
                && e.getMessage().startsWith("Failed to pull image")).toList();
        assertThat(failures.stream().mapToInt(e -> e.getCount()).sum()).isEqualTo(2);
        assertThat(failures).allMatch(e -> e.getMessage().endsWith("failed to resolve reference \"" + AGNHOST + "\": unexpected "
                + "status from HEAD request to https://registry.k8s.io/v2/e2e-test-images/agnhost/manifests/2.62: 429 Too Many Requests"));
    }

    @Test
    void anUnreachableRegistryKeepsThePodInImagePullBackOffWithTheTimeout() {
        pulling(WINDOWS, "reg-down", "p");
        Pod p = waitFor("reg-down", "p", x -> "ImagePullBackOff".equals(waitingReason(x)));
        assertThat(waitingMessage(p)).contains("failed to do request: Head \"https://registry.k8s.io/v2/e2e-test-images/agnhost/"
                + "manifests/2.62\": dial tcp: lookup registry.k8s.io: i/o timeout").doesNotContain("no match for platform");
    }

    @Test
    void prePullPutsTheWindowsImagesOnEveryWindowsNodeAndReportsANodeWhoseRegistryRefuses() {
        var printed = new java.io.StringWriter();
        var windowsNodes = io.winnode.e2e.framework.nodes.NodeInventory.discover(client).schedulable(WINDOWS);
        var phase = new io.winnode.e2e.framework.prepull.PrePullPhase(client,
                io.winnode.e2e.framework.images.ImageCatalog.load(null), "wn-test-prepull", Duration.ofSeconds(4),
                Duration.ofMillis(100), new java.io.PrintWriter(printed), java.time.Clock.systemUTC());

        var result = phase.run(windowsNodes);

        assertThat(result.pulled()).extracting(p -> p.node() + "/" + p.image()).contains(
                "win2022-1/agnhost", "win2022-1/pause", "win2022-1/busybox",
                "win2022-2/agnhost", "win2022-2/pause", "win2022-2/busybox");
        // On win2025-1 the registry refuses: an image an earlier test of this class left in its cache needs no pull
        // (IfNotPresent, "already present on machine"); busybox has not been there before.
        assertThat(result.failures()).isNotEmpty().anySatisfy(f -> assertThat(f.image()).isEqualTo("busybox")).allSatisfy(f -> {
            assertThat(f.node()).isEqualTo("win2025-1");
            assertThat(f.why()).contains("not on the node after").contains("pull access denied");
        });
        assertThat(result.pulled().size() + result.failures().size()).isEqualTo(9);
        assertThat(printed.toString()).contains("pre-pull: win2022-1 (windows ltsc2022): 3/3 images")
                .contains("pre-pull: FAILED busybox (registry.k8s.io/e2e-test-images/busybox:1.37.0-2) on node win2025-1")
                .contains("done in").contains(result.failures().size() + " failed");
        // Its namespace is labelled as the run's and deleted with its pods.
        assertThat(client.namespaces().withLabel("winnode.io/run-id", "wn-test-prepull").list().getItems())
                .allMatch(ns -> ns.getMetadata().getDeletionTimestamp() != null);
        assertThat(client.pods().inAnyNamespace().withLabel("winnode.io/prepull").list().getItems())
                .allMatch(p -> p.getMetadata().getDeletionTimestamp() != null);

        // A later pod on a pre-pulled node starts from the node's image cache: no pull (no other Windows pod of this
        // class uses busybox, so only the pre-pull can have put it there).
        create(new PodBuilder(podFor(WINDOWS, "clean", "after-prepull", container("c", BUSYBOX, "cmd", "/c", "exit 0")).build())
                .editSpec().withNodeName("win2022-1").withRestartPolicy("Never").endSpec().build());
        await().atMost(Duration.ofSeconds(10)).until(() -> hasEvent("clean", "after-prepull", "Pulled",
                "Container image \"" + BUSYBOX + "\" already present on machine"));
        assertThat(hasEvent("clean", "after-prepull", "Pulling", "Pulling image")).isFalse();
    }

    @Test
    void restartOfAnExitedContainerFails() {
        create(new PodBuilder(podFor(LINUX, "fs-restart", "p", container("c", BUSYBOX)).build()).editSpec()
                .editFirstContainer().withCommand("sh", "-c", "exit 1").endContainer().endSpec().build());
        Pod p = waitFor("fs-restart", "p", x -> "CreateContainerError".equals(waitingReason(x)));
        assertThat(waitingMessage(p)).isEqualTo("failed to restart: simulated");
        assertThat(p.getStatus().getContainerStatuses().get(0).getLastState().getTerminated().getExitCode()).isEqualTo(1);
    }

    @Test
    void mainContainersFailAfterInitContainersComplete() {
        create(new PodBuilder(podFor(LINUX, "fs-init", "p", container("c", AGNHOST, "pause")).build()).editSpec()
                .addNewInitContainer().withName("init").withImage(BUSYBOX).withCommand("true").endInitContainer().endSpec().build());
        Pod p = waitFor("fs-init", "p", x -> "CreateContainerError".equals(waitingReason(x)));
        assertThat(waitingMessage(p)).isEqualTo("failed to start main after init: simulated");
        assertThat(p.getStatus().getInitContainerStatuses().get(0).getState().getTerminated().getExitCode()).isZero();
        // Pods without init containers are not affected by initToMain.
        pause(LINUX, "fs-init", "plain");
        waitRunningReady("fs-init", "plain");
    }

    @Test
    void terminationNeverCompletesUntilForced() {
        pause(LINUX, "fs-term", "p");
        pause(LINUX, "clean", "term");
        waitRunningReady("fs-term", "p");
        waitRunningReady("clean", "term");
        List<StatusDetails> deleted = client.pods().inNamespace("fs-term").withName("p").delete();
        assertThat(deleted).hasSize(1);
        client.pods().inNamespace("clean").withName("term").delete();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().inNamespace("clean").withName("term").get() == null);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> client.pods().inNamespace("fs-term").withName("p").get() != null);
        client.pods().inNamespace("fs-term").withName("p").withGracePeriod(0).delete();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.pods().inNamespace("fs-term").withName("p").get() == null);
    }

    @Test
    void pullLatencyOnSelectedNodesOnly() {
        Instant created = Instant.now();
        pulling(LINUX, "lat", "lin");
        pulling(WINDOWS, "lat", "win");
        waitRunningReady("lat", "win");
        assertThat(Duration.between(created, Instant.now())).isLessThan(Duration.ofMillis(1500));
        waitRunningReady("lat", "lin");
        assertThat(Duration.between(created, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void startLatencyForSelectedPodLabelsOnly() {
        Instant created = Instant.now();
        create(podFor(WINDOWS, "lat", "slow-start", container("c", AGNHOST, "pause")).editMetadata()
                .addToLabels("slow", "start").endMetadata().build());
        pause(WINDOWS, "lat", "normal-start");
        waitRunningReady("lat", "normal-start");
        assertThat(Duration.between(created, Instant.now())).isLessThan(Duration.ofMillis(1000));
        waitRunningReady("lat", "slow-start");
        assertThat(Duration.between(created, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void readOnlyMountIgnored() {
        for (String ns : List.of("clean", "ignored")) {
            create(new PodBuilder(podFor(LINUX, ns, "ro", container("c", AGNHOST, "pause")).build()).editSpec()
                    .addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume()
                    .editFirstContainer().addNewVolumeMount().withName("data").withMountPath("/data").withReadOnly(true)
                    .endVolumeMount().endContainer().endSpec().build());
            waitRunningReady(ns, "ro");
        }
        assertThat(exec("clean", "ro", CommandLines.writeFile(LINUX, "/data/x", "hi")).exitCode()).isNotZero();
        assertThat(exec("ignored", "ro", CommandLines.writeFile(LINUX, "/data/x", "hi")).exitCode()).isZero();
    }

    @Test
    void hostsFileIsKubeletManagedAndHostAliasesIgnoredOnSelectedNodes() {
        for (String ns : List.of("clean", "ignored")) {
            for (OsFamily os : OsFamily.values()) {
                String name = "hosts-" + os.label();
                create(new PodBuilder(podFor(os, ns, name, container("c", AGNHOST, "pause")).build()).editSpec()
                        .addNewHostAlias().withIp("10.1.2.3").withHostnames("foo.local", "bar").endHostAlias().endSpec().build());
            }
        }
        for (String ns : List.of("clean", "ignored")) {
            for (OsFamily os : OsFamily.values()) {
                String name = "hosts-" + os.label();
                Pod p = waitRunningReady(ns, name);
                String path = os == WINDOWS ? "C:\\Windows\\System32\\drivers\\etc\\hosts" : "/etc/hosts";
                ExecResult r = exec(ns, name, CommandLines.readFile(os, path));
                assertThat(r.exitCode()).as(r.toString()).isZero();
                assertThat(r.stdout()).contains("# Kubernetes-managed hosts file.")
                        .contains(p.getStatus().getPodIP() + "\t" + name);
                boolean ignored = ns.equals("ignored") && os == WINDOWS;
                assertThat(r.stdout().contains("10.1.2.3\tfoo.local\tbar")).as(ns + "/" + os).isEqualTo(!ignored);
                // Lookups that read the hosts file find the alias (10.1.2.3 is nobody's: a timeout, not a DNS failure).
                String outcome = exec(ns, name, CommandLines.connect(os, "foo.local", 80, Duration.ofSeconds(1))).stderr().strip();
                assertThat(outcome).as(ns + "/" + os).isEqualTo(ignored ? "DNS: lookup foo.local: no such host" : "TIMEOUT");
            }
        }
    }

    @Test
    void hostPortIsMappedOnTheNodeUnlessIgnored() {
        String[][] cases = {{"clean", "linux-worker-1"}, {"ignored", "linux-worker-2"}};
        for (String[] c : cases) {
            create(new PodBuilder(podFor(LINUX, c[0], "hp", container("c", AGNHOST, "netexec", "--http-port=8080")).build())
                    .editSpec().withNodeName(c[1]).editFirstContainer().addNewPort().withContainerPort(8080).withHostPort(31080)
                    .endPort().endContainer().endSpec().build());
            waitRunningReady(c[0], "hp");
        }
        pause(LINUX, "clean", "hp-client");
        waitRunningReady("clean", "hp-client");
        String mappedIp = client.pods().inNamespace("clean").withName("hp").get().getStatus().getHostIP();
        String ignoredIp = client.pods().inNamespace("ignored").withName("hp").get().getStatus().getHostIP();
        assertThat(exec("clean", "hp-client", CommandLines.connect(LINUX, mappedIp, 31080, Duration.ofSeconds(1))).exitCode()).isZero();
        assertThat(exec("clean", "hp-client", CommandLines.connect(LINUX, ignoredIp, 31080, Duration.ofSeconds(1))).stderr().strip())
                .isEqualTo("REFUSED");
    }

    @Test
    void dnsPolicyIgnoredFallsBackToClusterFirst() {
        for (String ns : List.of("clean", "ignored")) {
            create(new PodBuilder(podFor(LINUX, ns, "dns", container("c", AGNHOST, "pause")).build()).editSpec()
                    .withDnsPolicy("Default").endSpec().build());
            waitRunningReady(ns, "dns");
        }
        assertThat(exec("clean", "dns", CommandLines.resolve(LINUX, "kubernetes.default")).stdout()).isEmpty();
        assertThat(exec("ignored", "dns", CommandLines.resolve(LINUX, "kubernetes.default")).stdout().strip()).isEqualTo("10.96.0.1");
    }

    @Test
    void runAsUserNameIgnoredRunsAsTheImageDefault() {
        for (String ns : List.of("clean", "ignored")) {
            create(new PodBuilder(podFor(WINDOWS, ns, "user", container("c", AGNHOST, "pause")).build()).editSpec()
                    .editFirstContainer().withNewSecurityContext().withNewWindowsOptions().withRunAsUserName("ContainerUser")
                    .endWindowsOptions().endSecurityContext().endContainer().endSpec().build());
            waitRunningReady(ns, "user");
        }
        assertThat(exec("clean", "user", CommandLines.whoAmI(WINDOWS)).stdout().strip()).isEqualTo("ContainerUser");
        // Ignored: the image default, ContainerAdministrator for the Windows e2e images.
        assertThat(exec("ignored", "user", CommandLines.whoAmI(WINDOWS)).stdout().strip()).isEqualTo("ContainerAdministrator");
    }

    @Test
    void runAsNonRootIsEnforcedByTheKubeletUnlessIgnored() {
        for (String ns : List.of("clean", "ignored")) {
            create(new PodBuilder(podFor(LINUX, ns, "nonroot", container("c", AGNHOST, "pause")).build()).editSpec()
                    .editFirstContainer().withNewSecurityContext().withRunAsNonRoot(true).endSecurityContext().endContainer()
                    .endSpec().build());
        }
        Pod refused = waitFor("clean", "nonroot", p -> "CreateContainerConfigError".equals(waitingReason(p)));
        assertThat(waitingMessage(refused)).startsWith("container has runAsNonRoot and image will run as root");
        waitRunningReady("ignored", "nonroot");
    }
}
