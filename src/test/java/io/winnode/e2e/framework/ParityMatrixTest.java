package io.winnode.e2e.framework;

import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.parity.BuildExpectation;
import io.winnode.e2e.framework.parity.Expectation;
import io.winnode.e2e.framework.parity.Observation;
import io.winnode.e2e.framework.parity.ParityExpectations;
import io.winnode.e2e.framework.parity.ParityMatrix.Verdict;
import io.winnode.e2e.framework.parity.ParityMatrix;
import io.winnode.e2e.framework.parity.ParityRow;
import io.winnode.e2e.framework.placement.Side;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ParityMatrixTest {

    private final ParityExpectations expectations = new ParityExpectations(List.of(
            new ParityRow("A", "same thing", Expectation.SAME, Map.of("ok", "ok"), "ok", null, null, "src-a"),
            new ParityRow("B", "different thing", Expectation.DIFFERENT, Map.of("lin", "lin", "win", "win"), null, "lin", "win", "src-b")));

    private static Observation seen(String id, Side side, String observed, String expected) {
        return new Observation(id, side, "node", observed, expected, true);
    }

    @Test
    void allSidesMatchingPasses() {
        ParityMatrix matrix = ParityMatrix.of(List.of(
                seen("A", Side.linux(), "ok", "ok"),
                seen("A", Side.windows(WindowsBuild.LTSC2022), "ok", "ok")), expectations);

        assertThat(matrix.lines()).singleElement().extracting(ParityMatrix.Line::verdict).isEqualTo(Verdict.PASS);
        assertThat(matrix.sides()).containsExactly("linux", "windows ltsc2022");
    }

    @Test
    void oneBuildDeviatingFailsAndShowsWhatItSaw() {
        ParityMatrix matrix = ParityMatrix.of(List.of(
                seen("B", Side.linux(), "lin", "lin"),
                seen("B", Side.windows(WindowsBuild.LTSC2022), "win", "win"),
                seen("B", Side.windows(WindowsBuild.LTSC2025), "lin", "win")), expectations);

        ParityMatrix.Line line = matrix.lines().get(0);
        assertThat(line.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(line.results()).containsEntry("windows ltsc2025", "lin");
        assertThat(matrix.toText()).contains("B different thing").contains("FAIL");
        assertThat(matrix.toMarkdown()).contains("src-b");
    }

    @Test
    void aBuildExceptionIsShownWithItsSourceAndItsBuildJudgedByIt() {
        var affinity = new ParityExpectations(List.of(new ParityRow("C", "sticky", Expectation.SAME, Map.of("one", "one", "many", "many"), "one", null, null, "src-c",
                List.of(new BuildExpectation(List.of("ltsc2019"), Expectation.UNSUPPORTED, "many", "needs WS2022")))));
        ParityRow row = affinity.row("C");
        // Each Observation carries what ParityCheck expected on its side: the build exception on ltsc2019.
        ParityMatrix matrix = ParityMatrix.of(List.of(
                seen("C", Side.linux(), "one", row.expectedOn(Side.linux()).orElseThrow()),
                seen("C", Side.windows(WindowsBuild.LTSC2019), "many", row.expectedOn(Side.windows(WindowsBuild.LTSC2019)).orElseThrow()),
                seen("C", Side.windows(WindowsBuild.LTSC2022), "one", row.expectedOn(Side.windows(WindowsBuild.LTSC2022)).orElseThrow())),
                affinity);

        assertThat(matrix.lines().get(0).verdict()).isEqualTo(Verdict.PASS);
        assertThat(matrix.toText()).contains("same; ltsc2019: unsupported");
        assertThat(matrix.toMarkdown()).contains("src-c; ltsc2019: needs WS2022");
    }

    @Test
    void aMissingLinuxSideIsIncompleteNeverPass() {
        ParityMatrix matrix = ParityMatrix.of(List.of(
                new Observation("A", Side.linux(), "", "the cluster has no schedulable Linux node", "ok", false),
                seen("A", Side.windows(WindowsBuild.LTSC2022), "ok", "ok")), expectations);

        assertThat(matrix.lines().get(0).verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(matrix.lines().get(0).results().get("linux")).startsWith("unavailable:");
    }

    @Test
    void aBehaviourSeenOnlyOnLinuxIsIncomplete() {
        ParityMatrix matrix = ParityMatrix.of(List.of(seen("A", Side.linux(), "ok", "ok")), expectations);

        assertThat(matrix.lines().get(0).verdict()).isEqualTo(Verdict.INCOMPLETE);
    }

    @Test
    void aMeasurementIsShownBesideTheOutcomeButNotCompared() {
        ParityMatrix matrix = ParityMatrix.of(List.of(
                new Observation("A", Side.linux(), "node", "ok", "ok", true, "all Running after 3.2 s"),
                new Observation("A", Side.windows(WindowsBuild.LTSC2022), "node", "ok", "ok", true, "all Running after 41.0 s")),
                expectations);

        ParityMatrix.Line line = matrix.lines().get(0);
        assertThat(line.verdict()).isEqualTo(Verdict.PASS);
        assertThat(line.results()).containsEntry("linux", "ok (all Running after 3.2 s)")
                .containsEntry("windows ltsc2022", "ok (all Running after 41.0 s)");
        assertThat(matrix.toMarkdown()).contains("ok (all Running after 41.0 s)");
    }
}
