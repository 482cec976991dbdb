package io.winnode.e2e.simulator.kubelet;

import java.time.Instant;

/**
 * Which run of a container a log request reads, or why there is none: the kubelet's
 * validateContainerLogStatus ({@code pkg/kubelet/kubelet_pods.go}) applied to the container state
 * this kubelet reports. With {@code previous}: the last terminated run, else 400 "previous terminated
 * container ... not found". Without: the running or terminated run; else, while waiting, the last
 * terminated run if there is one; else "is waiting to start" with the waiting reason (ErrImagePull and
 * ImagePullBackOff get their friendlier wording). Every refusal is a 400 (server.go,
 * getContainerLogs).
 *
 * <p>{@code currentRun}: the output is the container's present run (the one a follow can continue).
 *
 * <p>The runtime keeps a run's output in {@code logs} until the container is restarted, when it moves
 * to {@code previousLogs}. During crash-loop back-off the run that just ended is the kubelet's last
 * termination, and its output is still in {@code logs}.
 */
record LogSelection(String output, Instant writtenAt, boolean currentRun, String refusal) {

    static LogSelection of(PodSandbox sb, ContainerInstance c, boolean previous) {
        String inPod = "container \"" + c.name() + "\" in pod \"" + sb.name + "\"";
        boolean backingOff = c.phase == ContainerInstance.Phase.CRASH_BACKOFF;
        if (previous) {
            if (backingOff && c.containerId != null) {
                return current(c);
            }
            return c.lastContainerId != null ? last(c)
                    : refused("previous terminated " + inPod + " not found");
        }
        return switch (c.phase) {
            case RUNNING -> current(c);
            case EXITED -> c.containerId != null ? current(c)
                    : c.lastContainerId != null ? last(c) : refused(inPod + " is terminated");
            case CRASH_BACKOFF -> c.containerId != null ? current(c) : refused(inPod + " is terminated");
            default -> c.lastContainerId != null ? last(c) : refused(inPod + " is waiting to start: " + waiting(sb, c));
        };
    }

    boolean refused() {
        return refusal != null;
    }

    private static LogSelection current(ContainerInstance c) {
        return new LogSelection(c.logs(false), c.startedAt, true, null);
    }

    private static LogSelection last(ContainerInstance c) {
        return new LogSelection(c.logs(true), c.lastStartedAt, false, null);
    }

    private static LogSelection refused(String why) {
        return new LogSelection(null, null, false, why);
    }

    /** The waiting reason as the container status carries it (see PodStatusComposer), in the kubelet's wording. */
    private static String waiting(PodSandbox sb, ContainerInstance c) {
        return switch (c.phase) {
            case PULL_FAILED -> c.pullError != null && c.pullError.contains("pull policy of Never") ? "ErrImageNeverPull"
                    : "image can't be pulled";
            case PULL_BACKOFF -> "trying and failing to pull image";
            case CREATE_FAILED -> String.valueOf(c.waitingReason);
            default -> !c.init && !sb.initContainers.values().stream().allMatch(ContainerInstance::exitedSuccessfully)
                    ? "PodInitializing" : "ContainerCreating";
        };
    }
}
