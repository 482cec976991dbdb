package io.winnode.e2e.foundation.images;

import java.util.List;

/**
 * The shape of one {@code images/contract/<logical name>.yaml}: the image's logical name (as in
 * {@code images/catalog.yaml}), its repository (the last path part of its reference, the same on a
 * mirror), one variant per OS and the output formats the suite parses.
 */
public record ImageContractFile(String image, String repository, List<ImageVariant> variants, List<OutputFormat> outputs) {
}
