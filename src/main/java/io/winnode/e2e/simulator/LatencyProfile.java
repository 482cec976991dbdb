package io.winnode.e2e.simulator;

import io.winnode.e2e.foundation.input.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/**
 * How long the simulated cluster takes for the slow things a real cluster does: image pulls,
 * container starts, back-offs and graceful termination.
 * <ul>
 *   <li>{@link #FAST}: every step within about 100 ms, for developing and testing the suite.</li>
 *   <li>{@link #REALISTIC}: durations in the ranges upstream CI reports (see {@code simulator.kubelet.Latencies}).</li>
 * </ul>
 */
public enum LatencyProfile {
    FAST,
    REALISTIC;

    public static LatencyProfile parse(String s) {
        if (s != null) {
            for (LatencyProfile p : values()) {
                if (p.name().equalsIgnoreCase(s.strip())) {
                    return p;
                }
            }
        }
        throw new InvalidInputException("Unknown latency profile '" + s + "'. Valid values: "
                + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList() + ".");
    }
}
