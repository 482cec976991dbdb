package io.winnode.e2e.foundation.archfixture;

import io.winnode.e2e.framework.cluster.ClusterKind;

/**
 * A fixture for {@code RoomsCatchInlineNamesTest}, never used: a foundation class that imports
 * the framework, the door the simulator and the suite would then both walk through.
 */
public final class ImportedFrameworkName {

    private ImportedFrameworkName() {
    }

    public static Object theSuitesWordForARealCluster() {
        return ClusterKind.REAL;
    }
}
