package io.winnode.e2e.framework.prepull;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.winnode.e2e.framework.workloads.PullErrors;

import java.util.Set;

/**
 * Where one image of a pre-pull pod stands, read from its container's status: once the runtime has
 * created the container (running or terminated, whatever the exit), the image is on the node.
 *
 * @param pulled  the image is on the node
 * @param failure containerd's definite error (platform mismatch), or null
 * @param lastError the latest pull error the kubelet is still retrying (a registry timeout, 429), or null
 */
record ImagePullState(boolean pulled, String failure, String lastError) {

    static final ImagePullState WAITING = new ImagePullState(false, null, null);

    /**
     * Waiting reasons the kubelet reaches only after the image is on the node: it pulls first
     * (EnsureImageExists), then builds the container's config and creates and starts it
     * (pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer).
     */
    private static final Set<String> AFTER_THE_PULL = Set.of("CreateContainerConfigError", "CreateContainerError",
            "PreStartHookError", "RunContainerError", "StartError", "CrashLoopBackOff");

    static ImagePullState of(ContainerStatus status) {
        if (status == null || status.getState() == null) {
            return WAITING;
        }
        if (status.getState().getRunning() != null || status.getState().getTerminated() != null
                || (status.getLastState() != null && status.getLastState().getTerminated() != null)) {
            return new ImagePullState(true, null, null);
        }
        var waiting = status.getState().getWaiting();
        if (waiting == null || waiting.getReason() == null) {
            return WAITING;
        }
        if (AFTER_THE_PULL.contains(waiting.getReason())) {
            return new ImagePullState(true, null, null);
        }
        String text = waiting.getReason() + ": " + (waiting.getMessage() == null ? "" : waiting.getMessage());
        if (!PullErrors.isPullFailure(text)) {
            return WAITING;
        }
        return PullErrors.isPlatformMismatch(text) ? new ImagePullState(false, text, null) : new ImagePullState(false, null, text);
    }
}
