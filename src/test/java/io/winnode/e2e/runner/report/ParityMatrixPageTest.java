package io.winnode.e2e.runner.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The parity page: one row per behaviour, one cell per side, each compared with its side's expectation. */
class ParityMatrixPageTest {

    @TempDir
    Path tmp;

    private static ParityMatrixFile.Line line(String id, Map<String, String> results, Map<String, String> expected, String verdict) {
        return new ParityMatrixFile.Line(id, "behaviour of " + id, "same", results, expected, verdict,
                "windows-parity.md " + id + " (kubernetes.io/docs/concepts/windows/user-guide: node selector)");
    }

    private static Map<String, String> sides(String linux, String ltsc2022) {
        var map = new LinkedHashMap<String, String>();
        if (linux != null) {
            map.put("linux", linux);
        }
        map.put("windows ltsc2022", ltsc2022);
        return map;
    }

    private static ParityMatrixFile matrix(ParityMatrixFile.Line... lines) {
        return new ParityMatrixFile(Map.of("winnode.cluster.kind", "simulated", "winnode.faults", "D-22"),
                List.of("linux", "windows ltsc2022"), List.of(lines));
    }

    @Test
    void eachCellSaysWhetherItsSideShowedItsExpectedOutcome() {
        ParityMatrixFile.Line gap = line("NET-01c", sides("connected", "not connected: REFUSED"), sides("connected", "connected"), "FAIL");
        ParityMatrixFile.Line windowsOnly = line("WIN-01", sides(null, "unavailable: no Windows node"), sides(null, "works"), "INCOMPLETE");

        assertThat(ParityMatrixPage.Cell.of(gap, "linux")).isEqualTo(ParityMatrixPage.Cell.PASS);
        assertThat(ParityMatrixPage.Cell.of(gap, "windows ltsc2022")).isEqualTo(ParityMatrixPage.Cell.FAIL);
        assertThat(ParityMatrixPage.Cell.of(windowsOnly, "linux")).isEqualTo(ParityMatrixPage.Cell.NOT_RUN);
        assertThat(ParityMatrixPage.Cell.of(windowsOnly, "windows ltsc2022")).isEqualTo(ParityMatrixPage.Cell.UNAVAILABLE);
    }

    @Test
    void theTableHasARowPerBehaviourWithTheExpectedOutcomeUnderAFailedCell() {
        String html = ParityMatrixPage.render(Optional.of(matrix(
                line("NET-01c", sides("connected", "not connected: REFUSED"), sides("connected", "connected"), "FAIL"),
                line("SCH-01", sides("ok", "ok"), sides("ok", "ok"), "PASS"))), "results/parity-matrix.json");

        assertThat(html).contains("<th>linux</th><th>windows ltsc2022</th>")
                .contains("<tr id=\"NET-01c\">").contains("<tr id=\"SCH-01\">")
                .contains("<td class=\"cell fail\" title=\"expected: connected\"><span class=\"badge\">FAIL</span> "
                        + "not connected: REFUSED<div class=\"expected\">expected: connected</div></td>")
                .contains("<td class=\"verdict fail\">FAIL</td>")
                .contains("2 behaviours: 1 FAIL, 1 PASS")
                .contains("<strong>simulated</strong>").contains("Faults injected: <strong>D-22</strong>");
    }

    @Test
    void sourcesLinkTheirWebAddressesAndEverythingIsEscaped() {
        assertThat(ParityMatrixPage.linkify("windows-parity.md SCH-01 (kubernetes.io/docs/concepts/windows/user-guide: <b>x</b>)"))
                .isEqualTo("windows-parity.md SCH-01 (<a href=\"https://kubernetes.io/docs/concepts/windows/user-guide\" "
                        + "target=\"_blank\" rel=\"noopener\">kubernetes.io/docs/concepts/windows/user-guide</a>: &lt;b&gt;x&lt;/b&gt;)");
        String html = ParityMatrixPage.render(Optional.of(matrix(line("X-1", sides("<script>alert(1)</script>", "a"), null, "FAIL"))), "r");
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void aFileWithoutPerSideExpectationsStillShowsOutcomesAndVerdicts() {
        ParityMatrixFile.Line old = line("NET-01c", sides("connected", "not connected"), null, "FAIL");

        assertThat(ParityMatrixPage.Cell.of(old, "windows ltsc2022")).isEqualTo(ParityMatrixPage.Cell.UNKNOWN);
        assertThat(ParityMatrixPage.render(Optional.of(matrix(old)), "r"))
                .contains("<td class=\"cell unknown\">not connected</td>").contains("<td class=\"verdict fail\">FAIL</td>");
    }

    @Test
    void resultsWithoutAMatrixGetAPageThatSaysSo() {
        assertThat(ParityMatrixPage.render(Optional.empty(), "some/results/parity-matrix.json"))
                .contains("No parity matrix in these results: some/results/parity-matrix.json").doesNotContain("<table>");
    }

    @Test
    void theFileKeepsTheRunPropertiesAndIgnoresKeysItDoesNotKnow() throws IOException {
        Files.writeString(tmp.resolve("parity-matrix.json"), """
                {"winnode.cluster.kind": "real", "winnode.run.id": "wn-1", "sides": ["linux"],
                 "lines": [{"id": "RT-03", "behaviour": "b", "expectation": "same", "results": {"linux": "gone"},
                            "expected": {"linux": "gone"}, "verdict": "PASS", "source": "s", "addedLater": 1}]}
                """);

        ParityMatrixFile file = ParityMatrixFile.readFrom(tmp).orElseThrow();

        assertThat(file.run()).containsExactly(Map.entry("winnode.cluster.kind", "real"), Map.entry("winnode.run.id", "wn-1"));
        assertThat(file.lines()).singleElement().satisfies(l -> assertThat(ParityMatrixPage.Cell.of(l, "linux"))
                .isEqualTo(ParityMatrixPage.Cell.PASS));
        assertThat(ParityMatrixFile.readFrom(tmp.resolve("elsewhere"))).isEmpty();
    }
}
