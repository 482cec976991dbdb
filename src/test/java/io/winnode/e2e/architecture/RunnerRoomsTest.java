package io.winnode.e2e.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import io.winnode.e2e.runner.Winnode;
import io.winnode.e2e.runner.faults.archfixture.InlineCommandLineName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner's rooms and the direction of their doors, read from the bytecode (so a fully qualified
 * name written inline counts as much as an import): the command line on top; below it faults,
 * sign-off and report; then one run; then selection and cluster; results and files at the bottom.
 * No room reaches up, and no two classes of the project share a simple name. A fixture (a test
 * class, which {@link MainClasses} leaves out) proves a name written inline counts.
 *
 * <p>Plain JUnit tests over {@link MainClasses} (not {@code @AnalyzeClasses} fields): Surefire's
 * {@code -Dtest} filter then selects them like any other test.
 */
class RunnerRoomsTest {

    private static final String COMMAND_LINE = "Command line";
    private static final String FAULTS = "Faults";
    private static final String CUSTODY = "Custody";
    private static final String SIGNOFF = "Sign-off";
    private static final String REPORT = "Report";
    private static final String RUN = "Run";
    private static final String SELECTION = "Selection";
    private static final String CLUSTER = "Cluster";
    private static final String RESULTS = "Results";
    private static final String FILES = "Files";

    @Test
    void runnerRoomsAreFreeOfCycles() {
        slices().matching("io.winnode.e2e.runner.(*)..").should().beFreeOfCycles().check(MainClasses.all());
    }

    @Test
    void runnerRoomsOnlyReachDown() {
        ROOMS_REACH_ONLY_DOWN.check(MainClasses.all());
    }

    @Test
    void aCommandLineNameWrittenInlineInALowerRoomIsReported() throws IOException {
        Path fixture = Path.of("src/test/java/io/winnode/e2e/runner/faults/archfixture/InlineCommandLineName.java");
        assertThat(Files.readString(fixture)).as("the fixture names the command line without an import line")
                .doesNotContain("import io.winnode");

        // The fixture and the class it names, nothing else: so the other rooms are empty, which only here is fine.
        EvaluationResult result = ROOMS_REACH_ONLY_DOWN.withOptionalLayers(true).evaluate(
                new ClassFileImporter().importClasses(InlineCommandLineName.class, Winnode.class));

        assertThat(result.getFailureReport().getDetails()).singleElement().asString()
                .startsWith("Method <" + InlineCommandLineName.class.getName() + ".runTheCommandLine(")
                .contains("calls method <io.winnode.e2e.runner.Winnode.execute(")
                .contains("(InlineCommandLineName.java:");
    }

    @Test
    void noTwoClassesShareASimpleName() {
        NO_SHARED_SIMPLE_NAME.check(MainClasses.all());
    }

    private static final LayeredArchitecture ROOMS_REACH_ONLY_DOWN = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer(COMMAND_LINE).definedBy("io.winnode.e2e.runner")
            .layer(CUSTODY).definedBy("io.winnode.e2e.runner.custody..")
            .layer(FAULTS).definedBy("io.winnode.e2e.runner.faults..")
            .layer(SIGNOFF).definedBy("io.winnode.e2e.runner.signoff..")
            .layer(REPORT).definedBy("io.winnode.e2e.runner.report..")
            .layer(RUN).definedBy("io.winnode.e2e.runner.run..")
            .layer(SELECTION).definedBy("io.winnode.e2e.runner.selection..")
            .layer(CLUSTER).definedBy("io.winnode.e2e.runner.cluster..")
            .layer(RESULTS).definedBy("io.winnode.e2e.runner.results..")
            .layer(FILES).definedBy("io.winnode.e2e.runner.files..")
            .whereLayer(COMMAND_LINE).mayNotBeAccessedByAnyLayer()
            .whereLayer(CUSTODY).mayOnlyBeAccessedByLayers(COMMAND_LINE)
            .whereLayer(FAULTS).mayOnlyBeAccessedByLayers(COMMAND_LINE)
            .whereLayer(SIGNOFF).mayOnlyBeAccessedByLayers(COMMAND_LINE)
            .whereLayer(REPORT).mayOnlyBeAccessedByLayers(COMMAND_LINE)
            .whereLayer(RUN).mayOnlyBeAccessedByLayers(COMMAND_LINE, CUSTODY)
            .whereLayer(SELECTION).mayOnlyBeAccessedByLayers(COMMAND_LINE, FAULTS, SIGNOFF, RUN)
            .whereLayer(CLUSTER).mayOnlyBeAccessedByLayers(COMMAND_LINE, FAULTS, RUN)
            .whereLayer(RESULTS).mayOnlyBeAccessedByLayers(COMMAND_LINE, FAULTS, SIGNOFF, REPORT, RUN, SELECTION, CLUSTER)
            .whereLayer(FILES).mayOnlyBeAccessedByLayers(COMMAND_LINE, FAULTS, SELECTION, CLUSTER);

    /** Nested classes are named within their class ({@code Signoff.Result}); top-level ones stand alone in stack traces and imports. */
    private static final ArchRule NO_SHARED_SIMPLE_NAME = classes()
            .that().resideInAPackage("io.winnode.e2e..").and().areTopLevelClasses()
            .and().doNotHaveSimpleName("package-info")
            .should(haveASimpleNameNoOtherClassHas());

    private static ArchCondition<JavaClass> haveASimpleNameNoOtherClassHas() {
        return new ArchCondition<>("have a simple name no other class has") {
            private Map<String, List<String>> namesakes = Map.of();

            @Override
            public void init(Collection<JavaClass> allClasses) {
                namesakes = allClasses.stream().collect(Collectors.groupingBy(JavaClass::getSimpleName,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
            }

            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                List<String> others = namesakes.getOrDefault(javaClass.getSimpleName(), List.of()).stream()
                        .filter(name -> !name.equals(javaClass.getName())).toList();
                if (!others.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
                            + " shares its simple name with " + String.join(", ", others)
                            + ": rename one so that each name says what it holds"));
                }
            }
        };
    }
}
