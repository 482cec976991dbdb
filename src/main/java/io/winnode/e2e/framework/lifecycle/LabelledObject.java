package io.winnode.e2e.framework.lifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * An object in the cluster that carries a winnode run's label, as the sweeper sees it: enough to
 * decide whether it is a leftover and to say so on one line.
 *
 * @param namespace   null for cluster-scoped objects (namespaces)
 * @param terminating the API server already has a deletion timestamp for it: it is going by itself
 * @param kept        kept on purpose by {@code --keep-on-failure} ({@link #KEPT_ANNOTATION})
 */
public record LabelledObject(String kind, String namespace, String name, String runId, Instant created,
                             boolean terminating, boolean kept) {

    /**
     * Set on a namespace that {@code --keep-on-failure} kept for a look after the run: a later run's
     * sweep leaves it alone, {@code ./winnode clean} removes it.
     */
    public static final String KEPT_ANNOTATION = "winnode.io/kept-on-failure";

    public static LabelledObject of(HasMetadata object) {
        var metadata = object.getMetadata();
        Map<String, String> annotations = metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
        return new LabelledObject(object.getKind(), metadata.getNamespace(), metadata.getName(),
                metadata.getLabels().get(Ownership.RUN_ID), Instant.parse(metadata.getCreationTimestamp()),
                metadata.getDeletionTimestamp() != null, annotations.containsKey(KEPT_ANNOTATION));
    }

    public Duration age(Instant now) {
        return Duration.between(created, now);
    }

    /** {@code Namespace wn-foo-1a2b} or {@code Pod wn-foo-1a2b/web}. */
    public String describe() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
