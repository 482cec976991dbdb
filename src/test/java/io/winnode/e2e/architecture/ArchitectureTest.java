package io.winnode.e2e.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The rooms' doors ({@link Rooms}) on the project's main classes ({@link MainClasses}).
 *
 * <p>Plain JUnit tests rather than {@code @ArchTest} fields: Surefire 3.5.3, the project's, neither
 * runs those fields nor reports their failures (TNG/ArchUnit#1442, #1524), so a broken door would
 * pass unseen.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = MainClasses.all();

    @Test
    void scenariosNeverKnowTheClusterIsSimulated() {
        Rooms.SCENARIOS_NEVER_KNOW_THE_CLUSTER_IS_SIMULATED.check(MAIN);
    }

    @Test
    void scenariosUseOnlyTheFrameworkAndTestLibraries() {
        Rooms.SCENARIOS_USE_ONLY_THE_FRAMEWORK_AND_TEST_LIBRARIES.check(MAIN);
    }

    @Test
    void theFrameworkKnowsNoScenarioSimulatorOrRunner() {
        Rooms.THE_FRAMEWORK_KNOWS_NO_SCENARIO_SIMULATOR_OR_RUNNER.check(MAIN);
    }

    @Test
    void theSimulatorKnowsOnlyTheFoundation() {
        Rooms.THE_SIMULATOR_KNOWS_ONLY_THE_FOUNDATION.check(MAIN);
    }

    @Test
    void theFoundationKnowsNothingElseOfOurs() {
        Rooms.THE_FOUNDATION_KNOWS_NOTHING_ELSE_OF_OURS.check(MAIN);
    }
}
