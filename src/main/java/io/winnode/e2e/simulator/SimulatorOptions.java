package io.winnode.e2e.simulator;

import io.winnode.e2e.simulator.topology.TopologySource;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to start a {@link SimulatedCluster}.
 *
 * @param topology         a built-in topology or a topology YAML (see {@code simulator/topology-default.yaml})
 * @param latency          how slow image pulls, starts and back-offs are
 * @param seed             seeds every random choice of the simulated nodes (load balancing, latency jitter)
 * @param faultFiles       fault files (see {@code faults/README.md}) the simulated nodes apply
 * @param workingDirectory where the control plane keeps certificates, etcd's data and logs; null = a
 *                         temporary directory removed when the cluster stops
 * @param progress         receives one line per start-up step (the control plane's first build, components ready)
 * @param sharedControlPlane the working directory of a control plane another process runs and
 *                         shares; null = start one of our own. The nodes replace whatever nodes it had.
 */
public record SimulatorOptions(TopologySource topology, LatencyProfile latency, long seed, List<Path> faultFiles,
                               Path workingDirectory, Consumer<String> progress, Path sharedControlPlane) {

    public SimulatorOptions {
        Objects.requireNonNull(latency, "latency");
        topology = topology == null ? TopologySource.DEFAULT : topology;
        faultFiles = faultFiles == null ? List.of() : List.copyOf(faultFiles);
        progress = progress == null ? line -> { } : progress;
    }

    /** The built-in topology, FAST, seed 1, no faults, a temporary directory, start-up lines on stderr. */
    public static SimulatorOptions defaults() {
        return new SimulatorOptions(null, LatencyProfile.FAST, 1L, List.of(), null,
                line -> System.err.println("winnode: " + line), null);
    }

    /** A topology YAML file; null = the default topology. */
    public SimulatorOptions withTopologyFile(Path file) {
        return withTopology(file == null ? null : TopologySource.file(file));
    }

    /** A built-in topology or a file ({@code --sim-topology}); null = the default topology. */
    public SimulatorOptions withTopology(TopologySource source) {
        return new SimulatorOptions(source, latency, seed, faultFiles, workingDirectory, progress, sharedControlPlane);
    }

    public SimulatorOptions withLatency(LatencyProfile profile) {
        return new SimulatorOptions(topology, profile, seed, faultFiles, workingDirectory, progress, sharedControlPlane);
    }

    /** The seed of every random choice and timing jitter of the simulated nodes. */
    public SimulatorOptions withSeed(long newSeed) {
        return new SimulatorOptions(topology, latency, newSeed, faultFiles, workingDirectory, progress, sharedControlPlane);
    }

    /** Fault files (see {@code faults/README.md}) the simulated cluster applies. */
    public SimulatorOptions withFaultFiles(List<Path> files) {
        return new SimulatorOptions(topology, latency, seed, files, workingDirectory, progress, sharedControlPlane);
    }

    /** A directory that outlives the cluster's JVM, for {@code cluster up}; it must be empty or absent. */
    public SimulatorOptions withWorkingDirectory(Path directory) {
        return new SimulatorOptions(topology, latency, seed, faultFiles, directory, progress, sharedControlPlane);
    }

    /** Run on the control plane another process started in {@code directory}, instead of starting one. */
    public SimulatorOptions withSharedControlPlane(Path directory) {
        return new SimulatorOptions(topology, latency, seed, faultFiles, workingDirectory, progress, directory);
    }

    public SimulatorOptions withProgress(Consumer<String> lines) {
        return new SimulatorOptions(topology, latency, seed, faultFiles, workingDirectory, lines, sharedControlPlane);
    }
}
