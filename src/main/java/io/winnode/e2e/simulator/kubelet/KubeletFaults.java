package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.winnode.e2e.simulator.faults.ActiveFaults;
import io.winnode.e2e.simulator.faults.Mechanisms.FailingStepFault;
import io.winnode.e2e.simulator.faults.Mechanisms.IgnoredFieldFault;
import io.winnode.e2e.simulator.faults.Mechanisms.LatencyFault;
import io.winnode.e2e.simulator.faults.Mechanisms.RegistryFault;
import io.winnode.e2e.simulator.faults.PodFacts;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The faults one node's kubelet and runtime suffer (selected by the pod's own node and the pod):
 * fields it ignores, lifecycle steps that fail, extra pull/start time.
 */
final class KubeletFaults {

    private final ActiveFaults faults;
    private final String nodeName;
    // "once" faults fail only the first attempt per pod/container and step; a real kubelet retries.
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
    // Pulls the registry has refused so far, per fault and pod/container, for registry faults with attempts.
    private final Map<String, Integer> refusedPulls = new ConcurrentHashMap<>();

    KubeletFaults(ActiveFaults faults, String nodeName) {
        this.faults = faults;
        this.nodeName = nodeName;
    }

    ActiveFaults all() {
        return faults;
    }

    List<String> ignoredFields(Pod pod) {
        return faults.matching(IgnoredFieldFault.class, nodeName, PodFacts.of(pod)).stream().map(IgnoredFieldFault::path).toList();
    }

    /** The failing-step fault for this attempt, if it must fail; {@code attempt} identifies pod (and container). */
    Optional<FailingStepFault> failing(String step, Pod pod, String attempt) {
        for (FailingStepFault f : faults.matching(FailingStepFault.class, nodeName, PodFacts.of(pod))) {
            if (!f.step().equals(step)) {
                continue;
            }
            if (!f.once() || failedOnce.add(step + "/" + attempt)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The registry error this pull meets, if any: a {@code registry} fault refuses the first
     * {@code attempts} pulls of each pod's container (every pull while active without attempts).
     */
    Optional<String> registryError(Pod pod, String attempt) {
        for (RegistryFault f : faults.matching(RegistryFault.class, nodeName, PodFacts.of(pod))) {
            if (f.attempts() == null) {
                return Optional.of(f.error());
            }
            int refused = refusedPulls.merge(System.identityHashCode(f) + "/" + attempt, 1, Integer::sum);
            if (refused <= f.attempts()) {
                return Optional.of(f.error());
            }
        }
        return Optional.empty();
    }

    Duration extraPull(Pod pod) {
        return faults.matching(LatencyFault.class, nodeName, PodFacts.of(pod)).stream()
                .filter(f -> f.pullSeconds() != null).map(f -> Duration.ofMillis((long) (f.pullSeconds() * 1000)))
                .reduce(Duration.ZERO, Duration::plus);
    }

    Duration extraStart(Pod pod) {
        return faults.matching(LatencyFault.class, nodeName, PodFacts.of(pod)).stream()
                .filter(f -> f.startSeconds() != null).map(f -> Duration.ofMillis((long) (f.startSeconds() * 1000)))
                .reduce(Duration.ZERO, Duration::plus);
    }
}
