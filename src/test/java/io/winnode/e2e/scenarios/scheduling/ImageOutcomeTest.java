package io.winnode.e2e.scenarios.scheduling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.winnode.e2e.framework.parity.Observed;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCH-04's Windows side passes only on containerd's platform-mismatch error (real-cluster-review L1):
 * every other pull error quotes the registry's {@code /manifests/} URL and must be reported as itself.
 */
class ImageOutcomeTest {

    private static final String REF = "registry.k8s.io/e2e-test-images/nonewprivs:1.3";
    private static final String URL = "https://registry.k8s.io/v2/e2e-test-images/nonewprivs/manifests/1.3";
    private static final Observed NO_VARIANT = Observed.outcome("no-variant");

    private static Pod pullFailed(String reason, String message) {
        return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec().withNodeName("win2022-1").endSpec()
                .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("main").withNewState().withNewWaiting()
                .withReason(reason).withMessage(message).endWaiting().endState().endContainerStatus().endStatus().build();
    }

    @Test
    void containerdsPlatformMismatchIsTheExpectedWindowsOutcome() {
        assertThat(OsPlacementScenarios.imageOutcome(pullFailed("ErrImagePull", "failed to pull and unpack image \"" + REF
                + "\": no match for platform in manifest: not found"))).isEqualTo(NO_VARIANT);
        assertThat(OsPlacementScenarios.imageOutcome(pullFailed("ImagePullBackOff", "Back-off pulling image \"" + REF
                + "\": ErrImagePull: failed to pull and unpack image \"" + REF + "\": no match for platform in manifest: not found")))
                .isEqualTo(NO_VARIANT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "unexpected status from HEAD request to " + URL + ": 429 Too Many Requests",
            "failed to do request: Head \"" + URL + "\": dial tcp: lookup registry.k8s.io: i/o timeout",
            "pull access denied, repository does not exist or may require authorization: server message: insufficient_scope",
            "failed to copy: httpReadSeeker: failed open: content at " + URL + " not found: not found",
            "unexpected status from HEAD request to " + URL + ": 503 Service Unavailable"})
    void anyOtherPullErrorIsReportedAsWhatItIs(String registryAnswer) {
        String message = "failed to pull and unpack image \"" + REF + "\": failed to resolve reference \"" + REF + "\": " + registryAnswer;

        String outcome = OsPlacementScenarios.imageOutcome(pullFailed("ErrImagePull", message)).detail();

        assertThat(outcome).as("a detail, not a named outcome").isNotNull().startsWith("image pull failed: ErrImagePull").contains(registryAnswer);
    }
}
