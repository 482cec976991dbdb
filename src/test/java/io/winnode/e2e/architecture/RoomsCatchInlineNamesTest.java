package io.winnode.e2e.architecture;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.winnode.e2e.foundation.archfixture.ImportedFrameworkName;
import io.winnode.e2e.simulator.archfixture.InlineFrameworkName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules of {@link Rooms} read the bytecode, so a dependency counts however its source spells
 * it: the same rule objects the architecture test uses, evaluated on fixture classes (test
 * classes, which that test leaves out) that cross a door once each.
 */
class RoomsCatchInlineNamesTest {

    private static final Path FIXTURES = Path.of("src/test/java/io/winnode/e2e");

    @Test
    void aFrameworkNameWrittenInlineInTheSimulatorIsReportedWhereItIsUsed() throws IOException {
        assertThat(Files.readString(FIXTURES.resolve("simulator/archfixture/InlineFrameworkName.java")))
                .as("the fixture names the framework without an import line, which the grep never saw")
                .doesNotContain("import io.winnode");

        EvaluationResult result = Rooms.THE_SIMULATOR_KNOWS_ONLY_THE_FOUNDATION
                .evaluate(new ClassFileImporter().importClasses(InlineFrameworkName.class));

        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .startsWith("Method <" + InlineFrameworkName.class.getName() + ".theSuitesWordForThisCluster()>")
                .contains("gets field <io.winnode.e2e.framework.cluster.ClusterKind.SIMULATED>")
                .contains("(InlineFrameworkName.java:");
    }

    @Test
    void aFrameworkImportInTheFoundationIsReported() {
        EvaluationResult result = Rooms.THE_FOUNDATION_KNOWS_NOTHING_ELSE_OF_OURS
                .evaluate(new ClassFileImporter().importClasses(ImportedFrameworkName.class));

        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .startsWith("Method <" + ImportedFrameworkName.class.getName() + ".theSuitesWordForARealCluster()>")
                .contains("gets field <io.winnode.e2e.framework.cluster.ClusterKind.REAL>");
    }
}
