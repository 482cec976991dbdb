package io.winnode.e2e.framework.parity;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.yaml.YamlFiles;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declared Windows-vs-Linux expectations ({@code parity/expectations.yaml}), one row per
 * behaviour, each with its source. Scenarios never say {@code if (windows)}: they observe an
 * outcome and this table says what it should have been.
 */
public final class ParityExpectations {

    public static final String FILE = "parity/expectations.yaml";

    /** The shape of the file. */
    public record ExpectationsFile(List<ParityRow> behaviours) {
    }

    private final Map<String, ParityRow> rows;

    public ParityExpectations(List<ParityRow> declared) {
        var byId = new LinkedHashMap<String, ParityRow>();
        for (ParityRow row : withSharedOutcomes(declared)) {
            row.missingField().ifPresent(field -> {
                throw new InvalidInputException(FILE + ": behaviour " + (row.id() == null ? "(no id)" : row.id())
                        + " lacks '" + field + "'.");
            });
            row.vocabularyProblem().ifPresent(problem -> {
                throw new InvalidInputException(FILE + ": behaviour " + row.id() + " " + problem);
            });
            row.byBuildProblem().ifPresent(problem -> {
                throw new InvalidInputException(FILE + ": behaviour " + row.id() + " " + problem);
            });
            if (byId.put(row.id(), row) != null) {
                throw new InvalidInputException(FILE + ": behaviour " + row.id() + " is declared twice.");
            }
        }
        this.rows = Map.copyOf(byId);
    }

    /** Each row whose {@code outcomesOf} names another row, with that row's outcomes (one level: no chains). */
    private static List<ParityRow> withSharedOutcomes(List<ParityRow> declared) {
        var byId = new LinkedHashMap<String, ParityRow>();
        declared.forEach(row -> byId.putIfAbsent(row.id(), row));
        return declared.stream().map(row -> {
            if (row.outcomesOf() == null) {
                return row;
            }
            ParityRow sharer = byId.get(row.outcomesOf());
            if (sharer == null || sharer.outcomesOf() != null) {
                throw new InvalidInputException(FILE + ": behaviour " + row.id() + " has 'outcomesOf: " + row.outcomesOf()
                        + "', which is " + (sharer == null ? "no behaviour of the file" : "itself borrowing its outcomes")
                        + ". Name a behaviour that declares its own 'outcomes'.");
            }
            return row.sharingOutcomesOf(sharer);
        }).toList();
    }

    public static ParityExpectations load() {
        ExpectationsFile file = YamlFiles.readProjectFile(FILE, ExpectationsFile.class);
        return new ParityExpectations(file.behaviours() == null ? List.of() : file.behaviours());
    }

    public ParityRow row(String id) {
        ParityRow row = rows.get(id);
        if (row == null) {
            throw new InvalidInputException("No parity expectation '" + id + "' in " + FILE
                    + ". Add a row with its source before a scenario may check it.");
        }
        return row;
    }

    public List<ParityRow> rows() {
        return rows.values().stream().sorted(java.util.Comparator.comparing(ParityRow::id)).toList();
    }
}
