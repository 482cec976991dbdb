package io.winnode.e2e.framework;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.winnode.e2e.framework.workloads.PodTrouble;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(crud = true)
class PodTroubleTest {

    KubernetesClient client;

    private static Pod waiting(String reason) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata().withNewSpec().endSpec()
                .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("c").withNewState().withNewWaiting()
                .withReason(reason).withMessage("details").endWaiting().endState().endContainerStatus().endStatus().build();
    }

    @Test
    void anImagePullFailureIsStuckWithItsReason() {
        assertThat(new PodTrouble(client).stuck(waiting("ImagePullBackOff"))).get().asString().startsWith("ImagePullBackOff");
    }

    @Test
    void aContainerBeingCreatedIsNotStuck() {
        assertThat(new PodTrouble(client).stuck(waiting("ContainerCreating"))).isEmpty();
    }

    @Test
    void aFinishedPodIsStuckForAWaitOnRunning() {
        Pod failed = new PodBuilder(waiting("ContainerCreating")).editStatus().withPhase("Failed").withReason("PodOSNotSupported")
                .endStatus().build();

        assertThat(new PodTrouble(client).stuck(failed)).get().asString().contains("PodOSNotSupported");
    }
}
