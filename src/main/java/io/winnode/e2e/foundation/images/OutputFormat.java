package io.winnode.e2e.foundation.images;

import java.util.Map;

/**
 * What a tool of the image prints that the suite parses, per case ({@code results}: case → text),
 * for one OS ({@code linux}, {@code windows} or {@code any}), with its upstream source.
 */
public record OutputFormat(String tool, String os, Map<String, String> results, String source) {
}
