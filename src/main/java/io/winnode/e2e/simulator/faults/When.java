package io.winnode.e2e.simulator.faults;

import java.util.List;
import java.util.Set;

/**
 * When a fault is active: from {@code afterSeconds} after the cluster started and (if given) once
 * {@code afterEvent} has happened, for {@code forSeconds} (absent = for good). Wall-clock seconds in
 * every latency profile: a fault's timing is part of the defect it models.
 */
public record When(Double afterSeconds, AfterEvent afterEvent, Double forSeconds) {

    static final When ALWAYS = new When(null, null, null);

    public When {
        if (afterSeconds != null && afterSeconds < 0) {
            throw new IllegalArgumentException("when.afterSeconds must be 0 or more");
        }
        if (forSeconds != null && forSeconds <= 0) {
            throw new IllegalArgumentException("when.forSeconds must be more than 0 (omit it for a permanent fault)");
        }
    }

    /** An API event observed the way a controller would (watch), optionally only in these namespaces. */
    public record AfterEvent(String kind, List<String> namespaces) {

        static final Set<String> KINDS = Set.of("serviceCreated", "serviceRecreated", "serviceDeleted", "podDeleted", "podCreated");

        public AfterEvent {
            if (kind == null || !KINDS.contains(kind)) {
                throw new IllegalArgumentException("when.afterEvent.kind '" + kind
                        + "' should be one of serviceCreated, serviceRecreated, serviceDeleted, podDeleted, podCreated");
            }
            namespaces = namespaces == null ? null : List.copyOf(namespaces);
        }
    }
}
