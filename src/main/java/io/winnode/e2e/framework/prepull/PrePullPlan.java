package io.winnode.e2e.framework.prepull;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.images.CatalogImage;
import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.framework.nodes.ClusterNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which catalog images the pre-pull phase puts on which Windows node, and the catalog images that
 * declare no variant a node's build can run (checked against the catalog's own platform list with
 * containerd's matching rule, {@link ImageCatalog#supports(String, OsFamily, String)}): those are
 * reported, not pulled, since the pull could only fail with "no match for platform in manifest".
 *
 * @param targets  one entry per node: the logical image names to pull there
 * @param warnings one line per (image, Windows build) the catalog has no variant for
 */
public record PrePullPlan(List<Target> targets, List<String> warnings) {

    /** The images to pull onto one node. */
    public record Target(ClusterNode node, List<String> images) {
    }

    public static PrePullPlan of(ImageCatalog catalog, List<ClusterNode> windowsNodes) {
        List<CatalogImage> windowsImages = catalog.images().stream()
                .filter(i -> i.parsedPlatforms().stream().anyMatch(p -> p.os().equals(OsFamily.WINDOWS.label()))).toList();
        var targets = new ArrayList<Target>();
        Set<String> warnings = new LinkedHashSet<>();
        for (ClusterNode node : windowsNodes) {
            var images = new ArrayList<String>();
            for (CatalogImage image : windowsImages) {
                String build = node.windowsBuildLabel();
                if (catalog.supports(image.name(), OsFamily.WINDOWS, build.isEmpty() ? null : build)) {
                    images.add(image.name());
                } else {
                    warnings.add("catalog image " + image.name() + " (" + catalog.reference(image.name()) + ") lists no variant "
                            + "for Windows build " + (build.isEmpty() ? "(node without a build label)" : build) + " (node "
                            + node.name() + "): its pods there will fail with \"no match for platform in manifest\"; "
                            + "fix the image's platforms in " + ImageCatalog.FILE + " or use a tag that has that build");
                }
            }
            if (!images.isEmpty()) {
                targets.add(new Target(node, List.copyOf(images)));
            }
        }
        return new PrePullPlan(List.copyOf(targets), List.copyOf(warnings));
    }

    /** How many image pulls the plan asks for in all. */
    public int pulls() {
        return targets.stream().mapToInt(t -> t.images().size()).sum();
    }

    /** The distinct images over every node. */
    public Set<String> images() {
        var all = new LinkedHashSet<String>();
        targets.forEach(t -> all.addAll(t.images()));
        return all;
    }
}
