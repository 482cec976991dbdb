package io.winnode.e2e.simulator.controlplane;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the API-server proxy ({@code controlplane api-proxy}, controlplane/apiproxy.go) does to the requests it
 * forwards; each part off when zero. The fault files' {@code apiServer} entries add up to one of these.
 *
 * @param throttleFraction share of requests answered 429 with {@code Retry-After: throttleRetryAfterSeconds}
 * @param unavailableFraction share of requests answered 503 (with {@code Retry-After} unless its seconds are 0)
 * @param dropWatchesAfter how long a watch lasts before the proxy ends it (zero: as long as the API server lets it)
 * @param resetFraction share of connections reset before their request is forwarded
 * @param delay how long a delayed request waits before it is forwarded, for {@code delayFraction} of them
 */
public record ApiServerWeather(double throttleFraction, int throttleRetryAfterSeconds, double unavailableFraction,
        int unavailableRetryAfterSeconds, Duration dropWatchesAfter, double resetFraction, Duration delay,
        double delayFraction) {

    public static final ApiServerWeather CLEAR = new ApiServerWeather(0, 1, 0, 1, Duration.ZERO, 0, Duration.ZERO, 0);

    public ApiServerWeather {
        for (double fraction : new double[] {throttleFraction, unavailableFraction, resetFraction, delayFraction}) {
            if (fraction < 0 || fraction > 1) {
                throw new IllegalArgumentException("A share of requests must be between 0 and 1, not " + fraction);
            }
        }
    }

    public boolean clear() {
        return throttleFraction == 0 && unavailableFraction == 0 && dropWatchesAfter.isZero() && resetFraction == 0
                && delayFraction == 0;
    }

    public ApiServerWeather withThrottle(double fraction, int retryAfterSeconds) {
        return new ApiServerWeather(fraction, retryAfterSeconds, unavailableFraction, unavailableRetryAfterSeconds,
                dropWatchesAfter, resetFraction, delay, delayFraction);
    }

    public ApiServerWeather withUnavailable(double fraction, int retryAfterSeconds) {
        return new ApiServerWeather(throttleFraction, throttleRetryAfterSeconds, fraction, retryAfterSeconds,
                dropWatchesAfter, resetFraction, delay, delayFraction);
    }

    public ApiServerWeather withDroppedWatches(Duration after) {
        return new ApiServerWeather(throttleFraction, throttleRetryAfterSeconds, unavailableFraction,
                unavailableRetryAfterSeconds, after, resetFraction, delay, delayFraction);
    }

    public ApiServerWeather withResets(double fraction) {
        return new ApiServerWeather(throttleFraction, throttleRetryAfterSeconds, unavailableFraction,
                unavailableRetryAfterSeconds, dropWatchesAfter, fraction, delay, delayFraction);
    }

    public ApiServerWeather withDelay(Duration wait, double fraction) {
        return new ApiServerWeather(throttleFraction, throttleRetryAfterSeconds, unavailableFraction,
                unavailableRetryAfterSeconds, dropWatchesAfter, resetFraction, wait, fraction);
    }

    /** E.g. {@code 429 for 3% (Retry-After 1 s), resets for 5%, watches end after 0.5 s}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (throttleFraction > 0) {
            parts.add("429 for " + percent(throttleFraction) + " (Retry-After " + throttleRetryAfterSeconds + " s)");
        }
        if (unavailableFraction > 0) {
            parts.add("503 for " + percent(unavailableFraction)
                    + (unavailableRetryAfterSeconds > 0 ? " (Retry-After " + unavailableRetryAfterSeconds + " s)" : ""));
        }
        if (resetFraction > 0) {
            parts.add("resets for " + percent(resetFraction));
        }
        if (delayFraction > 0) {
            parts.add(delay.toMillis() + " ms late for " + percent(delayFraction));
        }
        if (!dropWatchesAfter.isZero()) {
            parts.add("watches end after " + dropWatchesAfter.toMillis() / 1000.0 + " s");
        }
        return parts.isEmpty() ? "clear" : String.join(", ", parts);
    }

    private static String percent(double fraction) {
        return java.math.BigDecimal.valueOf(fraction * 100).stripTrailingZeros().toPlainString() + "% of requests";
    }

    /** The proxy's command-line flags for this weather. */
    List<String> flags() {
        List<String> flags = new ArrayList<>();
        flags.add("--throttle-fraction=" + throttleFraction);
        flags.add("--throttle-retry-after-seconds=" + throttleRetryAfterSeconds);
        flags.add("--unavailable-fraction=" + unavailableFraction);
        flags.add("--unavailable-retry-after-seconds=" + unavailableRetryAfterSeconds);
        flags.add("--drop-watches-after=" + dropWatchesAfter.toMillis() + "ms");
        flags.add("--reset-fraction=" + resetFraction);
        flags.add("--delay=" + delay.toMillis() + "ms");
        flags.add("--delay-fraction=" + delayFraction);
        return flags;
    }
}
