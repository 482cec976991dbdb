package io.winnode.e2e.runner.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.yaml.YamlFiles;

import java.nio.file.Path;
import java.util.List;

/**
 * What the runner needs of a fault file (see {@code faults/README.md}): its id and title for the
 * banner and reports, and the tests expected to catch it. Everything else (the mechanisms) is the
 * simulator's business and is validated strictly there; this reader ignores it, so the runner does
 * not have to follow every schema change.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FaultFileSummary(String id, String title, Defect defect, List<String> expectedCatchers) {

    /** Where the real defect is documented. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Defect(String reference) {
    }

    public FaultFileSummary {
        expectedCatchers = expectedCatchers == null ? List.of() : List.copyOf(expectedCatchers);
    }

    static FaultFileSummary read(Path file) {
        FaultFileSummary summary = YamlFiles.read(file, FaultFileSummary.class);
        if (summary.id() == null || summary.id().isBlank()) {
            throw new InvalidInputException("Fault file " + file + " has no id. Add 'id: D-nn' (see faults/README.md).");
        }
        return summary;
    }

    /** {@code windows-parity.md §2.2 D-22}, or empty when the file does not say. */
    public String reference() {
        return defect == null || defect.reference() == null ? "" : defect.reference();
    }

    public String titleOrId() {
        return title == null || title.isBlank() ? id : title.strip();
    }
}
