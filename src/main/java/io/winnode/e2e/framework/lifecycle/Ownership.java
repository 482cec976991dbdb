package io.winnode.e2e.framework.lifecycle;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The labels that mark an object as created by a winnode run. Cleanup deletes only what this
 * run created, and anyone can find a run's leftovers with {@code -l winnode.io/run-id=ID}.
 */
public final class Ownership {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "winnode-e2e";
    public static final String RUN_ID = "winnode.io/run-id";
    public static final String TEST = "winnode.io/test";

    private final String runId;
    private final String test;

    public Ownership(String runId, String test) {
        this.runId = runId;
        this.test = labelValue(test);
    }

    public String runId() {
        return runId;
    }

    public Map<String, String> labels() {
        return Map.of(MANAGED_BY, MANAGED_BY_VALUE, RUN_ID, runId, TEST, test);
    }

    public <T extends HasMetadata> T stamp(T object) {
        var labels = object.getMetadata().getLabels() == null ? new HashMap<String, String>()
                : new HashMap<>(object.getMetadata().getLabels());
        labels.putAll(labels());
        object.getMetadata().setLabels(labels);
        return object;
    }

    /** Label values: at most 63 characters of [A-Za-z0-9._-], starting and ending alphanumeric. */
    static String labelValue(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]", "-");
        cleaned = cleaned.length() > 63 ? cleaned.substring(0, 63) : cleaned;
        return cleaned.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    /** A DNS-1123 label built from free text, for object names. */
    public static String dnsLabel(String text, int maxLength) {
        String cleaned = text.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-");
        cleaned = cleaned.length() > maxLength ? cleaned.substring(0, maxLength) : cleaned;
        return cleaned.replaceAll("^-+|-+$", "");
    }
}
