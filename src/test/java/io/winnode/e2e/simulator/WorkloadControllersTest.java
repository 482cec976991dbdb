package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.winnode.e2e.foundation.os.OsFamily;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WorkloadControllersTest extends SimulatorTestSupport {

    static String ns;

    @BeforeAll
    static void start() {
        startCluster();
        ns = namespace("workloads");
    }

    @AfterAll
    static void stop() {
        stopCluster();
    }

    private static PodTemplateSpec windowsTemplate(String app, io.fabric8.kubernetes.api.model.Container c) {
        Pod pod = podFor(OsFamily.WINDOWS, ns, "ignored", c).build();
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(Map.of("app", app)).endMetadata()
                .withSpec(pod.getSpec()).build();
    }

    private static List<Pod> pods(String app) {
        return client.pods().inNamespace(ns).withLabel("app", app).list().getItems();
    }

    @Test
    void deploymentCreatesAReplicaSetAndReadyWindowsPods() {
        client.apps().deployments().inNamespace(ns).resource(new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withTemplate(windowsTemplate("web", container("c", AGNHOST, "netexec"))).endSpec().build()).create();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            Deployment d = client.apps().deployments().inNamespace(ns).withName("web").get();
            return d.getStatus() != null && Integer.valueOf(3).equals(d.getStatus().getReadyReplicas())
                    && Integer.valueOf(3).equals(d.getStatus().getAvailableReplicas());
        });
        Deployment d = client.apps().deployments().inNamespace(ns).withName("web").get();
        assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(3);
        assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
        assertThat(d.getStatus().getConditions()).anyMatch(c -> "Available".equals(c.getType()) && "True".equals(c.getStatus()));
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems())
                .anyMatch(rs -> rs.getMetadata().getName().startsWith("web-") && rs.getMetadata().getOwnerReferences().get(0).getKind().equals("Deployment"));
        List<Pod> pods = pods("web");
        assertThat(pods).hasSize(3).allMatch(p -> p.getMetadata().getLabels().containsKey("pod-template-hash"));
        assertThat(pods).extracting(p -> p.getSpec().getNodeName()).allMatch(n -> n.startsWith("win"));
        assertThat(pods.stream().map(p -> p.getSpec().getNodeName()).distinct().count()).isGreaterThan(1);

        String oldHash = pods.get(0).getMetadata().getLabels().get("pod-template-hash");
        client.apps().deployments().inNamespace(ns).withName("web").edit(dep -> {
            dep.getSpec().getTemplate().getSpec().getContainers().get(0).setArgs(List.of("netexec", "--http-port=8081"));
            return dep;
        });
        await().atMost(Duration.ofSeconds(15)).until(() -> pods("web").size() == 3 && pods("web").stream().allMatch(p ->
                !oldHash.equals(p.getMetadata().getLabels().get("pod-template-hash")) && "Running".equals(p.getStatus().getPhase())));
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems()).hasSize(2)
                .anyMatch(rs -> rs.getSpec().getReplicas() == 0);

        client.apps().deployments().inNamespace(ns).withName("web").patch("{\"metadata\":{\"labels\":{\"tier\":\"frontend\"}}}");
        assertThat(client.apps().deployments().inNamespace(ns).withName("web").get().getMetadata().getLabels())
                .containsEntry("tier", "frontend");

        client.apps().deployments().inNamespace(ns).withName("web").scale(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> pods("web").size() == 1);
        client.apps().deployments().inNamespace(ns).withName("web").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> pods("web").isEmpty()
                && client.apps().replicaSets().inNamespace(ns).list().getItems().isEmpty());
    }

    @Test
    void daemonSetRunsOnePodPerEligibleNode() {
        client.apps().daemonSets().inNamespace(ns).resource(new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
                .withTemplate(windowsTemplate("agent", container("c", AGNHOST, "pause"))).endSpec().build()).create();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            DaemonSet ds = client.apps().daemonSets().inNamespace(ns).withName("agent").get();
            return ds.getStatus() != null && Integer.valueOf(3).equals(ds.getStatus().getNumberReady());
        });
        DaemonSet ds = client.apps().daemonSets().inNamespace(ns).withName("agent").get();
        assertThat(ds.getStatus().getDesiredNumberScheduled()).isEqualTo(3);
        assertThat(pods("agent")).extracting(p -> p.getSpec().getNodeName())
                .containsExactlyInAnyOrder("win2022-1", "win2022-2", "win2025-1");
    }

    @Test
    void jobRunsToCompletionAndAFailingJobHitsItsBackoffLimit() {
        client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder().withNewMetadata().withName("count").endMetadata()
                .withNewSpec().withCompletions(3).withParallelism(2).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .withContainers(new ContainerBuilder().withName("c").withImage(BUSYBOX).withCommand("sh", "-c", "echo done").build())
                .endSpec().endTemplate().endSpec().build()).create();
        client.batch().v1().jobs().inNamespace(ns).resource(new JobBuilder().withNewMetadata().withName("broken").endMetadata()
                .withNewSpec().withBackoffLimit(1).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .withContainers(new ContainerBuilder().withName("c").withImage(BUSYBOX).withCommand("sh", "-c", "exit 2").build())
                .endSpec().endTemplate().endSpec().build()).create();
        // The real job controller recreates a failed pod only after DefaultJobPodFailureBackOff, 10 s
        // (pkg/controller/job/job_controller.go): "broken" fails its second pod about 11 s in.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> condition("count", "Complete") && condition("broken", "Failed"));
        Job count = client.batch().v1().jobs().inNamespace(ns).withName("count").get();
        assertThat(count.getStatus().getSucceeded()).isEqualTo(3);
        assertThat(count.getStatus().getCompletionTime()).isNotNull();
        Job broken = client.batch().v1().jobs().inNamespace(ns).withName("broken").get();
        assertThat(broken.getStatus().getFailed()).isEqualTo(2);
        assertThat(broken.getStatus().getConditions()).anyMatch(c -> "BackoffLimitExceeded".equals(c.getReason()));
        assertThat(client.pods().inNamespace(ns).withLabel("job-name", "count").list().getItems()).hasSize(3)
                .allMatch(p -> "Succeeded".equals(p.getStatus().getPhase()));
    }

    private static boolean condition(String job, String type) {
        Job j = client.batch().v1().jobs().inNamespace(ns).withName(job).get();
        return j.getStatus() != null && j.getStatus().getConditions() != null
                && j.getStatus().getConditions().stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Test
    void deletingANamespaceDeletesEverythingInItThenTheNamespace() {
        String doomed = namespace("doomed");
        // The KCM's namespace controller waits namespaceDeletionGracePeriod (5 s) before it first empties a deleted
        // namespace, and while pods remain it retries after estimate/2 + 1 s, the estimate being the largest
        // terminationGracePeriodSeconds of the non-terminal pods (pkg/controller/namespace/namespace_controller.go,
        // deletion/namespaced_resources_deleter.go): with the default 30 s that is 16 s. A 1 s grace period keeps it short.
        create(podFor(OsFamily.LINUX, doomed, "p", container("c", AGNHOST, "pause")).editSpec()
                .withTerminationGracePeriodSeconds(1L).endSpec().build());
        client.configMaps().inNamespace(doomed).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("cm").endMetadata().addToData("k", "v").build()).create();
        waitRunningReady(doomed, "p");
        client.namespaces().withName(doomed).delete();
        assertThat(client.namespaces().withName(doomed).get().getStatus().getPhase()).isIn("Terminating", null);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.namespaces().withName(doomed).get() == null);
        assertThat(client.pods().inNamespace(doomed).list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace(doomed).list().getItems()).isEmpty();
        io.fabric8.kubernetes.client.KubernetesClientException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.fabric8.kubernetes.client.KubernetesClientException.class, () -> client.namespaces().withName("default").delete());
        assertThat(refused.getCode()).isEqualTo(403);
        assertThat(client.namespaces().withName("default").get().getMetadata().getDeletionTimestamp()).isNull();
    }
}
