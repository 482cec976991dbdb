package io.winnode.e2e.framework.nodes;

import java.util.Arrays;
import java.util.Optional;

/**
 * A Windows Server release, identified on a node by the {@code node.kubernetes.io/windows-build}
 * label ({@code Major.Minor.Build}, set by the kubelet). Process isolation needs the container
 * image's build to match the host's, so scenarios pin a build and images carry one variant per build.
 */
public enum WindowsBuild {
    LTSC2019("ltsc2019", "10.0.17763", "Windows Server 2019"),
    LTSC2022("ltsc2022", "10.0.20348", "Windows Server 2022"),
    LTSC2025("ltsc2025", "10.0.26100", "Windows Server 2025");

    public static final String LABEL = "node.kubernetes.io/windows-build";

    private final String shortName;
    private final String buildNumber;
    private final String productName;

    WindowsBuild(String shortName, String buildNumber, String productName) {
        this.shortName = shortName;
        this.buildNumber = buildNumber;
        this.productName = productName;
    }

    /** The name used in image tags and reports, e.g. {@code ltsc2022}. */
    public String shortName() {
        return shortName;
    }

    /** The value of the {@code node.kubernetes.io/windows-build} label, e.g. {@code 10.0.20348}. */
    public String buildNumber() {
        return buildNumber;
    }

    public String productName() {
        return productName;
    }

    /** Maps a label value (which may carry a revision, {@code 10.0.20348.2227}) to a known build. */
    public static Optional<WindowsBuild> fromLabel(String labelValue) {
        if (labelValue == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(b -> labelValue.equals(b.buildNumber) || labelValue.startsWith(b.buildNumber + "."))
                .findFirst();
    }

    public static Optional<WindowsBuild> fromShortName(String name) {
        return Arrays.stream(values()).filter(b -> b.shortName.equalsIgnoreCase(name)).findFirst();
    }
}
