package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.winnode.e2e.foundation.os.OsFamily;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The REALISTIC profile: slow Windows pulls, and graceful deletion that honours terminationGracePeriodSeconds. */
class RealisticLatencyTest extends SimulatorTestSupport {

    static SimulatedCluster slow;
    static KubernetesClient c;

    @BeforeAll
    static void start() {
        slow = SimulatedCluster.start(SimulatorOptions.defaults().withLatency(LatencyProfile.REALISTIC));
        c = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(slow.kubeconfigYaml())).build();
    }

    @AfterAll
    static void stop() {
        c.close();
        slow.close();
    }

    private static boolean event(String pod, String reason) {
        return c.v1().events().inNamespace("default").list().getItems().stream()
                .anyMatch(e -> reason.equals(e.getReason()) && pod.equals(e.getInvolvedObject().getName()));
    }

    @Test
    void windowsImagePullIsSlowInTheRealisticProfile() {
        assertThat(slow.options().latency()).isEqualTo(LatencyProfile.REALISTIC);
        Pod pod = podFor(OsFamily.WINDOWS, "default", "slow-pull", container("c", AGNHOST, "pause")).build();
        c.pods().inNamespace("default").resource(pod).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> event("slow-pull", "Pulling"));
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        Pod still = c.pods().inNamespace("default").withName("slow-pull").get();
        assertThat(still.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(still.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        assertThat(event("slow-pull", "Pulled")).isFalse();
    }

    @Test
    void deletionWaitsForTheGracePeriodWhenTheProcessIgnoresSigterm() {
        Pod sleeper = podFor(OsFamily.LINUX, "default", "sleeper", new ContainerBuilder().withName("c").withImage(BUSYBOX)
                .withCommand("sh", "-c", "sleep 3600").build()).editSpec().withTerminationGracePeriodSeconds(3L).endSpec().build();
        Pod server = podFor(OsFamily.LINUX, "default", "server", container("c", AGNHOST, "netexec")).build();
        c.pods().inNamespace("default").resource(sleeper).create();
        c.pods().inNamespace("default").resource(server).create();
        for (String name : new String[] {"sleeper", "server"}) {
            await().atMost(Duration.ofSeconds(20)).until(() -> "Running".equals(c.pods().inNamespace("default").withName(name).get()
                    .getStatus().getPhase()));
        }
        Instant deleted = Instant.now();
        c.pods().inNamespace("default").withName("sleeper").delete();
        c.pods().inNamespace("default").withName("server").delete();
        await().atMost(Duration.ofSeconds(2)).until(() -> c.pods().inNamespace("default").withName("server").get() == null);
        assertThat(c.pods().inNamespace("default").withName("sleeper").get()).as("still within its 3 s grace period").isNotNull();
        await().atMost(Duration.ofSeconds(8)).until(() -> c.pods().inNamespace("default").withName("sleeper").get() == null);
        assertThat(Duration.between(deleted, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        assertThat(event("sleeper", "Killing")).isTrue();
    }
}
