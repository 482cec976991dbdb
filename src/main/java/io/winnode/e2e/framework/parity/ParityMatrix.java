package io.winnode.e2e.framework.parity;

import io.winnode.e2e.foundation.os.OsFamily;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The run's parity matrix: one line per behaviour observed, the outcome seen on each side, the
 * declared expectation and a verdict.
 */
public final class ParityMatrix {

    /** How a behaviour fared across its sides. */
    public enum Verdict {
        /** Every side ran and showed its expected outcome. */
        PASS,
        /** A side showed something other than its expected outcome. */
        FAIL,
        /** A side the expectation needs did not run (no such node, or the test was skipped). */
        INCOMPLETE
    }

    /** One line of the matrix; {@code results} maps side label to the outcome seen there. */
    public record Line(ParityRow row, Map<String, String> results, Verdict verdict) {
    }

    private final List<String> sides;
    private final List<Line> lines;

    private ParityMatrix(List<String> sides, List<Line> lines) {
        this.sides = sides;
        this.lines = lines;
    }

    public static ParityMatrix of(List<Observation> observations, ParityExpectations expectations) {
        var sideLabels = new TreeSet<String>(Comparator.comparing((String s) -> !s.equals("linux")).thenComparing(s -> s));
        observations.forEach(o -> sideLabels.add(o.side().label()));
        Map<String, List<Observation>> byRow = observations.stream()
                .collect(Collectors.groupingBy(Observation::behaviourId, LinkedHashMap::new, Collectors.toList()));
        var lines = new ArrayList<Line>();
        byRow.keySet().stream().sorted().forEach(id -> lines.add(line(expectations.row(id), byRow.get(id))));
        return new ParityMatrix(List.copyOf(sideLabels), List.copyOf(lines));
    }

    private static Line line(ParityRow row, List<Observation> seen) {
        var results = new LinkedHashMap<String, String>();
        boolean mismatch = false;
        for (Observation o : seen) {
            String label = o.side().label();
            String shown = o.shown();
            // A side observed twice keeps its first mismatch visible rather than a later match.
            if (!results.containsKey(label) || !o.matches()) {
                results.put(label, shown);
            }
            mismatch |= o.available() && !o.matches();
        }
        boolean linuxNeeded = row.expectedOn(OsFamily.LINUX).isPresent();
        boolean linuxRan = seen.stream().anyMatch(o -> o.side().os() == OsFamily.LINUX && o.available());
        boolean windowsRan = seen.stream().anyMatch(o -> o.side().os() == OsFamily.WINDOWS && o.available());
        boolean anyUnavailable = seen.stream().anyMatch(o -> !o.available());
        Verdict verdict = mismatch ? Verdict.FAIL
                : (linuxNeeded && !linuxRan) || !windowsRan || anyUnavailable ? Verdict.INCOMPLETE : Verdict.PASS;
        return new Line(row, results, verdict);
    }

    public List<String> sides() {
        return sides;
    }

    public List<Line> lines() {
        return lines;
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** The row's source, then each build exception's, so a reader sees why a build is expected to differ. */
    public static String sources(ParityRow row) {
        var text = new StringBuilder(row.source());
        row.byBuild().forEach(e -> text.append("; ").append(String.join(", ", e.builds())).append(": ").append(e.source()));
        return text.toString();
    }

    /** A plain-text table for the terminal and CI logs. */
    public String toText() {
        var header = new ArrayList<String>(List.of("BEHAVIOUR"));
        sides.forEach(s -> header.add(s.toUpperCase(java.util.Locale.ROOT)));
        header.add("EXPECTATION");
        header.add("VERDICT");
        var table = new ArrayList<List<String>>();
        table.add(header);
        for (Line line : lines) {
            var cells = new ArrayList<String>();
            cells.add(line.row().id() + " " + line.row().behaviour());
            sides.forEach(s -> cells.add(line.results().getOrDefault(s, "-")));
            cells.add(line.row().expectationLabel());
            cells.add(line.verdict().name());
            table.add(cells);
        }
        return TextTable.render(table);
    }

    /** A Markdown table with each row's source, for reports. */
    public String toMarkdown() {
        var out = new StringBuilder("| Behaviour | ");
        sides.forEach(s -> out.append(s).append(" | "));
        out.append("Expectation | Verdict | Source |\n|---|");
        sides.forEach(s -> out.append("---|"));
        out.append("---|---|---|\n");
        for (Line line : lines) {
            out.append("| ").append(line.row().id()).append(" ").append(line.row().behaviour()).append(" | ");
            sides.forEach(s -> out.append(line.results().getOrDefault(s, "-").replace("|", "\\|")).append(" | "));
            out.append(line.row().expectationLabel()).append(" | ").append(line.verdict()).append(" | ")
                    .append(sources(line.row()).replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }
}
