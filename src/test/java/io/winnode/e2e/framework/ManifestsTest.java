package io.winnode.e2e.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.framework.manifests.ManifestTemplate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestsTest {

    @Test
    void everyManifestRendersToValidKubernetesObjects() throws IOException {
        ImageCatalog images = ImageCatalog.load(null);
        List<Path> manifests;
        // manifests/runner/ deploys the runner itself (no placeholders); RunnerManifestsTest checks it.
        try (Stream<Path> files = Files.walk(Path.of("manifests"))) {
            manifests = files.filter(p -> p.toString().endsWith(".yaml"))
                    .filter(p -> !p.startsWith(Path.of("manifests", "runner"))).toList();
        }
        assertThat(manifests).isNotEmpty();
        for (Path file : manifests) {
            String relative = Path.of("manifests").relativize(file).toString();
            String rendered = ManifestTemplate.load(relative).render(sampleValues(Files.readString(file), images));
            for (String document : rendered.split("(?m)^---$")) {
                HasMetadata object = Serialization.unmarshal(document, HasMetadata.class);
                assertThat(object.getMetadata().getName()).as(relative).isEqualTo("sample");
                assertThat(object.getKind()).as(relative).isNotBlank();
            }
        }
    }

    /** A value for every placeholder a template uses: images from the catalog, numbers for counts and ports, "sample" elsewhere. */
    private static Map<String, String> sampleValues(String template, ImageCatalog images) {
        var values = new HashMap<String, String>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}").matcher(template);
        while (m.find()) {
            String key = m.group(1);
            values.put(key, key.startsWith("image.") ? images.reference(key.substring(6))
                    : key.equals("REPLICAS") || key.endsWith("_PORT") || key.endsWith("_SECONDS") ? "1"
                    : key.endsWith("_DIR") ? "/data" : key.equals("TYPE") ? "ClusterIP" : "sample");
        }
        return values;
    }

    @Test
    void aPlaceholderWithoutValueIsNamedInTheError() {
        assertThatThrownBy(() -> ManifestTemplate.load("networking/client.yaml").render(Map.of("NAME", "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("image.agnhost");
    }

    @Test
    void catalogImagesKnowTheirWindowsBuilds() {
        ImageCatalog images = ImageCatalog.load(null);

        assertThat(images.supports("agnhost", OsFamily.WINDOWS, Optional.of(WindowsBuild.LTSC2025))).isTrue();
        assertThat(images.supports("linux-only", OsFamily.WINDOWS, Optional.of(WindowsBuild.LTSC2022))).isFalse();
        assertThat(images.supports("linux-only", OsFamily.LINUX, Optional.empty())).isTrue();
    }

    @Test
    void aMirrorReplacesTheRegistryAndKeepsRepositoryAndTag() {
        assertThat(ImageCatalog.load("mirror.example/e2e").reference("agnhost")).isEqualTo("mirror.example/e2e/agnhost:2.62");
        assertThatThrownBy(() -> ImageCatalog.load(null).reference("nginx"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("agnhost");
    }

    @Test
    void anOsVariantStandsInForThePlainTemplateOnThatOs() {
        String windows = ManifestTemplate.load("hostprocess/host-pod.yaml", OsFamily.WINDOWS).path();
        String linux = ManifestTemplate.load("hostprocess/host-pod.yaml", OsFamily.LINUX).path();
        String plain = ManifestTemplate.load("networking/client.yaml", OsFamily.WINDOWS).path();

        assertThat(windows).isEqualTo("manifests/hostprocess/host-pod.windows.yaml");
        assertThat(linux).isEqualTo("manifests/hostprocess/host-pod.linux.yaml");
        assertThat(plain).as("a template without variants serves every OS").isEqualTo("manifests/networking/client.yaml");
    }

    @Test
    void theWindowsHostPodIsAHostProcessPodAndTheLinuxOneOnlyUsesTheHostNetwork() {
        ImageCatalog images = ImageCatalog.load(null);
        var windows = (io.fabric8.kubernetes.api.model.Pod) Serialization.unmarshal(render("hostprocess/host-pod.yaml", OsFamily.WINDOWS, images), HasMetadata.class);
        var linux = (io.fabric8.kubernetes.api.model.Pod) Serialization.unmarshal(render("hostprocess/host-pod.yaml", OsFamily.LINUX, images), HasMetadata.class);

        assertThat(windows.getSpec().getHostNetwork()).isTrue();
        assertThat(windows.getSpec().getSecurityContext().getWindowsOptions().getHostProcess()).isTrue();
        assertThat(windows.getSpec().getSecurityContext().getWindowsOptions().getRunAsUserName()).isEqualTo("NT AUTHORITY\\SYSTEM");
        assertThat(linux.getSpec().getHostNetwork()).isTrue();
        assertThat(linux.getSpec().getSecurityContext()).isNull();
        assertThat(windows.getSpec().getContainers()).extracting(c -> c.getName())
                .isEqualTo(linux.getSpec().getContainers().stream().map(c -> c.getName()).toList());
    }

    @Test
    void aTemplateWithNeitherPlainFileNorVariantIsAnErrorNamingBoth() {
        assertThatThrownBy(() -> ManifestTemplate.load("hostprocess/no-such-pod.yaml", OsFamily.LINUX))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("manifests/hostprocess/no-such-pod.yaml")
                .hasMessageContaining("manifests/hostprocess/no-such-pod.linux.yaml");
    }

    private static String render(String template, OsFamily os, ImageCatalog images) {
        return ManifestTemplate.load(template, os).render(Map.of("NAME", "sample",
                "image.agnhost", images.reference("agnhost"), "image.busybox", images.reference("busybox")));
    }
}
