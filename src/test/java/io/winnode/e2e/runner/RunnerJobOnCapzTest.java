package io.winnode.e2e.runner;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.winnode.e2e.runner.cluster.SimulatedClusterLauncher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Finding B4: {@code manifests/runner/} applied, as an administrator would, to the simulated capz
 * topology, whose only Linux node is the tainted control plane (kubernetes-sigs/windows-testing
 * {@code capz/templates/windows-ci.yaml}). The real kube-scheduler decides where the Job's pod goes,
 * and the real PV controller binds the results claim to a static PersistentVolume (capz clusters
 * have no default StorageClass to provision one; README of manifests/runner).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunnerJobOnCapzTest {

    private static final Path RUNNER = Path.of("manifests", "runner");
    private static final String CONTROL_PLANE = "capz-conf-control-plane-4wq7x";
    private static final String NAMESPACE = "winnode-e2e";

    @TempDir
    static Path work;

    private SimulatedClusterLauncher cluster;
    private KubernetesClient admin;

    @BeforeAll
    void applyTheRunnerManifestsToACapzCluster() throws IOException {
        cluster = SimulatedClusterLauncher.start("capz", "fast", 1, List.of(), null, work);
        admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(null, cluster.kubeconfig().toFile())).build();
        apply("namespace.yaml");
        apply("serviceaccount.yaml");
        admin.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName("winnode-e2e-results")
                .endMetadata().withNewSpec().withCapacity(Map.of("storage", new Quantity("1Gi")))
                .withAccessModes("ReadWriteOnce").withStorageClassName("").withNewHostPath("/var/lib/winnode-e2e-results", "DirectoryOrCreate")
                .endSpec().build()).create();
        apply("pvc.yaml");
    }

    @AfterAll
    void stop() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theJobsPodIsScheduledOntoTheTaintedControlPlane() throws IOException {
        Job job = load("job.yaml", Job.class);
        admin.resource(job).create();

        Pod pod = awaitPodScheduledCondition(job.getMetadata().getName(), "True");

        assertThat(pod.getSpec().getNodeName()).isEqualTo(CONTROL_PLANE);
        assertThat(admin.persistentVolumeClaims().inNamespace(NAMESPACE).withName("winnode-e2e-results").get()
                .getStatus().getPhase()).isEqualTo("Bound");
    }

    @Test
    void withoutTheTolerationsTheJobsPodStaysPending() throws IOException {
        // job.yaml as it was before finding B4: a Linux node selector and no tolerations.
        Job old = load("job.yaml", Job.class);
        old.getMetadata().setName("winnode-e2e-untolerated");
        old.getSpec().getTemplate().getSpec().setTolerations(null);
        old.getSpec().getTemplate().getSpec().setVolumes(old.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getPersistentVolumeClaim() == null).toList());
        old.getSpec().getTemplate().getSpec().getContainers().get(0).setVolumeMounts(old.getSpec().getTemplate().getSpec()
                .getContainers().get(0).getVolumeMounts().stream().filter(m -> !m.getName().equals("results")).toList());
        admin.resource(old).create();

        Pod pod = awaitPodScheduledCondition("winnode-e2e-untolerated", "False");

        assertThat(pod.getSpec().getNodeName()).isNull();
        // The scheduler's own words: the control plane has a taint the pod does not tolerate, the Windows nodes
        // do not match its kubernetes.io/os=linux selector.
        assertThat(condition(pod).orElseThrow().getReason()).isEqualTo("Unschedulable");
        assertThat(condition(pod).orElseThrow().getMessage()).contains("1 node(s) had untolerated taint")
                .contains("2 node(s) didn't match Pod's node affinity/selector");
    }

    private Pod awaitPodScheduledCondition(String jobName, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> admin.pods()
                .inNamespace(NAMESPACE).withLabel("job-name", jobName).list().getItems().stream()
                .filter(p -> condition(p).map(c -> status.equals(c.getStatus())).orElse(false)).findFirst().orElse(null),
                p -> p != null);
    }

    private static Optional<PodCondition> condition(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getConditions() == null ? Optional.empty()
                : pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst();
    }

    private void apply(String file) throws IOException {
        try (InputStream in = Files.newInputStream(RUNNER.resolve(file))) {
            for (HasMetadata item : admin.load(in).items()) {
                admin.resource(item).create();
            }
        }
    }

    private static <T> T load(String file, Class<T> type) throws IOException {
        return type.cast(Serialization.unmarshal(Files.readString(RUNNER.resolve(file))));
    }
}
