package io.winnode.e2e.framework.workloads;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Tells a pod that is still starting from one that is stuck, so a wait can stop with the reason
 * instead of running out its (minutes long, on Windows) timeout. Stuck means: a container waits
 * for a reason the kubelet does not recover from by itself, or the kubelet has reported the same
 * sandbox or mount failure repeatedly (it retries with back-off; three failures in a row is a
 * pattern, not a hiccup).
 *
 * <p>An image pull failure is stuck only when it is containerd's platform mismatch ({@link PullErrors}):
 * a registry timeout or 429 is retried by the kubelet and waited through until the pod-start budget.
 *
 * <p>Repeated failures are counted over every Event of the same reason for the pod, not one Event's
 * {@code count}: a real FailedCreatePodSandBox message names the sandbox of that attempt (a new
 * 64-hex id each time), so each retry is a new Event with count 1; client-go's correlator folds
 * similar events into one only after {@code defaultAggregateMaxEvents = 10} of them within 10 minutes
 * (client-go tools/record/events_cache.go).
 */
public final class PodTrouble {

    /** Container waiting reasons that need a change to the pod or the node to clear. */
    static final Set<String> STUCK_WAITING_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerError", "CreateContainerConfigError", "CrashLoopBackOff", "RunContainerError", "StartError");

    /** Warning events the kubelet repeats while it cannot set a pod up. */
    static final Set<String> REPEATED_SETUP_FAILURES = Set.of("FailedCreatePodSandBox", "FailedMount", "FailedAttachVolume");

    static final int REPEATS = 3;

    private final Function<Pod, List<Event>> eventsOf;

    /** Reads a pod's events from the API server, selected by the involved object's name. */
    public PodTrouble(KubernetesClient client) {
        this(pod -> client.v1().events().inNamespace(pod.getMetadata().getNamespace())
                .withField("involvedObject.name", pod.getMetadata().getName()).list().getItems());
    }

    /** {@code eventsOf} gives the events whose involved object has the pod's namespace and name. */
    public PodTrouble(Function<Pod, List<Event>> eventsOf) {
        this.eventsOf = eventsOf;
    }

    /** Why the pod cannot become Running and Ready without outside help, or empty while it still may. */
    public Optional<String> stuck(Pod pod) {
        if (PodStates.hasFinished(pod)) {
            return Optional.of("the pod finished: " + PodStates.describe(pod));
        }
        Optional<String> waiting = PodStates.waitingReason(pod)
                .filter(reason -> STUCK_WAITING_REASONS.contains(reason.split(":", 2)[0]))
                .filter(reason -> !PullErrors.isTransient(reason));
        if (waiting.isPresent()) {
            return waiting;
        }
        List<Event> failures = eventsOf.apply(pod).stream()
                .filter(e -> "Warning".equals(e.getType()) && REPEATED_SETUP_FAILURES.contains(e.getReason()))
                .filter(e -> sameObject(e, pod))
                .toList();
        Map<String, List<Event>> byReason = failures.stream()
                .collect(Collectors.groupingBy(Event::getReason, LinkedHashMap::new, Collectors.toList()));
        return byReason.values().stream()
                .filter(similar -> times(similar) >= REPEATS)
                .map(PodTrouble::describe)
                .findFirst();
    }

    /** A deleted and recreated pod of the same name has a new uid: its predecessor's events do not count. */
    private static boolean sameObject(Event event, Pod pod) {
        String uid = pod.getMetadata().getUid();
        return uid == null || event.getInvolvedObject() == null || event.getInvolvedObject().getUid() == null
                || uid.equals(event.getInvolvedObject().getUid());
    }

    private static int times(List<Event> similar) {
        return similar.stream().mapToInt(e -> e.getCount() == null ? 1 : e.getCount()).sum();
    }

    /** The reason, how often it was reported, and the latest message. */
    private static String describe(List<Event> similar) {
        Event latest = similar.stream().max(Comparator.comparing(PodTrouble::when)).orElseThrow();
        return latest.getReason() + " (" + times(similar) + " times): " + latest.getMessage();
    }

    private static String when(Event event) {
        String last = event.getLastTimestamp() != null ? event.getLastTimestamp() : event.getEventTime() == null ? null
                : event.getEventTime().getTime();
        return last == null ? "" : last;
    }
}
