package io.winnode.e2e.framework.workloads;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Optional;
import java.util.Set;

/**
 * Tells a pod that is still starting from one that is stuck, so a wait can stop with the reason
 * instead of running out its (minutes long, on Windows) timeout. Stuck means: a container waits
 * for a reason the kubelet does not recover from by itself, or the kubelet has reported the same
 * sandbox or mount failure repeatedly (it retries with back-off; three failures in a row is a
 * pattern, not a hiccup).
 */
public final class PodTrouble {

    /** Container waiting reasons that need a change to the pod or the node to clear. */
    static final Set<String> STUCK_WAITING_REASONS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerError", "CreateContainerConfigError", "CrashLoopBackOff", "RunContainerError", "StartError");

    /** Warning events the kubelet repeats while it cannot set a pod up. */
    static final Set<String> REPEATED_SETUP_FAILURES = Set.of("FailedCreatePodSandBox", "FailedMount", "FailedAttachVolume");

    static final int REPEATS = 3;

    private final KubernetesClient client;

    public PodTrouble(KubernetesClient client) {
        this.client = client;
    }

    /** Why the pod cannot become Running and Ready without outside help, or empty while it still may. */
    public Optional<String> stuck(Pod pod) {
        if (PodStates.hasFinished(pod)) {
            return Optional.of("the pod finished: " + PodStates.describe(pod));
        }
        Optional<String> waiting = PodStates.waitingReason(pod)
                .filter(reason -> STUCK_WAITING_REASONS.contains(reason.split(":", 2)[0]));
        if (waiting.isPresent()) {
            return waiting;
        }
        return client.v1().events().inNamespace(pod.getMetadata().getNamespace())
                .withField("involvedObject.name", pod.getMetadata().getName()).list().getItems().stream()
                .filter(e -> "Warning".equals(e.getType()) && REPEATED_SETUP_FAILURES.contains(e.getReason()))
                .filter(e -> e.getCount() != null && e.getCount() >= REPEATS)
                .map(PodTrouble::describe)
                .findFirst();
    }

    private static String describe(Event event) {
        return event.getReason() + " (" + event.getCount() + " times): " + event.getMessage();
    }
}
