package io.winnode.e2e.runner.results;

/**
 * One fact of a run: what it ran against (cluster, Kubernetes version, Windows builds, nodes) and
 * what it ran (run id, suite, tags, shard, faults). Each has one spelling, {@link #key()}, used by
 * {@code metadata.json} and Allure's environment, and the JUnit property testgrid reads,
 * {@link #junitProperty()}. A run's values are rendered from {@code run.RunFacts}.
 */
public enum RunFact {

    RUN_ID("run.id"),
    CLUSTER_KIND("cluster.kind"),
    /** The JUnit property kept its first spelling, {@code winnode.api.server}: dashboards already read it. */
    API_SERVER("cluster.api.server", "winnode.api.server"),
    KUBERNETES_VERSION("kubernetes.version"),
    /** Comma-separated short names of the Windows builds the cluster's schedulable nodes run, e.g. {@code ltsc2022,ltsc2025}. */
    WINDOWS_BUILDS("windows.builds"),
    LINUX_NODES("nodes.linux"),
    WINDOWS_NODES("nodes.windows"),
    WINDOWS_OS_IMAGES("windows.os.images"),
    LINUX_OS_IMAGES("linux.os.images"),
    CONTAINER_RUNTIMES("container.runtimes"),
    KUBELET_VERSIONS("kubelet.versions"),
    /** {@code --sim-seed}: with it, a simulated run's random choices repeat; absent on other clusters. */
    SIMULATOR_SEED("simulator.seed"),
    SUITE("suite"),
    TAGS("tags"),
    /** {@code I/N} of {@code --shard}; absent when the run was not sharded. */
    SHARD("shard"),
    /** {@code D-22,D-31}, or {@code none}: a faulted run's reports must never read like a clean run's. */
    FAULTS("faults"),
    TIMEOUT_SCALE("timeout.scale"),
    /** {@code --image-registry}; absent when the images' own registries were used. */
    IMAGE_REGISTRY("image.registry"),
    /** Each catalog image as deployed, {@code name=registry/repository:tag}, comma-separated. */
    TEST_IMAGES("test.images");

    /** Every JUnit property of a fact is the fact's key under this prefix (one exception, {@link #API_SERVER}). */
    private static final String JUNIT_PREFIX = "winnode.";

    private final String key;
    private final String junitProperty;

    RunFact(String key) {
        this(key, JUNIT_PREFIX + key);
    }

    RunFact(String key, String junitProperty) {
        this.key = key;
        this.junitProperty = junitProperty;
    }

    /** The fact's name in {@code metadata.json} and in Allure's {@code environment.properties}. */
    public String key() {
        return key;
    }

    /** The fact's name among the JUnit XML's {@code <properties>} (and in the parity matrix files). */
    public String junitProperty() {
        return junitProperty;
    }
}
