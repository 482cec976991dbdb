package io.winnode.e2e.runner.custody;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.runner.run.PrePullOptions;
import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code run}'s options for what the run leaves behind and how it finds what earlier runs left. */
public final class CleanupOptions {

    /** Shorter and a renewal (every quarter of it) would be due more often than a loaded API server answers. */
    private static final Duration SHORTEST_LEASE = Duration.ofSeconds(4);

    @Option(names = "--keep-on-failure",
            description = "Keep a failed test's namespace (and its pods) for a look instead of deleting it; the run prints "
                    + "how to look at it and how to delete it. ./winnode clean removes kept namespaces later.")
    boolean keepOnFailure;

    @Option(names = "--leftover-grace", paramLabel = "DURATION", defaultValue = "2m", converter = GracePeriodText.class,
            description = "Before the first test, remove objects of earlier runs whose heartbeat stopped at least this "
                    + "long ago (default: ${DEFAULT-VALUE}; e.g. 90s, 10m, 0s). A run whose heartbeat is live is never touched.")
    Duration leftoverGrace;

    @Option(names = "--heartbeat-lease", paramLabel = "DURATION", defaultValue = "30s",
            converter = PrePullOptions.DurationText.class,
            description = "How long each renewal of this run's heartbeat Lease holds (renewed every quarter of it; "
                    + "default: ${DEFAULT-VALUE}). Other runs take this run for dead only after it lapsed.")
    Duration heartbeatLease;

    void validate() {
        if (heartbeatLease.compareTo(SHORTEST_LEASE) < 0) {
            throw new InvalidInputException("--heartbeat-lease " + heartbeatLease.toSeconds() + "s is too short: the run "
                    + "renews it every quarter of its length. Use at least " + SHORTEST_LEASE.toSeconds() + "s (default 30s).");
        }
    }
}
