package io.winnode.e2e.runner.run;

import io.winnode.e2e.runner.cluster.ClusterFacts;
import io.winnode.e2e.runner.results.RunFact;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of one run: the cluster it ran against ({@link ClusterFacts}, read once at connection)
 * and what it ran. The banner, the JUnit XML's properties, {@code metadata.json} and Allure's
 * environment are all rendered from this one record, each fact under its one spelling
 * ({@link RunFact}).
 *
 * @param shard         {@code I/N} of {@code --shard}, or empty
 * @param faultIds      the injected catalog faults and fault files, empty for a clean run
 * @param imageRegistry {@code --image-registry}, or empty
 * @param testImages    each catalog image as the run deploys it, {@code name=registry/repository:tag} (after
 *                      {@code --image-registry}): which agnhost a result was measured with
 */
public record RunFacts(String runId, ClusterFacts cluster, String suite, String tags, Optional<String> shard,
                       List<String> faultIds, double timeoutScale, Optional<String> imageRegistry, List<String> testImages) {

    public RunFacts {
        faultIds = List.copyOf(faultIds);
        testImages = List.copyOf(testImages);
    }

    /** Every fact that has a value, in {@link RunFact} order; what each output below is made of. */
    public Map<RunFact, String> values() {
        var values = new EnumMap<RunFact, String>(RunFact.class);
        values.put(RunFact.RUN_ID, runId);
        values.put(RunFact.CLUSTER_KIND, cluster.kind().label());
        values.put(RunFact.API_SERVER, cluster.apiServer());
        values.put(RunFact.KUBERNETES_VERSION, cluster.kubernetesVersion());
        values.put(RunFact.WINDOWS_BUILDS, String.join(",", cluster.windowsBuilds()));
        values.put(RunFact.LINUX_NODES, String.valueOf(cluster.linuxNodes()));
        values.put(RunFact.WINDOWS_NODES, String.valueOf(cluster.windowsNodes()));
        values.put(RunFact.WINDOWS_OS_IMAGES, String.join(",", cluster.windowsOsImages()));
        values.put(RunFact.LINUX_OS_IMAGES, String.join(",", cluster.linuxOsImages()));
        values.put(RunFact.CONTAINER_RUNTIMES, String.join(",", cluster.containerRuntimes()));
        values.put(RunFact.KUBELET_VERSIONS, String.join(",", cluster.kubeletVersions()));
        cluster.simulatorSeed().ifPresent(seed -> values.put(RunFact.SIMULATOR_SEED, String.valueOf(seed)));
        values.put(RunFact.SUITE, suite);
        values.put(RunFact.TAGS, tags);
        shard.ifPresent(s -> values.put(RunFact.SHARD, s));
        values.put(RunFact.FAULTS, faults());
        values.put(RunFact.TIMEOUT_SCALE, String.valueOf(timeoutScale));
        imageRegistry.ifPresent(registry -> values.put(RunFact.IMAGE_REGISTRY, registry));
        values.put(RunFact.TEST_IMAGES, String.join(",", testImages));
        return values;
    }

    /** {@code D-22,D-31}, or {@code none}: a faulted run's reports must never read like a clean run's. */
    public String faults() {
        return faultIds.isEmpty() ? "none" : String.join(",", faultIds);
    }

    /** The facts under their {@link RunFact#key()}: {@code metadata.json}'s first entries and Allure's environment. */
    public Map<String, String> byKey() {
        var byKey = new LinkedHashMap<String, String>();
        values().forEach((fact, value) -> byKey.put(fact.key(), value));
        return byKey;
    }

    /** The facts under their {@link RunFact#junitProperty()}: the JUnit XML's properties and the parity matrix's header. */
    public Map<String, String> junitProperties() {
        var properties = new LinkedHashMap<String, String>();
        values().forEach((fact, value) -> properties.put(fact.junitProperty(), value));
        return properties;
    }
}
