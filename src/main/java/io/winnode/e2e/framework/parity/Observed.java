package io.winnode.e2e.framework.parity;

import java.util.Objects;

/**
 * What a scenario saw on its side, as it reports it to {@link ParityCheck}: one of its parity row's
 * named outcomes ({@link #outcome(String)}, whose sentence only {@code parity/expectations.yaml}
 * writes), or, when what it saw is none of them, a description built from the observation
 * ({@link #detail(String)}, e.g. {@code "2 of 3 replicas on the wrong node: ..."}). Exactly one of
 * the two is set.
 *
 * @param key    the key of a named outcome in the row's {@code outcomes}, or null for a detail
 * @param detail the free-text description, or null for a named outcome
 */
public record Observed(String key, String detail) {

    public Observed {
        if ((key == null) == (detail == null)) {
            throw new IllegalArgumentException("an observation is either a named outcome or a detail, not "
                    + (key == null ? "neither" : "both"));
        }
    }

    /** One of the row's outcomes, by its key in {@code parity/expectations.yaml}. */
    public static Observed outcome(String key) {
        return new Observed(Objects.requireNonNull(key, "key"), null);
    }

    /** What the scenario saw when it is none of the row's outcomes, built from the observation. */
    public static Observed detail(String description) {
        return new Observed(null, Objects.requireNonNull(description, "description"));
    }

    /** The sentence reports show: the named outcome's sentence in {@code row}, or the detail. */
    String text(ParityRow row) {
        return key != null ? row.sentence(key) : detail;
    }

    @Override
    public String toString() {
        return key != null ? "outcome '" + key + "'" : detail;
    }
}
