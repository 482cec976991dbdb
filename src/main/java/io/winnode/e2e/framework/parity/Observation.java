package io.winnode.e2e.framework.parity;

import io.winnode.e2e.framework.placement.Side;

/**
 * What one side showed for one behaviour.
 *
 * @param node     the node the workload under test ran on, or empty when it never ran
 * @param observed the outcome seen; for an unavailable side, why it could not run
 * @param expected the outcome the expectations declare for this side
 * @param measurement what the scenario measured on the way (a duration, a count), shown beside the
 *                    outcome in the matrix but never compared with the expectation; empty if none
 */
public record Observation(String behaviourId, Side side, String node, String observed, String expected,
                          boolean available, String measurement) {

    public Observation(String behaviourId, Side side, String node, String observed, String expected, boolean available) {
        this(behaviourId, side, node, observed, expected, available, "");
    }

    /** The outcome as reports show it: the observed outcome, then the measurement in parentheses. */
    public String shown() {
        String outcome = available ? observed : "unavailable: " + observed;
        return measurement == null || measurement.isEmpty() ? outcome : outcome + " (" + measurement + ")";
    }

    public boolean matches() {
        return available && observed.equals(expected);
    }
}
