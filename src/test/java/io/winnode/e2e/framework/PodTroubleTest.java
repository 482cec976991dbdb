package io.winnode.e2e.framework;

import io.fabric8.kubernetes.api.model.EventBuilder;
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
        assertThat(new PodTrouble(client).stuck(waiting("ImagePullBackOff", "Back-off pulling image \"x\": ErrImagePull: "
                + NO_PLATFORM))).get().asString().startsWith("ImagePullBackOff");
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

    private static final String RATE_LIMITED = "failed to pull and unpack image \"registry.k8s.io/e2e-test-images/agnhost:2.62\": "
            + "failed to copy: httpReadSeeker: failed open: unexpected status code "
            + "https://registry.k8s.io/v2/e2e-test-images/agnhost/manifests/sha256:0123: 429 Too Many Requests";
    private static final String NO_PLATFORM = "failed to pull and unpack image \"registry.k8s.io/e2e-test-images/nonewprivs:1.3\": "
            + "no match for platform in manifest: not found";

    private static Pod waiting(String reason, String message) {
        return new PodBuilder(waiting(reason)).editStatus().editFirstContainerStatus().editState().editWaiting()
                .withMessage(message).endWaiting().endState().endContainerStatus().endStatus().build();
    }

    @Test
    void aRateLimitedPullIsWaitedThroughNotStuck() {
        assertThat(new PodTrouble(client).stuck(waiting("ErrImagePull", RATE_LIMITED))).isEmpty();
        assertThat(new PodTrouble(client).stuck(waiting("ImagePullBackOff",
                "Back-off pulling image \"x\": ErrImagePull: " + RATE_LIMITED))).isEmpty();
    }

    @Test
    void aPlatformMismatchIsStuck() {
        assertThat(new PodTrouble(client).stuck(waiting("ErrImagePull", NO_PLATFORM))).get().asString()
                .contains("no match for platform in manifest");
    }

    /** The mock API server ignores field selectors: read the namespace's events and keep the pod's, as the real selector does. */
    private PodTrouble byEvents() {
        return new PodTrouble(pod -> client.v1().events().inNamespace("ns").list().getItems().stream()
                .filter(e -> pod.getMetadata().getName().equals(e.getInvolvedObject().getName())).toList());
    }

    private void sandboxEvent(String name, String podUid, String sandboxId) {
        client.v1().events().inNamespace("ns").resource(new EventBuilder().withNewMetadata().withName(name).withNamespace("ns")
                .endMetadata().withNewInvolvedObject().withKind("Pod").withName("p").withNamespace("ns").withUid(podUid)
                .endInvolvedObject().withType("Warning").withReason("FailedCreatePodSandBox").withCount(1)
                .withLastTimestamp("2026-12-02T05:00:0" + name.charAt(name.length() - 1) + "Z")
                .withMessage("Failed to create pod sandbox: rpc error: code = Unknown desc = failed to start sandbox container task \""
                        + sandboxId + "\": The device is not ready.").build()).create();
    }

    private static Pod creating(String uid) {
        return new PodBuilder(waiting("ContainerCreating")).editMetadata().withUid(uid).endMetadata().build();
    }

    @Test
    void sandboxFailuresWithPerAttemptIdsAreCountedAcrossEvents() {
        sandboxEvent("p.1", "uid-1", "a".repeat(64));
        sandboxEvent("p.2", "uid-1", "b".repeat(64));
        assertThat(byEvents().stuck(creating("uid-1"))).isEmpty();

        sandboxEvent("p.3", "uid-1", "c".repeat(64));

        assertThat(byEvents().stuck(creating("uid-1"))).get().asString()
                .startsWith("FailedCreatePodSandBox (3 times)").contains("c".repeat(64));
    }

    @Test
    void anEarlierPodOfTheSameNameDoesNotCount() {
        sandboxEvent("p.1", "old-uid", "a".repeat(64));
        sandboxEvent("p.2", "old-uid", "b".repeat(64));
        sandboxEvent("p.3", "uid-2", "c".repeat(64));

        assertThat(byEvents().stuck(creating("uid-2"))).isEmpty();
    }
}
