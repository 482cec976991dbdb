package io.winnode.e2e.runner.cluster;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Which cluster a command talks to: a real one through a kubeconfig, the embedded simulator, or a
 * throwaway K3s cluster in Docker.
 */
public final class ClusterOptions {

    /** The ways to get a cluster. */
    public enum Source { SIMULATED, KUBECONFIG, K3S }

    @Option(names = "--cluster", paramLabel = "simulated|kubeconfig|k3s", defaultValue = "kubeconfig",
            description = "simulated: start the embedded simulated mixed cluster (proves the suite, not a cluster). "
                    + "kubeconfig: a real cluster from --kubeconfig, else KUBECONFIG / ~/.kube/config / in-cluster. "
                    + "k3s: start a throwaway K3s cluster in Docker (local development; Linux nodes only) "
                    + "(default: ${DEFAULT-VALUE}).")
    public Source source;

    @Option(names = "--kubeconfig", paramLabel = "PATH",
            description = "Kubeconfig of the cluster under test (default: fabric8 auto-configuration, which honours KUBECONFIG).")
    public Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context to use (default: the current context).")
    public String context;

    @Option(names = "--sim-latency", paramLabel = "fast|realistic", defaultValue = "fast",
            description = "Simulated cluster: how slow pulls, starts and back-offs are (default: ${DEFAULT-VALUE}).")
    String simLatency;

    @Option(names = "--sim-topology", paramLabel = "NAME|FILE",
            description = "Simulated cluster: a built-in topology (default, ws2019-ws2022, capz; see README "
                    + "'Simulated topologies') or a topology YAML file (default: default, the built-in mixed cluster).")
    String simTopology;

    @Option(names = "--sim-seed", paramLabel = "N", defaultValue = "1",
            description = "Simulated cluster: seed of every random choice, for reproducible runs (default: ${DEFAULT-VALUE}).")
    long simSeed;

    /**
     * Hidden: the simulated cluster's nodes join the control plane another process runs from this
     * directory instead of starting one ({@code faults verify} gives each of its workers one).
     */
    @Option(names = "--sim-control-plane", paramLabel = "DIR", hidden = true)
    Path simControlPlane;

    public boolean simulated() {
        return source == Source.SIMULATED;
    }

    boolean k3s() {
        return source == Source.K3S;
    }
}
