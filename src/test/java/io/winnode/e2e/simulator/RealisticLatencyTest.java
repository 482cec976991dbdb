package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.winnode.e2e.framework.nodes.OsFamily;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The REALISTIC profile: a Windows image pull takes at least 20 s, so a fresh Windows pod is still pulling seconds later. */
class RealisticLatencyTest extends SimulatorTestSupport {

    @Test
    void windowsImagePullIsSlowInTheRealisticProfile() {
        try (SimulatedCluster slow = SimulatedCluster.start(SimulatorOptions.defaults().withLatency(LatencyProfile.REALISTIC));
             KubernetesClient c = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(slow.kubeconfigYaml())).build()) {
            assertThat(slow.options().latency()).isEqualTo(LatencyProfile.REALISTIC);
            Pod pod = podFor(OsFamily.WINDOWS, "default", "slow-pull", container("c", AGNHOST, "pause")).build();
            c.pods().inNamespace("default").resource(pod).create();
            await().atMost(Duration.ofSeconds(10)).until(() -> c.v1().events().inNamespace("default").list().getItems().stream()
                    .anyMatch(e -> "Pulling".equals(e.getReason()) && "slow-pull".equals(e.getInvolvedObject().getName())));
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
            Pod still = c.pods().inNamespace("default").withName("slow-pull").get();
            assertThat(still.getStatus().getPhase()).isEqualTo("Pending");
            assertThat(still.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
            assertThat(c.v1().events().inNamespace("default").list().getItems())
                    .noneMatch(e -> "Pulled".equals(e.getReason()) && "slow-pull".equals(e.getInvolvedObject().getName()));
        }
    }
}
