package io.winnode.e2e.runner.custody;

import io.winnode.e2e.runner.run.PrePullOptions;
import picocli.CommandLine.ITypeConverter;

import java.time.Duration;

/**
 * A grace period such as {@code 2m}, {@code 90s} or {@code 0s}: {@link PrePullOptions.DurationText}'s form,
 * where zero is allowed (a live run is protected by its heartbeat, not by the grace period).
 */
public final class GracePeriodText implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        if (value.strip().matches("0+[smh]?")) {
            return Duration.ZERO;
        }
        return new PrePullOptions.DurationText().convert(value);
    }
}
