package io.winnode.e2e.runner;

import org.junit.jupiter.api.Test;

import static io.winnode.e2e.runner.Invocation.PASSING;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code list} prints the selected test ids, one a line, sorted, and nothing else on stdout. */
class ListCommandTest {

    @Test
    void theDefaultSuiteLeavesOutDisruptiveTests() {
        Invocation list = Invocation.of("list", "--scenarios-package", PASSING);

        assertThat(list.exitCode()).isZero();
        assertThat(list.outLines()).containsExactly(
                "OsPlacementScenarios#disabledPlacementCheck",
                "OsPlacementScenarios#slowPlacementCheck",
                "OsPlacementScenarios#workloadsLandOnNodesOfTheirOs",
                "ServiceScenarios#clusterIpReachesWindowsPods");
    }

    @Test
    void tagsNarrowTheSuite() {
        Invocation list = Invocation.of("list", "--tags", "scheduling & !slow", "--scenarios-package", PASSING);

        assertThat(list.exitCode()).isZero();
        assertThat(list.outLines()).containsExactly(
                "OsPlacementScenarios#disabledPlacementCheck",
                "OsPlacementScenarios#workloadsLandOnNodesOfTheirOs");
    }

    @Test
    void categoryTagsSelectLikeAreaTags() {
        Invocation list = Invocation.of("list", "--tags", "Core.Network", "--scenarios-package", PASSING);

        assertThat(list.outLines()).containsExactly("ServiceScenarios#clusterIpReachesWindowsPods");
    }

    @Test
    void theSmokeSuiteLeavesOutSlowAndNetworkingTests() {
        Invocation list = Invocation.of("list", "--suite", "smoke", "--scenarios-package", PASSING);

        assertThat(list.exitCode()).isZero();
        assertThat(list.outLines()).containsExactly(
                "OsPlacementScenarios#disabledPlacementCheck",
                "OsPlacementScenarios#workloadsLandOnNodesOfTheirOs");
    }

    @Test
    void tagsCanReachBackIntoWhatNoSuiteExcludes() {
        Invocation list = Invocation.of("list", "--tags", "disruptive", "--scenarios-package", PASSING);

        // The suite's exclusion still holds: --tags only narrows. An empty list is a note, not an error.
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).isEmpty();
        assertThat(list.err()).contains("note: no test matches suite 'default' with --tags 'disruptive'");
    }
}
