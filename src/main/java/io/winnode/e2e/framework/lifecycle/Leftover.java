package io.winnode.e2e.framework.lifecycle;

import java.time.Duration;
import java.util.Optional;

/**
 * An object an earlier run left behind, with why it counts as left: the age of its run's last
 * heartbeat, or, when that run has no heartbeat any more, the object's own age.
 */
public record Leftover(LabelledObject object, Optional<Duration> heartbeatAge, Duration objectAge) {

    /** {@code heartbeat 3m 10s ago} or {@code no heartbeat; created 5m 2s ago}. */
    public String evidence() {
        return heartbeatAge.map(age -> "heartbeat " + text(age) + " ago")
                .orElseGet(() -> "no heartbeat; created " + text(objectAge) + " ago");
    }

    static String text(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        return seconds >= 60 ? seconds / 60 + "m " + seconds % 60 + "s" : seconds + "s";
    }
}
