package io.winnode.e2e.framework.placement;

import io.winnode.e2e.framework.nodes.OsFamily;
import io.winnode.e2e.framework.nodes.WindowsBuild;

import java.util.Optional;

/**
 * The side of a parity comparison a test invocation runs on: Linux, or Windows pinned to one
 * build. Every parity scenario runs once per side present in the cluster.
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

    /** A name fit for Kubernetes object names: {@code linux}, {@code windows-ltsc2022}. */
    public String slug() {
        return label().replace(' ', '-');
    }

    public boolean isWindows() {
        return os == OsFamily.WINDOWS;
    }

    /** {@code linux} or {@code windows ltsc2022}: used in test names, so it must stay stable. */
    public String label() {
        return build.map(b -> "windows " + b.shortName()).orElse(os.label());
    }

    @Override
    public String toString() {
        return label();
    }
}
