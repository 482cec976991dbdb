package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.winnode.e2e.foundation.os.OsFamily;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

class SchedulingAndAdmissionTest extends SimulatorTestSupport {

    static String ns;

    @BeforeAll
    static void start() {
        startCluster();
        ns = namespace("sched");
    }

    @AfterAll
    static void stop() {
        // Cluster-scoped: the shared cluster is left as this class found it.
        client.resources(io.fabric8.kubernetes.api.model.node.v1.RuntimeClass.class).withName("windows-2022").delete();
        stopCluster();
    }

    private static String nodeOs(Pod p) {
        return client.nodes().withName(p.getSpec().getNodeName()).get().getMetadata().getLabels().get("kubernetes.io/os");
    }

    @Test
    void selectorAndTolerationPlaceWindowsPodsOnWindowsAndOthersOnLinuxWorkers() {
        create(podFor(OsFamily.WINDOWS, ns, "win", container("c", AGNHOST, "pause")).build());
        create(new PodBuilder().withNewMetadata().withName("plain").withNamespace(ns).endMetadata()
                .withNewSpec().withContainers(container("c", AGNHOST, "pause")).endSpec().build());
        Pod win = waitFor(ns, "win", p -> p.getSpec().getNodeName() != null);
        Pod plain = waitFor(ns, "plain", p -> p.getSpec().getNodeName() != null);
        assertThat(nodeOs(win)).isEqualTo("windows");
        assertThat(plain.getSpec().getNodeName()).isIn("linux-worker-1", "linux-worker-2");
        assertThat(hasEvent(ns, "win", "Scheduled", "Successfully assigned " + ns + "/win to " + win.getSpec().getNodeName()))
                .isTrue();
    }

    @Test
    void buildLabelSelectorPinsTheWindowsServerVersion() {
        create(podFor(OsFamily.WINDOWS, ns, "ws2025", container("c", AGNHOST, "pause"))
                .editSpec().addToNodeSelector("node.kubernetes.io/windows-build", "10.0.26100").endSpec().build());
        assertThat(waitFor(ns, "ws2025", p -> p.getSpec().getNodeName() != null).getSpec().getNodeName()).isEqualTo("win2025-1");
    }

