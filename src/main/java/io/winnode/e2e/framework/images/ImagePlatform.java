package io.winnode.e2e.framework.images;

import io.winnode.e2e.framework.config.InvalidInputException;

/**
 * One entry of a manifest list, {@code os/arch[/os.version]} as OCI image indexes record it.
 * {@code osVersion} is empty for Linux entries.
 */
public record ImagePlatform(String os, String arch, String osVersion) {

    public static ImagePlatform parse(String text) {
        String[] parts = text.split("/");
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidInputException("Image platform '" + text + "' should be os/arch or os/arch/os.version, "
                    + "e.g. linux/amd64 or windows/amd64/10.0.20348.");
        }
        return new ImagePlatform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    @Override
    public String toString() {
        return os + "/" + arch + (osVersion.isEmpty() ? "" : "/" + osVersion);
    }
}
