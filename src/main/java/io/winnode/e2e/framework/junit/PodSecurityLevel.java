package io.winnode.e2e.framework.junit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Pod Security Standard a scenario class's namespace enforces (pod-security-standards.md,
 * pod-security-admission.md). Clusters may set a cluster-wide default level; a class whose pods
 * need host access (hostNetwork, HostProcess: forbidden from baseline up) asks for
 * {@link #PRIVILEGED}, as upstream's Windows e2e tests do with
 * {@code f.NamespacePodSecurityLevel = admissionapi.LevelPrivileged}.
 */
public enum PodSecurityLevel {

    /** No label: the cluster's default level applies. */
    CLUSTER_DEFAULT(null),
    PRIVILEGED("privileged"),
    BASELINE("baseline"),
    RESTRICTED("restricted");

    static final String LABEL_PREFIX = "pod-security.kubernetes.io/";

    private final String level;

    PodSecurityLevel(String level) {
        this.level = level;
    }

    /**
     * The namespace labels that set this level: {@code enforce}, and {@code warn} and {@code audit}
     * too, so that a stricter cluster default neither rejects the class's pods nor floods the run
     * with warnings about them.
     */
    public Map<String, String> namespaceLabels() {
        if (level == null) {
            return Map.of();
        }
        var labels = new LinkedHashMap<String, String>();
        for (String mode : new String[]{"enforce", "warn", "audit"}) {
            labels.put(LABEL_PREFIX + mode, level);
        }
        return labels;
    }
}
