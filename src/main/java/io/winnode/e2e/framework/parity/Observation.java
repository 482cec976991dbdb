package io.winnode.e2e.framework.parity;

import io.winnode.e2e.framework.placement.Side;

/**
 * What one side showed for one behaviour.
 *
 * @param node     the node the workload under test ran on, or empty when it never ran
 * @param observed the outcome seen; for an unavailable side, why it could not run
 * @param expected the outcome the expectations declare for this side
 */
public record Observation(String behaviourId, Side side, String node, String observed, String expected,
                          boolean available) {

    public boolean matches() {
        return available && observed.equals(expected);
    }
}
