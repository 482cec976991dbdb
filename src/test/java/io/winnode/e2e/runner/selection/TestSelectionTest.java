package io.winnode.e2e.runner.selection;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherSession;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.winnode.e2e.runner.Invocation.PASSING;
import static org.assertj.core.api.Assertions.assertThat;

/** The API {@code run} builds on: a discovered selection with tags, and requests for all or part of it. */
class TestSelectionTest {

    private LauncherSession session;
    private Launcher launcher;

    @BeforeEach
    void openLauncher() {
        session = ScenarioLauncher.open();
        launcher = session.getLauncher();
    }

    @AfterEach
    void closeLauncher() {
        session.close();
    }

    @Test
    void aDiscoveredSelectionCarriesEachTestsOwnAndInheritedTags() {
        SelectedTests selected = selection("default").discover(launcher);

        assertThat(selected.ids()).containsExactly("OsPlacementScenarios#disabledPlacementCheck",
                "OsPlacementScenarios#slowPlacementCheck", "OsPlacementScenarios#workloadsLandOnNodesOfTheirOs",
                "ServiceScenarios#clusterIpReachesWindowsPods");
        assertThat(selected.tags()).containsOnlyKeys(selected.ids());
        assertThat(selected.tags().get("OsPlacementScenarios#slowPlacementCheck"))
                .containsExactlyInAnyOrder("slow", "fixture", "scheduling", "Core.Scheduling");
        assertThat(selected.excluded()).extracting(SelectedTests.Excluded::id)
                .containsExactly("NodeDrainScenarios#podsMoveOffADrainedNode");
    }

    @Test
    void aRequestForSomeIdsDiscoversJustThose() {
        TestSelection selection = selection("default");
        selection.discover(launcher);

        var request = selection.request(Map.of(), Set.of("ServiceScenarios#clusterIpReachesWindowsPods",
                "OsPlacementScenarios#workloadsLandOnNodesOfTheirOs"));

        assertThat(TestSelection.testIds(launcher.discover(request))).containsExactly(
                "OsPlacementScenarios#workloadsLandOnNodesOfTheirOs", "ServiceScenarios#clusterIpReachesWindowsPods");
    }

    @Test
    void theWholeRequestIsTheDiscoveredSelectionIncludingItsShard() {
        SelectionOptions options = options("default");
        options.shard = "2/2";
        TestSelection selection = TestSelection.of(options);

        List<String> ids = selection.discover(launcher).ids();

        assertThat(ids).containsExactly("OsPlacementScenarios#slowPlacementCheck", "ServiceScenarios#clusterIpReachesWindowsPods");
        assertThat(TestSelection.testIds(launcher.discover(selection.request(Map.of())))).isEqualTo(ids);
    }

    @Test
    void theWholeRequestDiscoversTheSelectionWhenNobodyDidYet() {
        TestSelection selection = selection("smoke");

        assertThat(TestSelection.testIds(launcher.discover(selection.request(Map.of()))))
                .containsExactly("OsPlacementScenarios#disabledPlacementCheck", "OsPlacementScenarios#workloadsLandOnNodesOfTheirOs");
    }

    private static TestSelection selection(String suite) {
        return TestSelection.of(options(suite));
    }

    private static SelectionOptions options(String suite) {
        SelectionOptions options = new SelectionOptions();
        options.suite = suite;
        options.scenariosPackage = PASSING;
        return options;
    }
}
