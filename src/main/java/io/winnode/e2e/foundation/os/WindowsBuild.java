package io.winnode.e2e.foundation.os;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Windows Server build, identified on a node by the {@code node.kubernetes.io/windows-build}
 * label ({@code Major.Minor.Build}, set by the kubelet: Kubernetes docs "Well-Known Labels,
 * Annotations and Taints", node.kubernetes.io/windows-build). Process isolation needs the container
 * image's build to match the host's, so scenarios pin a build and images carry one variant per build.
 *
 * <p>A value, not a closed list: the three LTSC releases the suite's images are built for keep their
 * short names ({@code ltsc2022}); any other build a node reports (Windows Server 23H2 is
 * {@code 10.0.25398}, used by AKS) is a build of its own, named by its number, so that a cluster of
 * such nodes gets a side of its own instead of none.
 */
public final class WindowsBuild implements Comparable<WindowsBuild> {

    public static final String LABEL = "node.kubernetes.io/windows-build";

    public static final WindowsBuild LTSC2019 = new WindowsBuild("ltsc2019", "10.0.17763", "Windows Server 2019");
    public static final WindowsBuild LTSC2022 = new WindowsBuild("ltsc2022", "10.0.20348", "Windows Server 2022");
    public static final WindowsBuild LTSC2025 = new WindowsBuild("ltsc2025", "10.0.26100", "Windows Server 2025");

    private static final List<WindowsBuild> KNOWN = List.of(LTSC2019, LTSC2022, LTSC2025);
    /** {@code Major.Minor.Build}, optionally followed by a revision ({@code 10.0.20348.2227}). */
    private static final Pattern BUILD_NUMBER = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:\\.\\d+)?");

    private final String shortName;
    private final String buildNumber;
    private final String productName;

    private WindowsBuild(String shortName, String buildNumber, String productName) {
        this.shortName = shortName;
        this.buildNumber = buildNumber;
        this.productName = productName;
    }

    /** The LTSC builds the suite's images carry a variant for, oldest first. */
    public static List<WindowsBuild> known() {
        return KNOWN;
    }

    /** Whether this is one of the {@link #known()} LTSC builds (an unknown one is named by its number). */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    /** The name used in image tags, side names and reports: {@code ltsc2022}, or {@code 10.0.25398}. */
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

    /** The third component of the build number ({@code 20348}), for comparisons such as "Windows Server 2022 or later". */
    public int buildOrdinal() {
        Matcher m = BUILD_NUMBER.matcher(buildNumber);
        if (!m.matches()) {
            throw new IllegalStateException("not a build number: " + buildNumber);
        }
        return Integer.parseInt(m.group(3));
    }

    /**
     * Maps a label value (which may carry a revision, {@code 10.0.20348.2227}) to its build: a known
     * LTSC build, or one named by its {@code Major.Minor.Build}. Empty when the label is absent or
     * not a build number (then the node has no build the suite can select it by).
     */
    public static Optional<WindowsBuild> fromLabel(String labelValue) {
        if (labelValue == null) {
            return Optional.empty();
        }
        Matcher m = BUILD_NUMBER.matcher(labelValue.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String number = m.group(1) + "." + m.group(2) + "." + m.group(3);
        return Optional.of(KNOWN.stream().filter(b -> b.buildNumber.equals(number)).findFirst()
                .orElseGet(() -> new WindowsBuild(number, number, "Windows build " + number)));
    }

    /** A known build by its short name ({@code ltsc2022}, any case). */
    public static Optional<WindowsBuild> fromShortName(String name) {
        return KNOWN.stream().filter(b -> b.shortName.equalsIgnoreCase(name)).findFirst();
    }

    /**
     * A build as users name it in suites, fault selectors and reports: a known short name, or a build
     * number ({@code 10.0.25398}) for any other build.
     */
    public static Optional<WindowsBuild> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return fromShortName(name.strip()).or(() -> fromLabel(name.strip().toLowerCase(Locale.ROOT)));
    }

    /** Oldest build first, by build number. */
    @Override
    public int compareTo(WindowsBuild other) {
        return Integer.compare(buildOrdinal(), other.buildOrdinal()) != 0
                ? Integer.compare(buildOrdinal(), other.buildOrdinal()) : buildNumber.compareTo(other.buildNumber);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WindowsBuild other && buildNumber.equals(other.buildNumber);
    }

    @Override
    public int hashCode() {
        return Objects.hash(buildNumber);
    }

    @Override
    public String toString() {
        return shortName;
    }
}
