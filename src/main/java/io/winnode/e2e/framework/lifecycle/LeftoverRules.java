package io.winnode.e2e.framework.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which run-labelled objects are leftovers, decided from what the cluster says alone, so that it can be
 * proven without a cluster. An object is a leftover only if all of these hold:
 * <ul>
 *   <li>it carries a run label ({@link Ownership#RUN_ID}); unlabelled objects are never looked at;</li>
 *   <li>it is not of the run that sweeps;</li>
 *   <li>its run's heartbeat Lease is not live: a run that renewed within its lease duration is alive, however
 *       short the grace period (so {@code --leftover-grace 0s} is still safe for a concurrent run);</li>
 *   <li>the grace period has passed since that heartbeat's last renewal; or, when the run has no heartbeat, since
 *       the object was created, and at least {@link #WITHOUT_HEARTBEAT} (see there) unless it is kept;</li>
 *   <li>it is not already being deleted, and not kept by {@code --keep-on-failure} unless kept ones are asked
 *       for ({@code ./winnode clean}).</li>
 * </ul>
 */
public final class LeftoverRules {

    /**
     * How old an object of a run without a heartbeat must be, whatever the grace period. A run creates its heartbeat
     * before anything else, so such an object is of a run that has ended (and deleted its heartbeat), was killed in
     * the instant between, or predates heartbeats; but a sweep may also list a starting run's heartbeat namespace in
     * the instant before its Lease exists, and {@code --leftover-grace 0s} must not take that run for dead. A kept
     * namespace needs no such floor: it is marked kept only once its run's heartbeat exists.
     */
    static final Duration WITHOUT_HEARTBEAT = Duration.ofMinutes(2);

    private LeftoverRules() {
    }

    /**
     * @param ownRunId the sweeping run's id, whose objects are never leftovers; null for {@code ./winnode clean}
     */
    public static List<Leftover> select(Collection<LabelledObject> objects, Map<String, Heartbeat> heartbeats,
                                        Instant now, Duration grace, String ownRunId, boolean includeKept) {
        var leftovers = new ArrayList<Leftover>();
        for (LabelledObject object : objects) {
            if (object.runId() == null || object.runId().equals(ownRunId) || object.terminating()
                    || (object.kept() && !includeKept)) {
                continue;
            }
            Optional<Heartbeat> heartbeat = Optional.ofNullable(heartbeats.get(object.runId()));
            if (heartbeat.isPresent() && heartbeat.get().live(now)) {
                continue;
            }
            Duration silence = heartbeat.map(h -> h.age(now)).orElseGet(() -> object.age(now));
            Duration needed = heartbeat.isEmpty() && !object.kept() && grace.compareTo(WITHOUT_HEARTBEAT) < 0
                    ? WITHOUT_HEARTBEAT : grace;
            if (silence.compareTo(needed) >= 0) {
                leftovers.add(new Leftover(object, heartbeat.map(h -> h.age(now)), object.age(now)));
            }
        }
        return leftovers;
    }
}
