package io.winnode.e2e.simulator.faults;

import java.util.List;

/**
 * One fault file ({@code faults/README.md}): which historical defect it models, which tests are
 * expected to catch it (read by {@code faults verify} only) and the faults the simulator applies.
 *
 * @param id               the defect id, e.g. {@code D-22}
 * @param title            one line describing the defect
 * @param defect           where the real defect is documented
 * @param expectedCatchers test ids ({@code Class#method}) expected to fail under this fault
 * @param faults           one or more faults, each with exactly one mechanism key
 */
public record FaultFile(String id, String title, Defect defect, List<String> expectedCatchers, List<Fault> faults) {

    public FaultFile {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("missing 'id': give the defect id, e.g. id: D-22");
        }
        expectedCatchers = expectedCatchers == null ? List.of() : List.copyOf(expectedCatchers);
        if (faults == null || faults.isEmpty()) {
            throw new IllegalArgumentException("missing 'faults': list at least one fault, e.g. faults: [{serviceProxy: {mode: missing}}]");
        }
        faults = List.copyOf(faults);
    }

    /** Where the real defect is documented and what it looked like. */
    public record Defect(String reference, List<String> links, String symptom) {
        public Defect {
            links = links == null ? List.of() : List.copyOf(links);
        }
    }
}
