package io.winnode.e2e.foundation.os;

import java.util.Locale;

/** The operating system of a node or workload, as the {@code kubernetes.io/os} label spells it. */
public enum OsFamily {
    LINUX,
    WINDOWS;

    public static final String LABEL = "kubernetes.io/os";

    /** The label value and {@code spec.os.name} value: {@code linux} or {@code windows}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OsFamily fromLabel(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "linux" -> LINUX;
            case "windows" -> WINDOWS;
            default -> null;
        };
    }
}
