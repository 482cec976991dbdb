package io.winnode.e2e.simulator.kubelet;

import io.winnode.e2e.foundation.os.OsFamily;

import java.util.Optional;

/**
 * The container runtime's image pull against the simulated registries ({@link RegistryContents},
 * {@code simulator/registry.yaml}), never against the suite's own image catalog. A reference the
 * registry lacks fails as containerd reports a missing tag; a manifest list without an entry the
 * node can run fails with containerd's platform-mismatch text (parity SCH-04, SCH-10, RT-09).
 */
public final class ImagePuller {

    /** A pull result: the repository's last path segment (its image profile) on success, else containerd's error text. */
    public record Pull(String repository, String error) {
        public boolean succeeded() {
            return error == null;
        }
    }

    private final RegistryContents registry;

    public ImagePuller(RegistryContents registry) {
        this.registry = registry;
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

    /** The repository's last path segment without the tag, e.g. {@code agnhost}: what the image profile is keyed by. */
    public static String repositoryName(String reference) {
        return normalize(reference).replaceAll("^.*/", "").replaceAll("[:@].*$", "");
    }

    public Pull pull(String reference, OsFamily os, String arch, String windowsBuild) {
        String ref = normalize(reference);
        Optional<RegistryContents.Entry> image = registry.resolve(ref);
        if (image.isEmpty()) {
            // containerd's resolver on a 404 for the tag (core/remotes/docker/resolver.go: "%v: not found").
            return new Pull(null, "failed to pull and unpack image \"" + ref + "\": failed to resolve reference \"" + ref
                    + "\": " + ref + ": not found");
        }
        boolean match = image.get().parsedPlatforms().stream().anyMatch(p -> p.runsOn(os.label(), arch, windowsBuild));
        if (!match) {
            // containerd's image unpack when no manifest-list entry matches (core/images/image.go).
            return new Pull(null, "failed to pull and unpack image \"" + ref
                    + "\": no match for platform in manifest: not found");
        }
        return new Pull(repositoryName(reference), null);
    }
}
