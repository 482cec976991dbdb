package io.winnode.e2e.framework.images;

import io.winnode.e2e.foundation.images.CatalogListing;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.foundation.yaml.YamlFiles;

import java.util.List;
import java.util.Optional;

/**
 * The images the suite may deploy ({@code images/catalog.yaml}), with the registry override for
 * mirrors applied. Scenarios and manifests name images by logical name only.
 */
public final class ImageCatalog {

    public static final String FILE = CatalogListing.FILE;

    /** The shape of {@code images/catalog.yaml}. */
    public record CatalogFile(List<CatalogImage> images) {
    }

    private final List<CatalogImage> images;
    private final String registryOverride;

    public ImageCatalog(List<CatalogImage> images, String registryOverride) {
        this.images = List.copyOf(images);
        this.registryOverride = registryOverride == null || registryOverride.isBlank() ? null : registryOverride;
    }

    /** Loads the project's catalog; {@code registryOverride} may be null. */
    public static ImageCatalog load(String registryOverride) {
        CatalogFile file = YamlFiles.readProjectFile(FILE, CatalogFile.class);
        if (file.images() == null || file.images().isEmpty()) {
            throw new InvalidInputException(FILE + " lists no images.");
        }
        return new ImageCatalog(file.images(), registryOverride);
    }

    public List<CatalogImage> images() {
        return images;
    }

    public CatalogImage image(String logicalName) {
        return images.stream().filter(i -> i.name().equals(logicalName)).findFirst()
                .orElseThrow(() -> new InvalidInputException("Unknown image '" + logicalName + "'. Known images: "
                        + images.stream().map(CatalogImage::name).toList() + " (see " + FILE + ")."));
    }

    /** The reference to put into a pod spec, with the mirror registry when one is configured. */
    public String reference(String logicalName) {
        CatalogImage image = image(logicalName);
        return image.reference(registryOverride != null ? registryOverride : image.registry());
    }

    /** Whether the image's manifest list has an entry a node of this OS (and Windows build) can run. */
    public boolean supports(String logicalName, OsFamily os, Optional<WindowsBuild> build) {
        return supports(logicalName, os, build.map(WindowsBuild::buildNumber).orElse(null));
    }

    /**
     * Like {@link #supports(String, OsFamily, Optional)} for a build given by its label value
     * ({@code 10.0.25398}), known to the suite or not; any architecture.
     */
    public boolean supports(String logicalName, OsFamily os, String windowsBuild) {
        if (os == OsFamily.WINDOWS && windowsBuild == null) {
            return false;
        }
        return image(logicalName).parsedPlatforms().stream().anyMatch(p -> p.runsOn(os.label(), null, windowsBuild));
    }
}
