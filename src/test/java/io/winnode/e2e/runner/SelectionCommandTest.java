package io.winnode.e2e.runner;

import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.selection.RecordedDurationsTest;
import io.winnode.e2e.runner.selection.Suites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.winnode.e2e.runner.Invocation.PASSING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code list} (and so {@code run}) selects: every shipped suite, explicit test ids, unknown
 * names, the reasons a test is out, and shards of a selection.
 */
class SelectionCommandTest {

    private static final String TEST_ID = "[A-Za-z0-9_$]+#[A-Za-z0-9_$]+";

    @TempDir
    Path tmp;

    @AfterEach
    void restoreHome() {
        System.clearProperty("winnode.home");
    }

    static Set<String> shippedSuites() {
        return Suites.names();
    }

    @Test
    void theShippedSuitesAreTheSuitesFolderWithoutTheQuarantineFile() {
        assertThat(Suites.names()).contains("default", "smoke", "conformance", "extended", "serial", "release-gate",
                "testgrid-parallel", "testgrid-serial").doesNotContain("quarantine");
    }

    @ParameterizedTest
    @MethodSource("shippedSuites")
    void everyShippedSuiteLists(String suite) {
        Invocation list = Invocation.of("list", "--suite", suite);

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.outLines()).allMatch(line -> line.matches(TEST_ID)).isSorted().doesNotHaveDuplicates();
        if (list.outLines().isEmpty()) {
            assertThat(list.err()).contains("note: no test matches suite '" + suite + "'");
        } else {
            assertThat(list.err()).contains(list.outLines().size() + " of ").contains("selected by suite '" + suite + "'");
        }
    }

    @Test
    void anUnknownTagIsBadInputListingCarriedAndDeclaredTags() {
        Invocation list = Invocation.of("list", "--tags", "networking & !slwo", "--scenarios-package", PASSING);

        assertThat(list.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(list.err()).contains("Unknown tag 'slwo' in --tags 'networking & !slwo'")
                .contains("fixture") // carried by the fixture tests only
                .contains("Extend.HostProcess"); // declared in Tags, carried by no fixture test
        assertThat(list.out()).isEmpty();
    }

    @Test
    void aTagThatIsDeclaredButCarriedByNoTestIsValid() {
        Invocation list = Invocation.of("list", "--tags", "Extend.Worker", "--scenarios-package", PASSING);

        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).isEmpty();
    }

    @Test
    void anUnknownTagInASuiteIsBadInputNamingTheSuiteFile() throws IOException {
        Invocation list = listSuiteFile("typo", "name: typo\ninclude: scheduling | netwroking\n");

        assertThat(list.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(list.err()).contains("Unknown tag 'netwroking' in include 'scheduling | netwroking' of suite 'typo'")
                .contains("typo.yaml").contains("networking");
    }

    @Test
    void anUnknownTestIdIsBadInputListingTheValidIds() {
        Invocation list = Invocation.of("list", "--test", "OsPlacementScenarios#noSuchTest", "--scenarios-package", PASSING);

        assertThat(list.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(list.err()).contains("Unknown test id 'OsPlacementScenarios#noSuchTest' in --test")
                .contains("NodeDrainScenarios#podsMoveOffADrainedNode", "OsPlacementScenarios#slowPlacementCheck",
                        "ServiceScenarios#clusterIpReachesWindowsPods");
        assertThat(list.out()).isEmpty();
    }

    @Test
    void anUnknownTestIdInASuiteIsBadInputNamingTheSuiteFile() throws IOException {
        Invocation list = listSuiteFile("picked", """
                name: picked
                excludeTests:
                  - id: ServiceScenarios#gone
                    reason: renamed long ago
                """);

        assertThat(list.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(list.err()).contains("Unknown test id 'ServiceScenarios#gone' in excludeTests of suite 'picked'")
                .contains("ServiceScenarios#clusterIpReachesWindowsPods");
    }

    @Test
    void aSuiteNamingOneTestInBothIncludeAndExcludeTestsIsBadInput() throws IOException {
        Invocation list = listSuiteFile("torn", """
                name: torn
                includeTests: [{id: ServiceScenarios#clusterIpReachesWindowsPods, reason: a}]
                excludeTests: [{id: ServiceScenarios#clusterIpReachesWindowsPods, reason: b}]
                """);

        assertThat(list.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(list.err()).contains("'ServiceScenarios#clusterIpReachesWindowsPods' is in both includeTests and excludeTests");
    }

    @Test
    void aSuitesExplicitTestsWinOverItsTagsAndStderrSaysWhyEachTestIsOut() throws IOException {
        Invocation list = listSuiteFile("picked", """
                name: picked
                include: networking
                includeTests:
                  - id: NodeDrainScenarios#podsMoveOffADrainedNode
                    reason: the one disruptive test this suite needs
                excludeTests:
                  - id: ServiceScenarios#clusterIpReachesWindowsPods
                    reason: flaky on 1.31, see issue 123
                """);

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.outLines()).containsExactly("NodeDrainScenarios#podsMoveOffADrainedNode");
        assertThat(list.err().lines()).contains(
                "excluded  ServiceScenarios#clusterIpReachesWindowsPods  excluded by suite 'picked': flaky on 1.31, see issue 123",
                "excluded  OsPlacementScenarios#slowPlacementCheck  tags [slow, fixture, scheduling, Core.Scheduling] do not match (networking)");
    }

    @Test
    void stderrNamesEveryTestTheDefaultSuiteLeavesOutWithItsTags() {
        Invocation list = Invocation.of("list", "--scenarios-package", PASSING);

        assertThat(list.exitCode()).isZero();
        assertThat(list.err().lines()).contains(
                "excluded  NodeDrainScenarios#podsMoveOffADrainedNode  tags [fixture, scheduling, disruptive] do not match any() & !(serial | disruptive)");
        assertThat(list.out()).doesNotContain("excluded");
    }

    @Test
    void testSelectsExactlyThatTestWhateverTheSuitesTags() {
        Invocation list = Invocation.of("list", "--test", "NodeDrainScenarios#podsMoveOffADrainedNode", "--scenarios-package", PASSING);

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.outLines()).containsExactly("NodeDrainScenarios#podsMoveOffADrainedNode");
        assertThat(list.err()).contains("excluded  ServiceScenarios#clusterIpReachesWindowsPods  not named by --test");
    }

    @Test
    void testIsRepeatable() {
        Invocation list = Invocation.of("list", "--test", "ServiceScenarios#clusterIpReachesWindowsPods",
                "--test", "OsPlacementScenarios#slowPlacementCheck", "--scenarios-package", PASSING);

        assertThat(list.outLines()).containsExactly("OsPlacementScenarios#slowPlacementCheck", "ServiceScenarios#clusterIpReachesWindowsPods");
    }

    @Test
    void testAndTagsTogetherAreBadInput() {
        Invocation list = Invocation.of("list", "--test", "ServiceScenarios#clusterIpReachesWindowsPods", "--tags", "networking",
                "--scenarios-package", PASSING);

        assertThat(list.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(list.err()).contains("Drop one of them");
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void theShardsOfTheDefaultSuiteAreDisjointCoverItAndAreStable(int count) {
        List<String> all = Invocation.of("list").outLines();
        assertThat(all).hasSizeGreaterThanOrEqualTo(count);

        List<String> union = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Invocation shard = Invocation.of("list", "--shard", i + "/" + count);
            assertThat(shard.exitCode()).as(shard.err()).isZero();
            assertThat(shard.outLines()).isNotEmpty().isEqualTo(Invocation.of("list", "--shard", i + "/" + count).outLines());
            assertThat(shard.err()).contains("in another shard (");
            union.addAll(shard.outLines());
        }
        assertThat(union).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void recordedDurationsBalanceTheShardsWithinTheLongestTest() throws IOException {
        List<String> all = Invocation.of("list").outLines();
        assertThat(all).hasSizeGreaterThan(6);
        // Two long tests at positions 0 and 6 of the sorted ids: a round-robin split would put both in shard 1.
        Map<String, Long> millis = new HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            millis.put(all.get(i), i == 0 || i == 6 ? 600_000L : 10_000L + 1_000L * i);
        }
        Path durations = junitXml(millis);
        long longest = millis.values().stream().mapToLong(Long::longValue).max().orElseThrow();

        int count = 3;
        List<String> union = new ArrayList<>();
        List<Long> loads = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String[] args = {"list", "--shard", i + "/" + count, "--durations", durations.toString()};
            Invocation shard = Invocation.of(args);
            assertThat(shard.exitCode()).as(shard.err()).isZero();
            assertThat(Invocation.of(args).outLines()).isEqualTo(shard.outLines());
            union.addAll(shard.outLines());
            loads.add(shard.outLines().stream().mapToLong(millis::get).sum());
        }
        assertThat(union).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        assertThat(loads.stream().mapToLong(Long::longValue).max().orElseThrow()
                - loads.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThanOrEqualTo(longest);
        assertThat(new TreeSet<>(Invocation.of("list", "--shard", "1/3").outLines()))
                .as("without durations the split differs").isNotEqualTo(new TreeSet<>(Invocation.of("list", "--shard", "1/3",
                        "--durations", durations.toString()).outLines()));
    }

    @Test
    void moreShardsThanSelectedTestsIsBadInputNamingTheLimit() {
        Invocation list = Invocation.of("list", "--shard", "1/5", "--scenarios-package", PASSING);

        assertThat(list.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(list.err()).contains("holds only 4 tests; use at most 4 shards");
    }

    @Test
    void aShardThatIsNotIOverNIsBadInput() {
        Invocation list = Invocation.of("list", "--shard", "3", "--scenarios-package", PASSING);

        assertThat(list.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(list.err()).contains("--shard '3' is not I/N");
    }

    @Test
    void durationsWithoutAShardAreBadInput() throws IOException {
        Invocation list = Invocation.of("list", "--durations", junitXml(Map.of()).toString(), "--scenarios-package", PASSING);

        assertThat(list.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(list.err()).contains("Add --shard I/N, or drop --durations");
    }

    @Test
    void runRefusesAnEmptySelection() {
        Invocation run = Invocation.of("run", "--tags", "disruptive", "--scenarios-package", PASSING,
                "--artifacts", tmp.resolve("a").toString(), "--allure-results", tmp.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("No test matches suite 'default' with --tags 'disruptive'");
    }

    private Path junitXml(Map<String, Long> millis) throws IOException {
        StringBuilder cases = new StringBuilder();
        millis.forEach((id, ms) -> {
            // Two OS sides of one test: their times add up.
            cases.append(RecordedDurationsTest.testCase(id, String.valueOf(ms / 2 / 1000.0)));
            cases.append(RecordedDurationsTest.testCase(id, String.valueOf((ms - ms / 2) / 1000.0)));
        });
        return Files.writeString(tmp.resolve("junit_default.xml"),
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"s\">" + cases + "</testsuite>\n");
    }

    /** Lists suite {@code name} from a checkout (WINNODE_HOME) whose suites/NAME.yaml holds {@code yaml}. */
    private Invocation listSuiteFile(String name, String yaml) throws IOException {
        Path suites = Files.createDirectories(tmp.resolve("suites"));
        Files.writeString(suites.resolve(name + ".yaml"), yaml);
        System.setProperty("winnode.home", tmp.toString());
        return Invocation.of("list", "--suite", name, "--scenarios-package", PASSING);
    }
}
