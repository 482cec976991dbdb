package io.winnode.e2e.simulator.topology;

import java.util.List;
import java.util.Map;

/**
 * One node of a topology file. {@code os} is {@code linux} or {@code windows}; Windows nodes name
 * their {@code windowsBuild} ({@code 10.0.20348}), which becomes the
 * {@code node.kubernetes.io/windows-build} label (parity SCH-02). {@code capacity} and
 * {@code allocatable} hold {@code cpu}, {@code memory} and {@code pods}; allocatable defaults to capacity.
 */
public record TopologyNode(String name, String os, String arch, String windowsBuild, String osImage,
                           String kernelVersion, String containerRuntimeVersion, String internalIP,
                           Map<String, String> capacity, Map<String, String> allocatable,
                           Map<String, String> labels, List<TopologyTaint> taints, Boolean unschedulable) {
}
