package io.winnode.e2e.framework.prepull;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.winnode.e2e.framework.images.CatalogImage;
import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.framework.nodes.ClusterNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PrePullPlanTest {

    private static ClusterNode windowsNode(String name, String build) {
        return ClusterNode.from(new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("kubernetes.io/os", "windows", "kubernetes.io/arch", "amd64",
                        "node.kubernetes.io/windows-build", build)).endMetadata()
                .withNewSpec().endSpec().build());
    }

    @Test
    void theShippedCatalogPutsItsWindowsImagesOnEveryWindowsBuildAndNeverTheLinuxOnlyOne() {
        PrePullPlan plan = PrePullPlan.of(ImageCatalog.load(null), List.of(windowsNode("w19", "10.0.17763"),
                windowsNode("w22", "10.0.20348"), windowsNode("w25", "10.0.26100"), windowsNode("w23h2", "10.0.25398")));

        assertThat(plan.warnings()).isEmpty();
        assertThat(plan.targets()).hasSize(4).allSatisfy(t ->
                assertThat(t.images()).containsExactlyInAnyOrder("agnhost", "pause", "busybox"));
    }

    @Test
    void anImageWithoutAVariantForAPresentBuildIsReportedAndNotPulledThere() {
        var catalog = new ImageCatalog(List.of(
                new CatalogImage("old", "registry.k8s.io/e2e-test-images", "agnhost", "2.32",
                        List.of("linux/amd64", "windows/amd64/10.0.17763"), "test"),
                new CatalogImage("pause", "registry.k8s.io", "pause", "3.10.2",
                        List.of("windows/amd64/10.0.17763", "windows/amd64/10.0.20348"), "test")), null);

        PrePullPlan plan = PrePullPlan.of(catalog, List.of(windowsNode("w19", "10.0.17763"), windowsNode("w22", "10.0.20348")));

        assertThat(plan.warnings()).singleElement().asString().contains("catalog image old")
                .contains("registry.k8s.io/e2e-test-images/agnhost:2.32").contains("10.0.20348").contains("node w22")
                .contains("no match for platform in manifest");
        assertThat(plan.targets()).extracting(t -> t.node().name() + "=" + t.images())
                .containsExactly("w19=[old, pause]", "w22=[pause]");
        assertThat(plan.pulls()).isEqualTo(3);
    }

    private static ContainerStatus waiting(String reason, String message) {
        return new ContainerStatusBuilder().withName("agnhost").withNewState().withNewWaiting().withReason(reason)
                .withMessage(message).endWaiting().endState().build();
    }

    @Test
    void aContainerTheRuntimeCreatedHasItsImageOnTheNode() {
        assertThat(ImagePullState.of(new ContainerStatusBuilder().withName("agnhost").withNewState().withNewTerminated()
                .withExitCode(0).endTerminated().endState().build()).pulled()).isTrue();
        assertThat(ImagePullState.of(waiting("ContainerCreating", null)).pulled()).isFalse();
        // The kubelet creates a container only once its image is there: a create error still means "pulled".
        assertThat(ImagePullState.of(waiting("CreateContainerError", "hcs::CreateComputeSystem: ...")).pulled()).isTrue();
    }

    @Test
    void onlyThePlatformMismatchIsAFailureOtherPullErrorsAreRetried() {
        ImagePullState mismatch = ImagePullState.of(waiting("ErrImagePull",
                "failed to pull and unpack image \"x\": no match for platform in manifest: not found"));
        ImagePullState limited = ImagePullState.of(waiting("ImagePullBackOff", "Back-off pulling image \"x\": ErrImagePull: "
                + "failed to resolve reference \"x\": unexpected status from HEAD request to https://r/v2/x/manifests/1: 429 Too Many Requests"));

        assertThat(mismatch.failure()).contains("no match for platform in manifest");
        assertThat(limited.failure()).isNull();
        assertThat(limited.lastError()).contains("429 Too Many Requests");
    }
}
