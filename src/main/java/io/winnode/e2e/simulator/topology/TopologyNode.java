package io.winnode.e2e.simulator.topology;

import java.util.List;
import java.util.Map;

/**
 * One node of a topology file. {@code os} is {@code linux} or {@code windows}; Windows nodes name
 * their {@code windowsBuild} ({@code 10.0.20348}), which becomes the
 * {@code node.kubernetes.io/windows-build} label (parity SCH-02). {@code capacity} and
 * {@code allocatable} hold {@code cpu}, {@code memory} and {@code pods}; allocatable defaults to capacity.
 * {@code computerName} (optional) is the host's own name when it differs from the node name, as on
 * EKS, where Windows nodes register as {@code ip-10-0-1-5.ec2.internal} while the computer is
 * {@code EC2AMAZ-...} (terraform-aws-eks#717); processes on the host see that name.
 */
public record TopologyNode(String name, String os, String arch, String windowsBuild, String osImage,
                           String kernelVersion, String containerRuntimeVersion, String internalIP,
                           Map<String, String> capacity, Map<String, String> allocatable,
                           Map<String, String> labels, List<TopologyTaint> taints, Boolean unschedulable,
                           String computerName) {

    /** The name the host itself reports (hostname, %COMPUTERNAME%): its computer name, else the node name. */
    public String hostName() {
        return computerName == null || computerName.isBlank() ? name : computerName;
    }
}
