package io.winnode.e2e.runner.run;

import io.winnode.e2e.foundation.yaml.YamlFiles;
import io.winnode.e2e.framework.parity.Observation;
import io.winnode.e2e.framework.parity.ParityExpectations;
import io.winnode.e2e.framework.parity.ParityMatrix;
import io.winnode.e2e.framework.placement.Side;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The run's Windows-vs-Linux parity matrix, for the terminal and as {@code parity-matrix.md/.json}. */
public final class ParityReport {

    private final ParityMatrix matrix;

    private ParityReport(ParityMatrix matrix) {
        this.matrix = matrix;
    }

    /** Builds the matrix; expectations are only read when there is something to compare them with. */
    public static ParityReport of(List<Observation> observations) {
        ParityExpectations expectations = observations.isEmpty()
                ? new ParityExpectations(List.of()) : ParityExpectations.load();
        return new ParityReport(ParityMatrix.of(observations, expectations));
    }

    public String text() {
        return matrix.isEmpty() ? "(no parity observations in this run)\n" : matrix.toText();
    }

    /**
     * The outcome each side of the line was expected to show, so a reader of the JSON (the report's
     * parity page) can mark each cell without the expectations file the run used.
     */
    private static Map<String, String> expectedPerSide(ParityMatrix.Line line) {
        var expected = new LinkedHashMap<String, String>();
        for (String side : line.results().keySet()) {
            // Side labels are "linux", "windows" or "windows <build>" (Side.label()); a build exception applies per build.
            Side.fromLabel(side).flatMap(s -> line.row().expectedOn(s)).ifPresent(outcome -> expected.put(side, outcome));
        }
        return expected;
    }

    public void writeTo(Path artifacts, Map<String, String> runProperties) {
        var json = new LinkedHashMap<String, Object>(runProperties);
        json.put("sides", matrix.sides());
        json.put("lines", matrix.lines().stream().map(line -> {
            var row = new LinkedHashMap<String, Object>();
            row.put("id", line.row().id());
            row.put("behaviour", line.row().behaviour());
            row.put("expectation", line.row().expectationLabel());
            row.put("results", line.results());
            row.put("expected", expectedPerSide(line));
            row.put("verdict", line.verdict().name());
            row.put("source", ParityMatrix.sources(line.row()));
            return row;
        }).toList());
        var markdown = new StringBuilder("# Parity matrix\n\n");
        runProperties.forEach((k, v) -> markdown.append("- ").append(k).append(": ").append(v).append('\n'));
        markdown.append('\n').append(matrix.isEmpty() ? "No parity observations in this run.\n" : matrix.toMarkdown());
        try {
            Files.createDirectories(artifacts);
            Files.writeString(artifacts.resolve("parity-matrix.md"), markdown);
            Files.writeString(artifacts.resolve("parity-matrix.json"), YamlFiles.toJson(json));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the parity matrix into " + artifacts, e);
        }
    }
}
