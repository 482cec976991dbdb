package io.winnode.e2e.simulator.topology;

import java.util.List;

/** The shape of a topology YAML: the nodes the simulated cluster registers. */
public record TopologyFile(List<TopologyNode> nodes) {
}
