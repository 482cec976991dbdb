package io.winnode.e2e.framework.cluster;

/**
 * What kind of cluster a run talks to. Every output of a run names it, so that a pass on the
 * embedded simulated cluster, or on a throwaway K3s cluster, can never be mistaken for a pass on
 * a real mixed cluster.
 */
public enum ClusterKind {
    /** The embedded simulated mixed cluster: proves the suite, never a cluster. */
    SIMULATED("simulated"),
    /**
     * A throwaway K3s cluster in Docker for local development: real Kubernetes, but Linux nodes
     * only, so it exercises the Linux half of the scenarios and says nothing about Windows nodes.
     */
    K3S("k3s"),
    /** A cluster reached through a kubeconfig or in-cluster configuration. */
    REAL("real");

    private final String label;

    ClusterKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The kind a label names; anything unknown is {@link #REAL}, as a target without a kind is. */
    public static ClusterKind fromLabel(String label) {
        for (ClusterKind kind : values()) {
            if (kind.label.equalsIgnoreCase(label)) {
                return kind;
            }
        }
        return REAL;
    }
}
