package io.winnode.e2e.simulator.kubelet;

import io.winnode.e2e.foundation.input.InvalidInputException;

/**
 * One entry of a manifest list as the simulated registry records it, {@code os/arch[/os.version]},
 * and whether containerd on a given node picks it.
 */
record ManifestPlatform(String os, String arch, String osVersion) {

    /** Windows Server 2022, the first build whose container images newer hosts still run. */
    private static final int WS2022 = 20348;

    static ManifestPlatform parse(String text) {
        String[] parts = text.split("/");
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidInputException(RegistryContents.RESOURCE + ": platform '" + text
                    + "' should be os/arch or os/arch/os.version, e.g. windows/amd64/10.0.20348");
        }
        return new ManifestPlatform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    /**
     * containerd's platform match for a node of this os, arch and (Windows) {@code Major.Minor.Build}.
     * Linux: os and arch. Windows (process isolation): containerd/platforms {@code windowsVersionMatcher}
     * ({@code checkWindowsHostAndContainerCompat}, platform_windows_compat.go, used by containerd 2.x):
     * major and minor must be equal; a host older than Windows Server 2022 needs the exact build; a
     * host of build 20348 or newer runs images from 20348 up to its own build ("stable ABI": a WS2025 or
     * 23H2 {@code 10.0.25398} host runs an ltsc2022 image, never an ltsc2019 one; Microsoft's "Windows
     * container version compatibility" page). An entry without os.version matches any build.
     * Older containerd (the 1.6 line's in-tree platforms package) matched the build prefix exactly,
     * so there a WS2025 host would refuse an ltsc2022-only image; the stable-ABI rule came with the
     * in-tree {@code checkHostAndContainerCompat} and the containerd/platforms module. The simulated
     * nodes report a containerd with that rule; for an older node, {@code crictl pull} on it decides.
     */
    boolean runsOn(String nodeOs, String nodeArch, String windowsBuild) {
        if (!os.equals(nodeOs) || !arch.equals(nodeArch)) {
            return false;
        }
        if (!"windows".equals(nodeOs) || osVersion.isEmpty() || windowsBuild == null) {
            return true;
        }
        int[] host = version(windowsBuild);
        int[] image = version(osVersion);
        if (host == null || image == null || host[0] != image[0] || host[1] != image[1]) {
            return false;
        }
        if (host[2] < WS2022) {
            return host[2] == image[2];
        }
        return image[2] >= WS2022 && image[2] <= host[2];
    }

    /** Major, minor, build of {@code 10.0.20348[.rev]}, or null if it is not of that form. */
    private static int[] version(String text) {
        String[] parts = text.split("\\.");
        if (parts.length < 3) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return os + "/" + arch + (osVersion.isEmpty() ? "" : "/" + osVersion);
    }
}
