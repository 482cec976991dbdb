package io.winnode.e2e.simulator.faults;

import java.time.Duration;
import java.util.List;

import io.winnode.e2e.simulator.controlplane.ApiServerWeather;
import io.winnode.e2e.simulator.faults.Mechanisms.ApiServerFault;

/** The API-server weather the {@code apiServer} entries of a run's fault files add up to. */
public final class ApiServerWeathers {

    private ApiServerWeathers() {
    }

    /** {@link ApiServerWeather#CLEAR} when no file has an {@code apiServer} entry; a later entry of a kind replaces an earlier. */
    public static ApiServerWeather of(List<FaultFile> files) {
        ApiServerWeather weather = ApiServerWeather.CLEAR;
        for (FaultFile file : files) {
            for (Fault fault : file.faults()) {
                if (fault.apiServer() != null) {
                    weather = add(weather, fault.apiServer());
                }
            }
        }
        return weather;
    }

    private static ApiServerWeather add(ApiServerWeather weather, ApiServerFault f) {
        return switch (f.weather()) {
            case "throttle" -> weather.withThrottle(f.fraction(), f.retryAfterSeconds());
            case "unavailable" -> weather.withUnavailable(f.fraction(), f.retryAfterSeconds());
            case "dropWatches" -> weather.withDroppedWatches(Duration.ofMillis(Math.round(f.afterSeconds() * 1000)));
            case "reset" -> weather.withResets(f.fraction());
            case "delay" -> weather.withDelay(Duration.ofMillis(Math.round(f.delaySeconds() * 1000)), f.fraction());
            default -> throw new IllegalStateException("unreachable: ApiServerFault validates weather " + f.weather());
        };
    }
}
