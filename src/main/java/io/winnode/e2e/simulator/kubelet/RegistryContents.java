package io.winnode.e2e.simulator.kubelet;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.yaml.YamlFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * What the simulated registries hold ({@code simulator/registry.yaml}): per real {@code repository:tag},
 * the platforms of its manifest list. Independent of the suite's image catalog on purpose.
 */
public final class RegistryContents {

    public static final String RESOURCE = "simulator/registry.yaml";

    /** One manifest list: its full reference, whether mirrors copy it, its platforms and the source. */
    public record Entry(String reference, boolean mirrored, List<String> platforms, String source) {
        public Entry {
            if (reference == null || !reference.contains(":")) {
                throw new InvalidInputException(RESOURCE + ": every image needs 'reference: HOST/PATH:TAG', found " + reference);
            }
            platforms = platforms == null ? List.of() : List.copyOf(platforms);
            if (platforms.isEmpty()) {
                throw new InvalidInputException(RESOURCE + ": " + reference + " lists no platforms; add its manifest list's entries");
            }
            platforms.forEach(ManifestPlatform::parse);
        }

        String host() {
            return reference.substring(0, reference.indexOf('/'));
        }

        /** {@code agnhost:2.62}: the last path segment and tag, what a flattened mirror keeps. */
        String lastSegmentAndTag() {
            return reference.substring(reference.lastIndexOf('/') + 1);
        }

        List<ManifestPlatform> parsedPlatforms() {
            return platforms.stream().map(ManifestPlatform::parse).toList();
        }
    }

    /** The shape of the resource file. */
    public record File(List<String> hosts, List<Entry> images) {
    }

    private final List<String> hosts;
    private final List<Entry> images;

    public RegistryContents(List<String> hosts, List<Entry> images) {
        this.hosts = List.copyOf(hosts);
        this.images = List.copyOf(images);
    }

    /** The registry data shipped with the simulator. */
    public static RegistryContents load() {
        try (InputStream in = RegistryContents.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            File file = YamlFiles.read(in, RESOURCE, File.class);
            return new RegistryContents(file.hosts() == null ? List.of() : file.hosts(),
                    file.images() == null ? List.of() : file.images());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The manifest list a fully qualified reference ({@link ImagePuller#normalize}) names, if the
     * registry has it: an exact match on a known host, or the mirrored copy on any other host.
     */
    public Optional<Entry> resolve(String normalizedReference) {
        String host = normalizedReference.substring(0, normalizedReference.indexOf('/'));
        if (hosts.contains(host)) {
            return images.stream().filter(e -> e.reference().equals(normalizedReference)).findFirst();
        }
        String lastSegmentAndTag = normalizedReference.substring(normalizedReference.lastIndexOf('/') + 1);
        return images.stream().filter(Entry::mirrored).filter(e -> e.lastSegmentAndTag().equals(lastSegmentAndTag)).findFirst();
    }
}
