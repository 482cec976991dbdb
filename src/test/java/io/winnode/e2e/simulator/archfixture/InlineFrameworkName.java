package io.winnode.e2e.simulator.archfixture;

/**
 * A fixture for {@code RoomsCatchInlineNamesTest}, never used: a simulator class that reaches the
 * framework through a fully qualified name written inline, with no import line, as
 * {@code NodeFactory} did until the foundation existed; the former grep let it through.
 */
public final class InlineFrameworkName {

    private InlineFrameworkName() {
    }

    public static Object theSuitesWordForThisCluster() {
        return io.winnode.e2e.framework.cluster.ClusterKind.SIMULATED;
    }
}
