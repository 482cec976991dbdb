package io.winnode.e2e.framework.parity;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How Windows behaves compared with Linux, in the parity table's vocabulary. */
public enum Expectation {
    /** Same observable outcome on both. */
    SAME,
    /** Supported, with a documented Windows result that differs from Linux's. */
    DIFFERENT,
    /** Not available on Windows; the documented failure is the expected Windows outcome. */
    UNSUPPORTED,
    /** No Linux counterpart: only the Windows side runs. */
    WINDOWS_ONLY;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Expectation fromLabel(String label) {
        for (Expectation e : values()) {
            if (e.label().equalsIgnoreCase(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown expectation '" + label + "' (use same, different, unsupported or windows-only)");
    }
}