    @Test
    void windowsPodWithoutTolerationIsUnschedulableWithTheRealMessage() {
        create(new PodBuilder().withNewMetadata().withName("no-toleration").withNamespace(ns).endMetadata()
                .withNewSpec().withNodeSelector(Map.of("kubernetes.io/os", "windows")).withContainers(container("c", AGNHOST, "pause"))
                .endSpec().build());
        Pod pod = waitFor(ns, "no-toleration", p -> p.getStatus().getConditions().stream()
                .anyMatch(c -> "PodScheduled".equals(c.getType()) && "Unschedulable".equals(c.getReason())));
        assertThat(pod.getSpec().getNodeName()).isNull();
        String message = pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType()))
                .findFirst().orElseThrow().getMessage();
        // kube-scheduler v1.37.2: TaintToleration runs before NodeAffinity and reports "node(s) had untolerated taint(s)"
        // without naming the taint (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go), so the tainted
        // control plane counts with the three Windows nodes; both reasons are UnschedulableAndUnresolvable, so the
        // post-filter adds "Preemption is not helpful for scheduling" for all 6 (pkg/scheduler/framework/preemption).
        assertThat(message).isEqualTo("0/6 nodes are available: 2 node(s) didn't match Pod's node affinity/selector, "
                + "4 node(s) had untolerated taint(s). preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.");
        await().atMost(Duration.ofSeconds(5)).until(() -> hasEvent(ns, "no-toleration", "FailedScheduling", "4 node(s) had untolerated taint(s)"));
        // The upstream pattern: events by field selector on involvedObject.name and reason.
        assertThat(client.v1().events().inNamespace(ns).withField("involvedObject.name", "no-toleration")
                .withField("reason", "FailedScheduling").list().getItems())
                .isNotEmpty().allMatch(e -> "Warning".equals(e.getType()) && e.getMessage().startsWith("0/6 nodes are available"));
        assertThat(client.events().v1().events().inNamespace(ns).withField("regarding.name", "no-toleration").list().getItems())
                .isNotEmpty().allMatch(e -> "default-scheduler".equals(e.getReportingController())
                        && e.getNote().startsWith("0/6 nodes are available"));
        assertThat(client.pods().inNamespace(ns).withField("spec.nodeName", "win2025-1").list().getItems())
                .allMatch(p -> "win2025-1".equals(p.getSpec().getNodeName()));
        assertThat(client.pods().inNamespace(ns).withField("status.phase", "Pending").list().getItems())
                .extracting(p -> p.getMetadata().getName()).contains("no-toleration");
    }

    @Test
    void requestsAreCheckedAgainstAllocatableMinusBoundPods() {
        Pod big = podFor(OsFamily.WINDOWS, ns, "too-big", new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("c")
                .withImage(AGNHOST).withArgs("pause").withResources(new ResourceRequirementsBuilder()
                        .addToRequests("memory", new Quantity("15Gi")).build()).build()).build();
        create(big);
        Pod pod = waitFor(ns, "too-big", p -> p.getStatus().getConditions().stream()
                .anyMatch(c -> "Unschedulable".equals(c.getReason())));
        assertThat(pod.getStatus().getConditions().get(0).getMessage()).contains("3 Insufficient memory");
        Pod fits = podFor(OsFamily.WINDOWS, ns, "fits", new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("c")
                .withImage(AGNHOST).withArgs("pause").withResources(new ResourceRequirementsBuilder()
                        .addToRequests("memory", new Quantity("10Gi")).build()).build()).build();
        create(fits);
        Pod placed = waitFor(ns, "fits", p -> p.getSpec().getNodeName() != null);
        assertThat(nodeOs(placed)).isEqualTo("windows");
    }

    @Test
    void runtimeClassAdmissionMergesSchedulingAndOverhead() {
        client.resource(new RuntimeClassBuilder().withNewMetadata().withName("windows-2022").endMetadata()
                .withHandler("runhcs-wcow-process")
                .withNewScheduling().withNodeSelector(Map.of("kubernetes.io/os", "windows", "node.kubernetes.io/windows-build", "10.0.20348"))
                    .addToTolerations(new io.fabric8.kubernetes.api.model.TolerationBuilder().withKey("os").withOperator("Equal")
                            .withValue("windows").withEffect("NoSchedule").build())
                .endScheduling()
                .withNewOverhead().addToPodFixed("cpu", new Quantity("100m")).addToPodFixed("memory", new Quantity("128Mi")).endOverhead()
                .build()).create();
        Pod created = create(new PodBuilder().withNewMetadata().withName("rc").withNamespace(ns).endMetadata()
                .withNewSpec().withRuntimeClassName("windows-2022").withContainers(container("c", AGNHOST, "pause")).endSpec().build());
        assertThat(created.getSpec().getNodeSelector()).containsEntry("node.kubernetes.io/windows-build", "10.0.20348");
        assertThat(created.getSpec().getOverhead()).containsKeys("cpu", "memory");
        assertThat(created.getSpec().getTolerations()).anyMatch(t -> "os".equals(t.getKey()));
        Pod placed = waitFor(ns, "rc", p -> p.getSpec().getNodeName() != null);
        assertThat(placed.getSpec().getNodeName()).startsWith("win2022-");
        KubernetesClientException missing = catchThrowableOfType(KubernetesClientException.class, () -> create(new PodBuilder()
                .withNewMetadata().withName("rc-missing").withNamespace(ns).endMetadata()
                .withNewSpec().withRuntimeClassName("nope").withContainers(container("c", AGNHOST, "pause")).endSpec().build()));
        assertThat(missing.getCode()).isEqualTo(403);
    }

    @Test
    void windowsPodsRejectLinuxOnlySecurityFieldsWith422NamingEachField() {
        Pod pod = podFor(OsFamily.WINDOWS, ns, "bad-sc", new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("c")
                .withImage(AGNHOST).withNewSecurityContext().withPrivileged(true).endSecurityContext().build())
                .editSpec().withNewSecurityContext().withRunAsUser(1000L).endSecurityContext().endSpec().build();
        KubernetesClientException e = catchThrowableOfType(KubernetesClientException.class,
                () -> client.pods().inNamespace(ns).resource(pod).dryRun().create());
        assertThat(e.getCode()).isEqualTo(422);
        assertThat(e.getStatus().getReason()).isEqualTo("Invalid");
        assertThat(e.getStatus().getDetails().getCauses()).extracting(StatusCause::getField)
                .containsExactlyInAnyOrder("spec.securityContext.runAsUser", "spec.containers[0].securityContext.privileged");
        assertThat(client.pods().inNamespace(ns).withName("bad-sc").get()).isNull();
        Pod linux = podFor(OsFamily.LINUX, ns, "bad-linux", container("c", AGNHOST)).editSpec().withNewOs("linux")
                .withNewSecurityContext().withNewWindowsOptions().withRunAsUserName("ContainerUser").endWindowsOptions()
                .endSecurityContext().endSpec().build();
        KubernetesClientException linuxError = catchThrowableOfType(KubernetesClientException.class,
                () -> client.pods().inNamespace(ns).resource(linux).create());
        assertThat(linuxError.getCode()).isEqualTo(422);
        assertThat(linuxError.getStatus().getDetails().getCauses()).extracting(StatusCause::getField)
                .containsExactly("spec.securityContext.windowsOptions");
        Pod ok = podFor(OsFamily.WINDOWS, ns, "dry-ok", container("c", AGNHOST)).build();
        assertThat(client.pods().inNamespace(ns).resource(ok).dryRun().create().getSpec().getRestartPolicy()).isEqualTo("Always");
        assertThat(client.pods().inNamespace(ns).withName("dry-ok").get()).isNull();
    }

    @Test
    void podSecurityRestrictedExemptsWindowsPodsFromLinuxOnlyControlsAndBaselineRejectsHostProcess() {
        namespace("restricted", Map.of("pod-security.kubernetes.io/enforce", "restricted"));
        Pod windows = podFor(OsFamily.WINDOWS, "restricted", "win-nonroot", container("c", AGNHOST, "pause"))
                .editSpec().withNewSecurityContext().withRunAsNonRoot(true).endSecurityContext().endSpec().build();
        assertThat(client.pods().inNamespace("restricted").resource(windows).create().getMetadata().getUid()).isNotBlank();
        Pod withoutOs = new PodBuilder(windows).editMetadata().withName("no-os-field").endMetadata().editSpec().withOs(null).endSpec().build();
        KubernetesClientException rejected = catchThrowableOfType(KubernetesClientException.class,
                () -> client.pods().inNamespace("restricted").resource(withoutOs).create());
        assertThat(rejected.getCode()).isEqualTo(403);
        assertThat(rejected.getStatus().getMessage()).contains("violates PodSecurity \"restricted:latest\"")
                .contains("allowPrivilegeEscalation != false").contains("seccompProfile").doesNotContain("runAsNonRoot");

        namespace("baseline", Map.of("pod-security.kubernetes.io/enforce", "baseline"));
        Pod hostProcess = podFor(OsFamily.WINDOWS, "baseline", "hpc", container("c", AGNHOST, "pause")).editSpec().withHostNetwork(true)
                .withNewSecurityContext().withNewWindowsOptions().withHostProcess(true).withRunAsUserName("NT AUTHORITY\\SYSTEM")
                .endWindowsOptions().endSecurityContext().endSpec().build();
        KubernetesClientException hpc = catchThrowableOfType(KubernetesClientException.class,
                () -> client.pods().inNamespace("baseline").resource(hostProcess).create());
        assertThat(hpc.getStatus().getMessage()).contains("host namespaces (hostNetwork=true)")
                .contains("hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)");
    }

    @Test
    void schedulerIgnoresTheOsFieldSoTheKubeletRejectsAMisplacedPod() {
        create(new PodBuilder().withNewMetadata().withName("os-field-only").withNamespace(ns).endMetadata()
                .withNewSpec().withNewOs("windows").withContainers(container("c", AGNHOST, "pause")).endSpec().build());
        Pod pod = waitFor(ns, "os-field-only", p -> "Failed".equals(p.getStatus().getPhase()));
        assertThat(nodeOs(pod)).isEqualTo("linux");
        assertThat(pod.getStatus().getReason()).isEqualTo("PodOSNotSupported");
    }

    /**
     * Review finding M13: the imitation API server the suite once ran on let through what the real one
     * rejects. Now that validation, admission and scheduling come from the real control plane, these
     * pin that a manifest mistake fails in simulation as it would on a real cluster
     * (pkg/apis/core/validation validateWindowsHostProcessPod and ValidateObjectMeta; the scheduler's
     * NodePorts filter, pkg/scheduler/framework/plugins/nodeports).
     */
    @Test
    void hostProcessRulesObjectNamesAndHostPortConflictsAreEnforcedByTheRealControlPlane() {
        Pod noHostNetwork = podFor(OsFamily.WINDOWS, ns, "hpc-no-hostnet", container("c", AGNHOST, "pause")).editSpec()
                .withNewSecurityContext().withNewWindowsOptions().withHostProcess(true).withRunAsUserName("NT AUTHORITY\\SYSTEM")
                .endWindowsOptions().endSecurityContext().endSpec().build();
        KubernetesClientException hostNetwork = catchThrowableOfType(KubernetesClientException.class,
                () -> client.pods().inNamespace(ns).resource(noHostNetwork).dryRun().create());
        assertThat(hostNetwork.getCode()).isEqualTo(422);
        assertThat(hostNetwork.getStatus().getMessage()).contains("hostNetwork must be true if pod contains any hostProcess containers");

        Pod mixed = podFor(OsFamily.WINDOWS, ns, "hpc-mixed", container("hpc", AGNHOST, "pause"), container("plain", AGNHOST, "pause"))
                .editSpec().withHostNetwork(true).editFirstContainer().withNewSecurityContext().withNewWindowsOptions()
                .withHostProcess(true).withRunAsUserName("NT AUTHORITY\\SYSTEM").endWindowsOptions().endSecurityContext()
                .endContainer().endSpec().build();
        KubernetesClientException allOrNone = catchThrowableOfType(KubernetesClientException.class,
                () -> client.pods().inNamespace(ns).resource(mixed).dryRun().create());
        assertThat(allOrNone.getCode()).isEqualTo(422);
        assertThat(allOrNone.getStatus().getMessage()).contains("all containers must be HostProcess containers");

        Pod badName = podFor(OsFamily.LINUX, ns, "Bad_Name", container("c", AGNHOST, "pause")).build();
        KubernetesClientException name = catchThrowableOfType(KubernetesClientException.class,
                () -> client.pods().inNamespace(ns).resource(badName).dryRun().create());
        assertThat(name.getCode()).isEqualTo(422);
        assertThat(name.getStatus().getMessage()).contains("a lowercase RFC 1123 subdomain");

        for (String pod : java.util.List.of("port-a", "port-b")) {
            create(podFor(OsFamily.LINUX, ns, pod, new io.fabric8.kubernetes.api.model.ContainerBuilder().withName("c")
                    .withImage(AGNHOST).withArgs("pause").addNewPort().withContainerPort(8080).withHostPort(31999).endPort().build())
                    .editSpec().addToNodeSelector("kubernetes.io/hostname", "linux-worker-1").endSpec().build());
        }
        waitFor(ns, "port-a", p -> p.getSpec().getNodeName() != null);
        Pod second = waitFor(ns, "port-b", p -> p.getStatus().getConditions().stream()
                .anyMatch(c -> "PodScheduled".equals(c.getType()) && "Unschedulable".equals(c.getReason())));
        assertThat(second.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType()))
                .findFirst().orElseThrow().getMessage()).contains("didn't have free ports for the requested pod ports");
    }
}
