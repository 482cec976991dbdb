package io.winnode.e2e.framework.cluster;

/**
 * What kind of cluster a run talks to. Every output of a run names it, so that a pass on the
 * embedded simulated cluster can never be mistaken for a pass on a real one.
 */
public enum ClusterKind {
    /** The embedded simulated mixed cluster: proves the suite, never a cluster. */
    SIMULATED("simulated"),
    /** A cluster reached through a kubeconfig or in-cluster configuration. */
    REAL("real");

    private final String label;

    ClusterKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static ClusterKind fromLabel(String label) {
        return "simulated".equalsIgnoreCase(label) ? SIMULATED : REAL;
    }
}
