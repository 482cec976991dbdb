package io.winnode.e2e.simulator.faults;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Map;

/** A pod as selectors see it: namespace and labels. */
public record PodFacts(String namespace, Map<String, String> labels) {

    public static PodFacts of(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return new PodFacts(pod.getMetadata().getNamespace(), labels == null ? Map.of() : Map.copyOf(labels));
    }
}
