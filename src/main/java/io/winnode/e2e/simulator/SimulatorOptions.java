package io.winnode.e2e.simulator;

import io.winnode.e2e.framework.config.InvalidInputException;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How to start a {@link SimulatedCluster}.
 *
 * @param topologyFile      a topology YAML (see {@code simulator/topology-default.yaml}); null = the built-in default
 * @param latency           how slow image pulls, starts and back-offs are
 * @param seed              seeds every random choice (scheduling tie-breaks, load balancing, latency jitter)
 * @param kubernetesVersion the version the API server and kubelets report, e.g. {@code 1.34.1}
 */
public record SimulatorOptions(Path topologyFile, LatencyProfile latency, long seed, String kubernetesVersion,
                               List<Path> faultFiles) {

    public SimulatorOptions {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
        faultFiles = faultFiles == null ? List.of() : List.copyOf(faultFiles);
        if (!kubernetesVersion.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new InvalidInputException("Kubernetes version '" + kubernetesVersion
                    + "' should be MAJOR.MINOR.PATCH, e.g. 1.34.1.");
        }
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(null, LatencyProfile.FAST, 1L, "1.34.1", List.of());
    }

    public SimulatorOptions withTopologyFile(Path file) {
        return new SimulatorOptions(file, latency, seed, kubernetesVersion, faultFiles);
    }

    public SimulatorOptions withLatency(LatencyProfile profile) {
        return new SimulatorOptions(topologyFile, profile, seed, kubernetesVersion, faultFiles);
    }

    /** The seed of every random choice and timing jitter of the simulated cluster. */
    public SimulatorOptions withSeed(long newSeed) {
        return new SimulatorOptions(topologyFile, latency, newSeed, kubernetesVersion, faultFiles);
    }

    /** Fault files (see {@code faults/README.md}) the simulated cluster applies. */
    public SimulatorOptions withFaultFiles(List<Path> files) {
        return new SimulatorOptions(topologyFile, latency, seed, kubernetesVersion, files);
    }

    /** {@code v1.34.1}, as {@code /version} and {@code nodeInfo.kubeletVersion} spell it. */
    public String gitVersion() {
        return "v" + kubernetesVersion;
    }

    public String major() {
        return kubernetesVersion.split("\\.")[0];
    }

    public String minor() {
        return kubernetesVersion.split("\\.")[1];
    }
}
