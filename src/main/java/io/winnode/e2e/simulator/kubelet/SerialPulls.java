package io.winnode.e2e.simulator.kubelet;

import java.time.Duration;
import java.time.Instant;

/**
 * One node's image pulls, one at a time: the kubelet's {@code serializeImagePulls} defaults to true
 * (KubeletConfiguration; Kubernetes docs "Images", section "Serial and parallel image pulls"), so a
 * pull queued behind another finishes only after it. Several cold Windows images on one node
 * therefore add up, which is why upstream pre-pulls them before its Windows jobs.
 */
final class SerialPulls {

    private Instant busyUntil = Instant.EPOCH;

    /** When a pull requested {@code now} that takes {@code took} once started is done. */
    synchronized Instant done(Instant now, Duration took) {
        Instant start = now.isAfter(busyUntil) ? now : busyUntil;
        busyUntil = start.plus(took);
        return busyUntil;
    }
}
