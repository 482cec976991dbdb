package io.winnode.e2e.framework.junit;

/**
 * JUnit configuration parameters through which the runner (or an IDE's
 * {@code junit-platform.properties}) tells the scenarios about the run. Cluster selection uses
 * {@link io.winnode.e2e.framework.cluster.ClusterTarget}'s parameters.
 */
public final class RunParameters {

    /** Identifies the run; every namespace and object the run creates carries it as a label. */
    public static final String RUN_ID = "winnode.run.id";
    /** Registry that replaces every image's registry (mirrors, air-gapped clusters). */
    public static final String IMAGE_REGISTRY = "winnode.image.registry";
    /** Multiplies every wait timeout; for slow clusters. */
    public static final String TIMEOUT_SCALE = "winnode.timeout.scale";
    /** "true": a failed test's namespace and objects are kept for a look instead of deleted. */
    public static final String KEEP_ON_FAILURE = "winnode.keep.on.failure";
    /** The run's artifacts directory ($ARTIFACTS): failure evidence goes under its {@code failures/}. */
    public static final String ARTIFACTS = "winnode.artifacts";

    private RunParameters() {
    }
}
