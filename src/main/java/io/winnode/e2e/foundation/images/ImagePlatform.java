package io.winnode.e2e.foundation.images;

import io.winnode.e2e.foundation.input.InvalidInputException;

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

    /**
     * Whether containerd on a node of this OS, arch and Windows build ({@code 10.0.20348[.rev]}) picks
     * this entry. Windows, process isolation (containerd/platforms platform_windows_compat.go,
     * {@code checkWindowsHostAndContainerCompat}): a host older than Windows Server 2022 needs the exact
     * build; a newer host runs images from 10.0.20348 up to its own build.
     */
    public boolean runsOn(String nodeOs, String nodeArch, String windowsBuild) {
        if (!os.equals(nodeOs) || (nodeArch != null && !arch.equals(nodeArch))) {
            return false;
        }
        if (!"windows".equals(nodeOs) || osVersion.isEmpty()) {
            return true;
        }
        int host = build(windowsBuild);
        int image = build(osVersion);
        if (host < 0 || image < 0) {
            return false;
        }
        return host < WS2022_BUILD ? host == image : image >= WS2022_BUILD && image <= host;
    }

    private static final int WS2022_BUILD = 20348;

    /** The build of {@code 10.0.BUILD[.rev]}, or -1. */
    private static int build(String version) {
        String[] parts = version == null ? new String[0] : version.split("\\.");
        if (parts.length < 3 || !parts[0].equals("10") || !parts[1].equals("0")) {
            return -1;
        }
        try {
            return Integer.parseInt(parts[2]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return os + "/" + arch + (osVersion.isEmpty() ? "" : "/" + osVersion);
    }
}
