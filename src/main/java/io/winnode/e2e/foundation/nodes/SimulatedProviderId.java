package io.winnode.e2e.foundation.nodes;

/**
 * The provider id ({@code spec.providerID}) by which a node of the embedded simulated cluster says
 * it is simulated: {@code winnode-simulated://NAME}, as a kubelet's {@code --provider-id} names its
 * cloud and kind's nodes say {@code kind://}. The simulator writes it; the suite's cluster connection
 * reads it, so that a run reaching the embedded cluster through a kubeconfig still knows it is not
 * a real one. Scenarios never read it (the architecture rules forbid it).
 */
public final class SimulatedProviderId {

    /**
     * Read only through the methods below: javac would copy a public constant into its readers'
     * bytecode, where the architecture rules could not see that a scenario reads it.
     */
    private static final String SCHEME = "winnode-simulated://";

    private SimulatedProviderId() {
    }

    /** The provider id of the simulated node {@code nodeName}. */
    public static String of(String nodeName) {
        return SCHEME + nodeName;
    }

    /** Whether a node's provider id (null when it has none) marks it as a simulated node. */
    public static boolean marks(String providerId) {
        return providerId != null && providerId.startsWith(SCHEME);
    }
}
