package io.winnode.e2e.framework.workloads;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a pod's status the way a person reads {@code kubectl describe}: phase, reason, containers. */
public final class PodStates {

    private PodStates() {
    }

    public static boolean isRunningAndReady(Pod pod) {
        return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                && pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    public static boolean hasFinished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Failed".equals(phase) || "Succeeded".equals(phase);
    }

    /** The first container waiting for a reason (ErrImagePull, CrashLoopBackOff, ...), as "reason: message". */
    public static Optional<String> waitingReason(Pod pod) {
        return containerStatuses(pod).stream()
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null
                        && s.getState().getWaiting().getReason() != null
                        && !"ContainerCreating".equals(s.getState().getWaiting().getReason()))
                .map(s -> s.getState().getWaiting().getReason() + ": "
                        + Optional.ofNullable(s.getState().getWaiting().getMessage()).orElse(""))
                .findFirst();
    }

    /**
     * Like {@link #waitingReason}, without a pull failure the kubelet may still get past by retrying
     * (a registry timeout or 429; see {@link PullErrors}): the reason a pod shows once its state is decided.
     */
    public static Optional<String> decisiveWaitingReason(Pod pod) {
        return waitingReason(pod).filter(reason -> !PullErrors.isTransient(reason));
    }

    /** One line: phase, reason, node, and each container's state. */
    public static String describe(Pod pod) {
        var parts = new ArrayList<String>();
        var status = pod.getStatus();
        parts.add("phase=" + (status == null ? "?" : status.getPhase()));
        if (status != null && status.getReason() != null) {
            parts.add("reason=" + status.getReason());
        }
        if (status != null && status.getMessage() != null) {
            parts.add("message='" + status.getMessage() + "'");
        }
        parts.add("node=" + Optional.ofNullable(pod.getSpec().getNodeName()).orElse("(not scheduled)"));
        if (status != null && status.getConditions() != null) {
            status.getConditions().stream()
                    .filter(c -> "PodScheduled".equals(c.getType()) && "False".equals(c.getStatus()))
                    .forEach(c -> parts.add("unschedulable='" + c.getMessage() + "'"));
        }
        for (ContainerStatus c : containerStatuses(pod)) {
            var state = c.getState();
            String text = state == null ? "unknown"
                    : state.getRunning() != null ? "running since " + state.getRunning().getStartedAt()
                    : state.getWaiting() != null ? "waiting " + state.getWaiting().getReason()
                            + (state.getWaiting().getMessage() == null ? "" : " (" + state.getWaiting().getMessage() + ")")
                    : state.getTerminated() != null ? "terminated " + state.getTerminated().getReason()
                            + " exit " + state.getTerminated().getExitCode() : "unknown";
            parts.add("container " + c.getName() + ": " + text + (Boolean.TRUE.equals(c.getReady()) ? ", ready" : ""));
        }
        return String.join(", ", parts);
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of() : pod.getStatus().getContainerStatuses();
    }
}
