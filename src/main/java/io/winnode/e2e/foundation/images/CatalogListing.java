package io.winnode.e2e.foundation.images;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.yaml.YamlFiles;

import java.util.List;

/**
 * What the image contract reads of {@code images/catalog.yaml}: each image's logical name (which
 * names its contract file), its repository and its platforms (which the contract must agree with).
 * Registries, tags and sources belong to the suite's catalog reader, which checks them strictly;
 * here they are skipped.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogListing(List<Entry> images) {

    public static final String FILE = "images/catalog.yaml";

    /** One image of the catalog, as far as the contract is concerned. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(String name, String repository, List<String> platforms) {

        public List<ImagePlatform> parsedPlatforms() {
            return platforms == null ? List.of() : platforms.stream().map(ImagePlatform::parse).toList();
        }
    }

    /** The project's catalog, in the order it lists its images. */
    public static List<Entry> read() {
        CatalogListing catalog = YamlFiles.readProjectFile(FILE, CatalogListing.class);
        if (catalog.images() == null || catalog.images().isEmpty()) {
            throw new InvalidInputException(FILE + " lists no images; list each image the suite deploys under 'images:'.");
        }
        for (Entry entry : catalog.images()) {
            if (entry.name() == null || entry.name().isBlank()) {
                throw new InvalidInputException(FILE + ": an image has no 'name'; give each image its logical name.");
            }
        }
        return catalog.images();
    }
}
