package io.winnode.e2e.runner.faults;

import io.winnode.e2e.foundation.input.InvalidInputException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code faults verify --api-weather}: every run of the verification also carries API-server weather from
 * {@value #FOLDER} (429s, 503s, resets, slow answers, ended watches), rotating through the files so that each
 * weather is applied to at least one clean run (no false failure: it must still pass) and to exactly one faulted run
 * (no false pass: the fault's catchers must still fail). Every clean run carries weather; the faulted runs after the
 * first one per weather run in fair weather. When a group has fewer runs than there are weathers, its runs carry
 * several at once (they combine, faults/README.md).
 */
public final class ApiWeatherRotation {

    public static final String FOLDER = "faults/weather";

    private final Map<String, List<Path>> byRun;

    private ApiWeatherRotation(Map<String, List<Path>> byRun) {
        this.byRun = byRun;
    }

    public static ApiWeatherRotation none() {
        return new ApiWeatherRotation(Map.of());
    }

    /** Weather for each of {@code runs}, from the files in {@code folder}. */
    public static ApiWeatherRotation over(List<ChildRun> runs, Path folder) {
        List<Path> weathers = weatherFiles(folder);
        Map<String, List<Path>> byRun = new LinkedHashMap<>();
        assign(runs.stream().filter(ChildRun::isClean).toList(), weathers, byRun);
        // One faulted run per weather is the proof that a weather does not hide a fault (no false pass); every
        // further faulted run under weather only waits out more Retry-Afters: the proof took 650 s instead of 500.
        List<ChildRun> faulted = runs.stream().filter(r -> !r.isClean()).toList();
        assign(faulted.subList(0, Math.min(faulted.size(), weathers.size())), weathers, byRun);
        return new ApiWeatherRotation(byRun);
    }

    /** Run i of n gets weather i mod W; with fewer runs than weathers, run i gets every weather j with j mod n = i. */
    private static void assign(List<ChildRun> group, List<Path> weathers, Map<String, List<Path>> byRun) {
        int n = group.size();
        for (int i = 0; i < n; i++) {
            List<Path> mine = new ArrayList<>();
            if (n >= weathers.size()) {
                mine.add(weathers.get(i % weathers.size()));
            } else {
                for (int j = i; j < weathers.size(); j += n) {
                    mine.add(weathers.get(j));
                }
            }
            byRun.put(group.get(i).label(), List.copyOf(mine));
        }
    }

    private static List<Path> weatherFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException("--api-weather needs the weather files in " + folder
                    + ": run from the repository root.");
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted()
                    .map(p -> p.toAbsolutePath().normalize()).toList();
            if (found.isEmpty()) {
                throw new InvalidInputException("--api-weather found no *.yaml weather file in " + folder + ".");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }

    /** {@code runArguments} with the run's weather files added as {@code --faults}. */
    public List<String> arguments(ChildRun run, List<String> runArguments) {
        List<String> args = new ArrayList<>(runArguments);
        for (Path weather : byRun.getOrDefault(run.label(), List.of())) {
            args.add("--faults");
            args.add(weather.toString());
        }
        return args;
    }

    /** One line per run that carries weather, e.g. {@code   D-22: throttle}; empty without --api-weather. */
    public String describe() {
        if (byRun.isEmpty()) {
            return "";
        }
        return "API-server weather (" + FOLDER + ") per run:\n" + byRun.entrySet().stream()
                .map(e -> "  " + e.getKey() + ": " + e.getValue().stream().map(ApiWeatherRotation::name)
                        .collect(Collectors.joining(" + ")))
                .collect(Collectors.joining("\n")) + "\n";
    }

    private static String name(Path weather) {
        String file = weather.getFileName().toString();
        return file.substring(0, file.length() - ".yaml".length());
    }
}
