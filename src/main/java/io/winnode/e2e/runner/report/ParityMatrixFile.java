package io.winnode.e2e.runner.report;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.winnode.e2e.foundation.yaml.YamlFiles;
import io.winnode.e2e.runner.run.ParityReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's {@code parity-matrix.json} as {@link ParityReport#writeTo} writes it: the run's properties
 * ({@code winnode.cluster.kind}, ...) at the top level, the side labels ({@code linux} first), and
 * one line per behaviour.
 *
 * @param run the top-level run properties, in file order
 */
record ParityMatrixFile(@JsonAnySetter Map<String, Object> run, List<String> sides, List<Line> lines) {

    static final String NAME = "parity-matrix.json";

    /**
     * One behaviour. Unknown keys are ignored so that a newer run's file still renders.
     *
     * @param results  side label to the outcome seen there ({@code unavailable: why} when the side could not run)
     * @param expected side label to the outcome expected there; absent in files written before it was added
     * @param verdict  {@code PASS}, {@code FAIL} or {@code INCOMPLETE}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Line(String id, String behaviour, String expectation, Map<String, String> results,
                Map<String, String> expected, String verdict, String source) {

        Line {
            results = results == null ? Map.of() : results;
        }

        Optional<String> expectedOn(String side) {
            return Optional.ofNullable(expected).map(e -> e.get(side));
        }
    }

    ParityMatrixFile {
        run = run == null ? Map.of() : run;
        sides = sides == null ? List.of() : sides;
        lines = lines == null ? List.of() : lines;
    }

    /** The file in a results directory, or empty when the run wrote none there. */
    static Optional<ParityMatrixFile> readFrom(Path directory) {
        Path file = directory.resolve(NAME);
        return Files.isRegularFile(file) ? Optional.of(YamlFiles.read(file, ParityMatrixFile.class)) : Optional.empty();
    }
}
