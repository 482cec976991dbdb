package io.winnode.e2e.simulator.topology;

/** A taint a node registers with, as {@code kubelet --register-with-taints} would set it. */
public record TopologyTaint(String key, String value, String effect) {
}
