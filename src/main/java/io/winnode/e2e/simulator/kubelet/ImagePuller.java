package io.winnode.e2e.simulator.kubelet;

import io.winnode.e2e.framework.images.CatalogImage;
import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.framework.images.ImagePlatform;
import io.winnode.e2e.framework.nodes.OsFamily;

import java.util.Optional;

/**
 * The container runtime's image pull against the project's image catalog, the simulator's registry.
 * A reference matches a catalog image by {@code repository:tag} whatever the registry, so mirrors
 * work. containerd picks the manifest-list entry for the node's os/arch and, on Windows, the node's
 * OS build (process isolation, parity SCH-10/RT-09); no such entry fails with containerd's message.
 */
public final class ImagePuller {

    /** A pull result: the catalog image on success, else containerd's error text. */
    public record Pull(CatalogImage image, String error) {
        public boolean succeeded() {
            return error == null;
        }
    }

    private final ImageCatalog catalog;

    public ImagePuller(ImageCatalog catalog) {
        this.catalog = catalog;
    }

    /** {@code docker.io/library/alpine:3.20}: containerd's fully qualified form of a reference. */
    public static String normalize(String reference) {
        String ref = reference;
        int slash = ref.indexOf('/');
        String first = slash < 0 ? "" : ref.substring(0, slash);
        boolean hasRegistry = slash > 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasRegistry) {
            ref = "docker.io/" + (slash < 0 ? "library/" : "") + ref;
        }
        String last = ref.substring(ref.lastIndexOf('/') + 1);
        if (!last.contains(":") && !last.contains("@")) {
            ref = ref + ":latest";
        }
        return ref;
    }

    public Optional<CatalogImage> find(String reference) {
        String ref = normalize(reference);
        String repoAndTag = ref.substring(ref.lastIndexOf('/') + 1);
        return catalog.images().stream().filter(i -> i.repositoryAndTag().equals(repoAndTag)).findFirst();
    }

    public Pull pull(String reference, OsFamily os, String arch, String windowsBuild) {
        String ref = normalize(reference);
        Optional<CatalogImage> image = find(reference);
        if (image.isEmpty()) {
            return new Pull(null, "failed to pull and unpack image \"" + ref + "\": failed to resolve reference \"" + ref
                    + "\": " + ref + ": not found");
        }
        boolean match = image.get().parsedPlatforms().stream().anyMatch(p -> matches(p, os, arch, windowsBuild));
        if (!match) {
            return new Pull(null, "failed to pull and unpack image \"" + ref
                    + "\": no match for platform in manifest: not found");
        }
        return new Pull(image.get(), null);
    }

    private static boolean matches(ImagePlatform p, OsFamily os, String arch, String windowsBuild) {
        if (!p.os().equals(os.label()) || !p.arch().equals(arch)) {
            return false;
        }
        return os == OsFamily.LINUX || p.osVersion().equals(windowsBuild);
    }
}
