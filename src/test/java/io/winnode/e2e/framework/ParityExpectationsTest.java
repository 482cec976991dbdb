package io.winnode.e2e.framework;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.junit.ParityTest;
import io.winnode.e2e.framework.parity.BuildExpectation;
import io.winnode.e2e.framework.parity.Expectation;
import io.winnode.e2e.framework.parity.Observed;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.parity.ParityExpectations;
import io.winnode.e2e.framework.parity.ParityLedger;
import io.winnode.e2e.framework.parity.ParityRow;
import io.winnode.e2e.framework.placement.Side;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParityExpectationsTest {

    @Test
    void everyScenarioChecksADeclaredBehaviourWithASource() {
        ParityExpectations expectations = ParityExpectations.load();
        List<String> checked = ReflectionSupport.findAllClassesInPackage("io.winnode.e2e.scenarios", c -> true, n -> true)
                .stream()
                .flatMap(c -> ReflectionSupport.findMethods(c, m -> AnnotationSupport.isAnnotated(m, ParityTest.class),
                        org.junit.platform.commons.support.HierarchyTraversalMode.TOP_DOWN).stream())
                .map(m -> m.getAnnotation(ParityTest.class).value())
                .toList();

        assertThat(checked).isNotEmpty().doesNotHaveDuplicates();
        checked.forEach(id -> assertThat(expectations.row(id).source()).as(id).isNotBlank());
    }

    @Test
    void differentRowsDeclareAnOutcomePerOs() {
        ParityRow readOnly = ParityExpectations.load().row("STO-04");

        assertThat(readOnly.expectation()).isEqualTo(Expectation.DIFFERENT);
        assertThat(readOnly.expectedOn(OsFamily.WINDOWS)).contains(readOnly.sentence("access-denied"));
        assertThat(readOnly.expectedOn(OsFamily.LINUX)).contains(readOnly.sentence("read-only-fs"));
    }

    @Test
    void sessionAffinityIsExpectedDifferentOnWindowsServer2019Only() {
        ParityRow affinity = ParityExpectations.load().row("NET-09");

        String oneBackend = affinity.sentence("one-backend");
        assertThat(affinity.expectedOn(Side.linux())).contains(oneBackend);
        assertThat(affinity.expectedOn(Side.windows(WindowsBuild.LTSC2022))).contains(oneBackend);
        assertThat(affinity.expectedOn(Side.windows(WindowsBuild.LTSC2025))).contains(oneBackend);
        assertThat(affinity.expectedOn(Side.windows(WindowsBuild.LTSC2019))).contains(affinity.sentence("spread"));
        assertThat(affinity.expectationOn(Side.windows(WindowsBuild.LTSC2019))).isEqualTo(Expectation.UNSUPPORTED);
        assertThat(affinity.sourceOn(Side.windows(WindowsBuild.LTSC2019))).contains("windows-networking.md")
                .contains("Windows Server 2022");
        assertThat(affinity.expectationLabel()).isEqualTo("same; ltsc2019: unsupported");
    }

    @Test
    void aBuildExceptionDecidesTheVerdictOfItsBuildsOnly() {
        var ledger = new ParityLedger();
        var row = new ParityRow("X-3", "b", Expectation.SAME, Map.of("one", "one backend", "many", "many backends"), "one", null, null, "src",
                List.of(new BuildExpectation(List.of("ltsc2019", "10.0.25398"), Expectation.UNSUPPORTED, "many", "doc")));

        new ParityCheck(row, Side.windows(WindowsBuild.LTSC2019), ledger).verify(Observed.outcome("many"), "win2019-1");
        new ParityCheck(row, Side.windows(WindowsBuild.fromLabel("10.0.25398.1").orElseThrow()), ledger).verify(Observed.outcome("many"), "w");
        assertThatThrownBy(() -> new ParityCheck(row, Side.windows(WindowsBuild.LTSC2022), ledger).verify(Observed.outcome("many"), "win2022-1"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected 'one backend'");
        assertThatThrownBy(() -> new ParityCheck(row, Side.windows(WindowsBuild.LTSC2019), ledger).verify(Observed.outcome("one"), "win2019-1"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("expected 'many backends' [unsupported").hasMessageContaining("doc");
    }

    @Test
    void aBuildExceptionNamingNoBuildTheSuiteCanReadIsRejectedWithTheFix() {
        var row = new ParityRow("X-4", "b", Expectation.SAME, Map.of("one", "one", "many", "many"), "one", null, null, "src",
                List.of(new BuildExpectation(List.of("ws2019"), Expectation.UNSUPPORTED, "many", "doc")));

        assertThatThrownBy(() -> new ParityExpectations(List.of(row))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("X-4").hasMessageContaining("'ws2019'").hasMessageContaining("ltsc2019");
    }

    @Test
    void windowsOnlyRowsHaveNoLinuxSide() {
        var row = new ParityRow("X-1", "b", Expectation.WINDOWS_ONLY, Map.of("ok", "ok"), null, null, "ok", "src");

        assertThat(row.expectedOn(OsFamily.LINUX)).isEmpty();
        assertThat(row.expectedOn(OsFamily.WINDOWS)).contains("ok");
    }

    @Test
    void aRowWithoutSourceIsRejectedByName() {
        var row = new ParityRow("X-2", "behaviour", Expectation.SAME, Map.of("ok", "ok"), "ok", null, null, " ");

        assertThatThrownBy(() -> new ParityExpectations(List.of(row)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("X-2").hasMessageContaining("source");
    }

    @Test
    void anUnknownBehaviourIsAnErrorThatSaysWhereToDeclareIt() {
        assertThatThrownBy(() -> ParityExpectations.load().row("NOPE-1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("parity/expectations.yaml");
    }

    @Test
    void aScenarioReportingAnOutcomeItsRowDoesNotNameFailsWithFileRowAndFix() {
        ParityRow row = ParityExpectations.load().row("SCH-01");
        var check = new ParityCheck(row, Side.linux(), new ParityLedger());

        assertThatThrownBy(() -> check.verify(Observed.outcome("misplaced"), "linux-1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("parity/expectations.yaml").hasMessageContaining("SCH-01")
                .hasMessageContaining("'misplaced'").hasMessageContaining("placed")
                .hasMessageContaining("under the row's 'outcomes'");
    }

    @Test
    void aRowNamingASentenceWhereAKeyBelongsIsRejectedAtLoad() {
        var row = new ParityRow("X-5", "b", Expectation.DIFFERENT, Map.of("refused", "write refused"), null,
                "refused", "write refused: denied", "src");

        assertThatThrownBy(() -> new ParityExpectations(List.of(row))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("X-5").hasMessageContaining("'write refused: denied'")
                .hasMessageContaining("take a key of 'outcomes', not a sentence");
    }

    @Test
    void aRowWithoutOutcomesIsRejectedAtLoad() {
        var row = new ParityRow("X-6", "b", Expectation.SAME, Map.of(), "ok", null, null, "src");

        assertThatThrownBy(() -> new ParityExpectations(List.of(row))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("X-6").hasMessageContaining("lacks 'outcomes'");
    }

    @Test
    void aNamedOutcomeIsShownAndComparedAsItsSentence() {
        var ledger = new ParityLedger();
        ParityRow row = ParityExpectations.load().row("SCH-04");

        new ParityCheck(row, Side.windows(WindowsBuild.LTSC2022), ledger).verify(Observed.outcome("no-variant"), "win-1");

        assertThat(ledger.observations()).singleElement().satisfies(o -> {
            assertThat(o.observed()).isEqualTo(row.sentence("no-variant")).startsWith("image pull failed");
            assertThat(o.matches()).isTrue();
        });
    }

    @Test
    void aRowSharingAnotherRowsOutcomesUsesItsSentences() {
        var owner = new ParityRow("X-7", "b", Expectation.SAME, Map.of("ok", "it worked", "ko", "it failed"), "ok",
                null, null, "src");
        var sharer = new ParityRow("X-8", "b", Expectation.DIFFERENT, Map.of(), null, "ok", "ko", "src", List.of(), "X-7");

        ParityRow loaded = new ParityExpectations(List.of(owner, sharer)).row("X-8");

        assertThat(loaded.expectedOn(OsFamily.WINDOWS)).contains("it failed");
        assertThat(loaded.expectedOn(OsFamily.LINUX)).contains("it worked");
    }

    @Test
    void sharingTheOutcomesOfAnUnknownRowIsRejectedWithTheFix() {
        var sharer = new ParityRow("X-9", "b", Expectation.SAME, Map.of(), "ok", null, null, "src", List.of(), "X-404");

        assertThatThrownBy(() -> new ParityExpectations(List.of(sharer))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("X-9").hasMessageContaining("outcomesOf: X-404")
                .hasMessageContaining("Name a behaviour that declares its own 'outcomes'");
    }
}
