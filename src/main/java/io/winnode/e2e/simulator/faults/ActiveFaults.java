package io.winnode.e2e.simulator.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The faults a simulated cluster applies, asked by each layer at the moment it acts: "which active
 * faults of mechanism M select this node (and pod)?". Layers never see a fault file, only the
 * mechanism records of faults that are active now and whose selector matches.
 */
public final class ActiveFaults {

    private static final ActiveFaults NONE = new ActiveFaults(List.of(), Map.of(), Instant.now());

    private final List<Fault> faults;
    private final Map<String, NodeFacts> nodes;
    private final Instant clusterStart;
    private final ClusterEvents events = new ClusterEvents();

    public ActiveFaults(List<FaultFile> files, Map<String, NodeFacts> nodes, Instant clusterStart) {
        this.faults = files.stream().flatMap(f -> f.faults().stream()).toList();
        this.nodes = Map.copyOf(nodes);
        this.clusterStart = clusterStart;
    }

    public static ActiveFaults none() {
        return NONE;
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    public boolean uses(Class<?> mechanism) {
        return faults.stream().anyMatch(f -> mechanism.isInstance(f.mechanism()));
    }

    public ClusterEvents events() {
        return events;
    }

    public NodeFacts node(String name) {
        return nodes.get(name);
    }

    public Map<String, NodeFacts> nodes() {
        return nodes;
    }

    /** Active faults of this mechanism selecting the node (by name) and pod (null = no pod involved). */
    public <T> List<T> matching(Class<T> mechanism, String nodeName, PodFacts pod) {
        if (faults.isEmpty()) {
            return List.of();
        }
        return matching(mechanism, nodeName == null ? null : nodes.get(nodeName), pod, Instant.now());
    }

    <T> List<T> matching(Class<T> mechanism, NodeFacts node, PodFacts pod, Instant now) {
        List<T> result = new ArrayList<>();
        for (Fault f : faults) {
            if (mechanism.isInstance(f.mechanism()) && f.select().matchesNode(node) && f.select().matchesPod(pod)
                    && activeSince(f, now) != null) {
                result.add(mechanism.cast(f.mechanism()));
            }
        }
        return result;
    }

    /** Like {@link #matching} with, for each fault, the instant it became active (for {@code stale} rules). */
    public <T, R> List<R> matchingWithStart(Class<T> mechanism, String nodeName, PodFacts pod, BiFunction<T, Instant, R> combine) {
        List<R> result = new ArrayList<>();
        Instant now = Instant.now();
        NodeFacts node = nodeName == null ? null : nodes.get(nodeName);
        for (Fault f : faults) {
            if (mechanism.isInstance(f.mechanism()) && f.select().matchesNode(node) && f.select().matchesPod(pod)) {
                Instant since = activeSince(f, now);
                if (since != null) {
                    result.add(combine.apply(mechanism.cast(f.mechanism()), since));
                }
            }
        }
        return result;
    }

    /** Since when the fault has been active, or null when it is not active at {@code now}. */
    Instant activeSince(Fault f, Instant now) {
        When w = f.when();
        Instant start = clusterStart.plus(millis(w.afterSeconds()));
        if (w.afterEvent() != null) {
            Instant happened = events.first(w.afterEvent());
            if (happened == null) {
                return null;
            }
            start = happened.isAfter(start) ? happened : start;
        }
        if (now.isBefore(start)) {
            return null;
        }
        if (w.forSeconds() != null && !now.isBefore(start.plus(millis(w.forSeconds())))) {
            return null;
        }
        return start;
    }

    private static Duration millis(Double seconds) {
        return seconds == null ? Duration.ZERO : Duration.ofMillis((long) (seconds * 1000));
    }
}
