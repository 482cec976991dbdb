package io.winnode.e2e.framework.workloads;

import io.fabric8.kubernetes.api.model.Pod;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What became of a batch of pods started together: the pods as last seen, when the suite first
 * saw all of them Running and Ready (empty if it never did), and why a pod could not start if one
 * got stuck.
 */
public record PodBatch(int expected, List<Pod> pods, Optional<Instant> allRunningAt, Optional<String> stuck) {

    public boolean allRunning() {
        return allRunningAt.isPresent();
    }

    public long running() {
        return pods.stream().filter(PodStates::isRunningAndReady).count();
    }

    /** The nodes the batch's pods were bound to, sorted; unscheduled pods add none. */
    public List<String> nodes() {
        var nodes = new TreeSet<String>();
        pods.forEach(p -> Optional.ofNullable(p.getSpec().getNodeName()).ifPresent(nodes::add));
        return List.copyOf(nodes);
    }

    /** One line per pod that does not run: its name and state. */
    public String notRunning() {
        return String.join("; ", pods.stream().filter(p -> !PodStates.isRunningAndReady(p))
                .map(p -> p.getMetadata().getName() + ": " + PodStates.describe(p)).toList());
    }
}
