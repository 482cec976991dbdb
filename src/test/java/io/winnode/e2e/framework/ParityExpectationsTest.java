package io.winnode.e2e.framework;

import io.winnode.e2e.framework.config.InvalidInputException;
import io.winnode.e2e.framework.junit.ParityTest;
import io.winnode.e2e.framework.nodes.OsFamily;
import io.winnode.e2e.framework.parity.Expectation;
import io.winnode.e2e.framework.parity.ParityExpectations;
import io.winnode.e2e.framework.parity.ParityRow;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.util.List;

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
        assertThat(readOnly.expectedOn(OsFamily.WINDOWS)).contains("write refused: Access is denied.");
        assertThat(readOnly.expectedOn(OsFamily.LINUX)).contains("write refused: Read-only file system");
    }

    @Test
    void windowsOnlyRowsHaveNoLinuxSide() {
        var row = new ParityRow("X-1", "b", Expectation.WINDOWS_ONLY, null, null, "ok", "src");

        assertThat(row.expectedOn(OsFamily.LINUX)).isEmpty();
        assertThat(row.expectedOn(OsFamily.WINDOWS)).contains("ok");
    }

    @Test
    void aRowWithoutSourceIsRejectedByName() {
        var row = new ParityRow("X-2", "behaviour", Expectation.SAME, "ok", null, null, " ");

        assertThatThrownBy(() -> new ParityExpectations(List.of(row)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("X-2").hasMessageContaining("source");
    }

    @Test
    void anUnknownBehaviourIsAnErrorThatSaysWhereToDeclareIt() {
        assertThatThrownBy(() -> ParityExpectations.load().row("NOPE-1"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("parity/expectations.yaml");
    }
}
