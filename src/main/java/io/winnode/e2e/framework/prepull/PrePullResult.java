package io.winnode.e2e.framework.prepull;

import java.time.Duration;
import java.util.List;

/**
 * What the pre-pull phase achieved.
 *
 * @param plan     what it set out to do (with the catalog warnings)
 * @param pulled   each image found on its node
 * @param failures each image that is not, with the runtime's message
 * @param took     how long the phase ran
 */
public record PrePullResult(PrePullPlan plan, List<Pull> pulled, List<Failure> failures, Duration took) {

    /** An image that is on a node. */
    public record Pull(String node, String image) {
    }

    /** An image that is not on a node, and why (containerd's or the kubelet's words). */
    public record Failure(String node, String image, String reference, String why) {
    }
}
