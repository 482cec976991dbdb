package io.winnode.e2e.framework.placement;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;

import java.util.Optional;

/**
 * The side of a parity comparison a test invocation runs on: Linux, or Windows pinned to one
 * build (any build a schedulable node reports, known or not). Every parity scenario runs once per
 * side present in the cluster.
 */
public record Side(OsFamily os, Optional<WindowsBuild> build) {

    public static Side linux() {
        return new Side(OsFamily.LINUX, Optional.empty());
    }

    public static Side windows(WindowsBuild build) {
        return new Side(OsFamily.WINDOWS, Optional.of(build));
    }

    /** Windows with no known build: stands for the Windows side of a cluster that has none. */
    public static Side anyWindows() {
        return new Side(OsFamily.WINDOWS, Optional.empty());
    }

    /**
     * A name fit for Kubernetes object names, Service names included (DNS-1035 labels: no dots):
     * {@code linux}, {@code windows-ltsc2022}, {@code windows-10-0-25398}.
     */
    public String slug() {
        return label().replace(' ', '-').replace('.', '-');
    }

    public boolean isWindows() {
        return os == OsFamily.WINDOWS;
    }

    /**
     * {@code linux}, {@code windows ltsc2022} or, for a build the suite has no short name for,
     * {@code windows 10.0.25398}: used in test names, so it must stay stable.
     */
    public String label() {
        return build.map(b -> "windows " + b.shortName()).orElse(os.label());
    }

    /** The side a {@link #label()} names ({@code linux}, {@code windows}, {@code windows ltsc2019}), or empty. */
    public static Optional<Side> fromLabel(String label) {
        String[] parts = label.strip().split(" ", 2);
        OsFamily os = OsFamily.fromLabel(parts[0]);
        if (os == null) {
            return Optional.empty();
        }
        if (parts.length == 1) {
            return Optional.of(new Side(os, Optional.empty()));
        }
        return os == OsFamily.WINDOWS ? WindowsBuild.fromName(parts[1]).map(Side::windows) : Optional.empty();
    }

    @Override
    public String toString() {
        return label();
    }
}
