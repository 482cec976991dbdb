package io.winnode.e2e.framework.images;

import io.winnode.e2e.foundation.images.ImagePlatform;

import java.util.List;

/** One image of {@code images/catalog.yaml}: where it lives and which platforms its manifest list carries. */
public record CatalogImage(String name, String registry, String repository, String tag, List<String> platforms,
                           String source) {

    public List<ImagePlatform> parsedPlatforms() {
        return platforms == null ? List.of() : platforms.stream().map(ImagePlatform::parse).toList();
    }

    /** The full reference with the given registry: {@code REGISTRY/REPOSITORY:TAG}. */
    public String reference(String withRegistry) {
        return withRegistry + "/" + repository + ":" + tag;
    }

    /** {@code REPOSITORY:TAG}, the part that stays the same on a mirror. */
    public String repositoryAndTag() {
        return repository + ":" + tag;
    }
}
