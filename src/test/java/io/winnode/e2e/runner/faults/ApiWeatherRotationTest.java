package io.winnode.e2e.runner.faults;

import io.winnode.e2e.runner.cluster.ActiveFault;
import io.winnode.e2e.runner.cluster.FaultCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code faults verify --api-weather}: every weather of {@code faults/weather/} meets a clean run and exactly one
 * faulted run; the other faulted runs run in fair weather.
 */
class ApiWeatherRotationTest {

    @TempDir
    Path work;

    @Test
    void eachWeatherMeetsACleanRunAndExactlyOneFaultedRun() {
        List<ActiveFault> catalog = FaultCatalog.standard().all();
        var runs = new ArrayList<ChildRun>();
        for (long seed = 1; seed <= 4; seed++) {
            runs.add(ChildRun.clean(seed, work));
        }
        catalog.forEach(fault -> runs.add(ChildRun.faulted(fault, 1, work)));

        ApiWeatherRotation rotation = ApiWeatherRotation.over(runs, Path.of(ApiWeatherRotation.FOLDER));

        Map<String, List<String>> cleanRunsByWeather = weatherOf(rotation, runs.stream().filter(ChildRun::isClean).toList());
        Map<String, List<String>> faultedRunsByWeather = weatherOf(rotation, runs.stream().filter(r -> !r.isClean()).toList());
        assertThat(cleanRunsByWeather.keySet())
                .containsExactlyInAnyOrder("dropped-watches", "resets", "slow-responses", "throttle", "unavailable");
        assertThat(faultedRunsByWeather.keySet()).isEqualTo(cleanRunsByWeather.keySet());
        faultedRunsByWeather.forEach((weather, faulted) -> assertThat(faulted).as(weather).hasSize(1));
        assertThat(runs.stream().filter(ChildRun::isClean).map(run -> rotation.arguments(run, List.of())))
                .as("every clean run carries weather").allSatisfy(args -> assertThat(args).contains("--faults"));
    }

    /** Weather name to the labels of the runs among {@code runs} that carry it. */
    private static Map<String, List<String>> weatherOf(ApiWeatherRotation rotation, List<ChildRun> runs) {
        var byWeather = new TreeMap<String, List<String>>();
        for (ChildRun run : runs) {
            List<String> args = rotation.arguments(run, List.of());
            for (int i = 0; i + 1 < args.size(); i += 2) {
                String file = Path.of(args.get(i + 1)).getFileName().toString();
                byWeather.computeIfAbsent(file.replace(".yaml", ""), w -> new ArrayList<>()).add(run.label());
            }
        }
        return byWeather.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
