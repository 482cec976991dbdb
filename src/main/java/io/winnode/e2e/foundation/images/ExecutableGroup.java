package io.winnode.e2e.foundation.images;

import java.util.List;

/**
 * Executables of one origin in one directory of an image: {@code provider} says which program
 * family they are (busybox applets, BIND tools, agnhost, ...), {@code source} the upstream file
 * that puts them there.
 */
public record ExecutableGroup(String directory, String provider, List<String> names, String source) {
}
