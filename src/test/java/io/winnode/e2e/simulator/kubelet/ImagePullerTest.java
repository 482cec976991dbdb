package io.winnode.e2e.simulator.kubelet;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.images.CatalogImage;
import io.winnode.e2e.framework.images.ImageCatalog;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulated runtime pulls from the simulator's own registry data, with containerd's Windows platform rule. */
class ImagePullerTest {

    private static final String WS2019 = "10.0.17763";
    private static final String WS2022 = "10.0.20348";
    private static final String WS23H2 = "10.0.25398";
    private static final String WS2025 = "10.0.26100";

    private final ImagePuller puller = new ImagePuller(RegistryContents.load());

    private ImagePuller.Pull windows(String reference, String build) {
        return puller.pull(reference, OsFamily.WINDOWS, "amd64", build);
    }

    @Test
    void everyCatalogImagePullsWhereTheRegistrySaysItHasAVariant() {
        for (CatalogImage image : ImageCatalog.load(null).images()) {
            String ref = image.reference(image.registry());
            assertThat(puller.pull(ref, OsFamily.LINUX, "amd64", null).succeeded()).as(ref).isTrue();
        }
        assertThat(windows("registry.k8s.io/e2e-test-images/agnhost:2.62", WS2025).succeeded()).isTrue();
        assertThat(windows("registry.k8s.io/pause:3.10.2", WS2019).succeeded()).isTrue();
    }

    @Test
    void aTagWithoutTheNodesBuildFailsWithContainerdsPlatformError() {
        // agnhost 2.32 predates Windows Server 2022 images (kubernetes/k8s.io#2642): a catalog claiming otherwise is wrong.
        ImagePuller.Pull pull = windows("registry.k8s.io/e2e-test-images/agnhost:2.32", WS2022);

        assertThat(pull.error()).isEqualTo("failed to pull and unpack image \"registry.k8s.io/e2e-test-images/agnhost:2.32\": "
                + "no match for platform in manifest: not found");
        assertThat(windows("registry.k8s.io/e2e-test-images/agnhost:2.32", WS2019).succeeded()).isTrue();
    }

    @Test
    void aCatalogClaimingAVariantTheRegistryLacksDoesNotMakeItExist() {
        // A catalog copy that names agnhost 2.32 and claims Windows Server 2022 for it: the framework believes it,
        // the simulated node does not, because it pulls from the registry's data, not the catalog's.
        var wrong = new ImageCatalog(java.util.List.of(new CatalogImage("agnhost", "registry.k8s.io/e2e-test-images", "agnhost",
                "2.32", java.util.List.of("linux/amd64", "windows/amd64/10.0.17763", "windows/amd64/10.0.20348"), "wrong")), null);
        assertThat(wrong.supports("agnhost", OsFamily.WINDOWS, WS2022)).isTrue();

        assertThat(windows(wrong.reference("agnhost"), WS2022).error()).contains("no match for platform in manifest");
    }

    @Test
    void aTagTheRegistryLacksIsNotFound() {
        assertThat(windows("registry.k8s.io/e2e-test-images/agnhost:9.99", WS2022).error())
                .endsWith("registry.k8s.io/e2e-test-images/agnhost:9.99: not found");
    }

    @Test
    void theLinuxOnlyImageHasNoWindowsVariant() {
        assertThat(windows("registry.k8s.io/e2e-test-images/nonewprivs:1.3", WS2022).error())
                .contains("no match for platform in manifest");
    }

    @Test
    void newerHostsRunLtsc2022ImagesButNotLtsc2019Ones() {
        // containerd/platforms checkWindowsHostAndContainerCompat: 20348 <= image build <= host build.
        assertThat(windows("registry.k8s.io/e2e-test-images/agnhost:2.33", WS2025).succeeded()).isTrue();
        assertThat(windows("registry.k8s.io/e2e-test-images/agnhost:2.33", WS23H2).succeeded()).isTrue();
        assertThat(windows("registry.k8s.io/e2e-test-images/agnhost:2.32", WS2025).succeeded()).isFalse();
        // A host older than WS2022 needs its exact build; an image newer than the host never runs.
        assertThat(windows("registry.k8s.io/e2e-test-images/agnhost:2.62", "10.0.14393").succeeded()).isFalse();
        assertThat(new ManifestPlatform("windows", "amd64", WS2025).runsOn("windows", "amd64", WS2022)).isFalse();
    }

    @Test
    void aMirrorHoldsTheRegistryK8sIoImagesOnly() {
        assertThat(windows("mirror.example/e2e/agnhost:2.62", WS2022).succeeded()).isTrue();
        assertThat(puller.pull("mirror.example/e2e/alpine:3.20", OsFamily.LINUX, "amd64", null).error())
                .endsWith("mirror.example/e2e/alpine:3.20: not found");
    }
}
