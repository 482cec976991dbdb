package io.winnode.e2e.framework.workloads;

/**
 * Tells a definite image-pull failure from one the kubelet may yet get past. containerd reports a
 * manifest list without an entry the node can run as
 * {@code failed to pull and unpack image "...": no match for platform in manifest: not found}
 * (containerd core/images/image.go, {@code errdefs.ErrNotFound} wrapped with that text); that never
 * changes by retrying. Every other pull error (registry timeout, connection reset, 429 Too Many
 * Requests, 5xx, even 401/404 while a mirror is being filled) may clear: the kubelet keeps retrying
 * with back-off (ImagePullBackOff, pkg/kubelet/images/image_manager.go) and upstream e2e waits for the
 * pod-start budget rather than stopping at the first ErrImagePull.
 */
public final class PullErrors {

    /** containerd's platform-mismatch text, the only pull error that is final. */
    public static final String NO_PLATFORM_MATCH = "no match for platform in manifest";

    private PullErrors() {
    }

    /** Whether a waiting reason ("reason: message") is an image pull failure of any kind. */
    public static boolean isPullFailure(String waiting) {
        String reason = waiting.split(":", 2)[0];
        return reason.equals("ErrImagePull") || reason.equals("ImagePullBackOff");
    }

    /** Whether a pull failure's text is containerd's definite "no match for platform in manifest". */
    public static boolean isPlatformMismatch(String waiting) {
        return waiting.contains(NO_PLATFORM_MATCH);
    }

    /** A pull failure that retrying may clear: any pull failure but the platform mismatch. */
    public static boolean isTransient(String waiting) {
        return isPullFailure(waiting) && !isPlatformMismatch(waiting);
    }
}
