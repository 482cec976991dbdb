package io.winnode.e2e.simulator.faults;

import java.util.Map;

/**
 * A node as selectors see it: its name, {@code kubernetes.io/os}, Windows build label and labels
 * as registered. Registration-time labels on purpose: a {@code node} fault that removes a label must
 * not stop matching the node it removed it from.
 */
public record NodeFacts(String name, String os, String windowsBuild, Map<String, String> labels) {
}
