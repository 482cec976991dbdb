package io.winnode.e2e.runner;

import io.winnode.e2e.framework.junit.RunParameters;
import io.winnode.e2e.runner.cluster.FaultFilesForTests;
import io.winnode.e2e.runner.fixtures.SeenParameters;
import io.winnode.e2e.runner.results.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.winnode.e2e.runner.Invocation.PASSING;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code --faults}, {@code --timeout-scale} and {@code faults list|verify}: validation and exit codes. */
class FaultsCommandLineTest {

    @TempDir
    Path home;

    @BeforeEach
    void catalog() throws IOException {
        FaultFilesForTests.catalogHome(home, "Z-22", "Z-3");
        System.setProperty("winnode.home", home.toString());
        SeenParameters.SEEN.clear();
    }

    @AfterEach
    void restoreHome() {
        System.clearProperty("winnode.home");
    }

    @Test
    void faultsOnARealClusterAreBadInput() {
        Invocation run = Invocation.of("run", "--faults", "Z-22", "--kubeconfig", "/no/such/kubeconfig");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("--faults only applies to --cluster simulated");
    }

    @Test
    void anUnknownFaultIdIsBadInputListingTheCatalogBeforeAnyClusterStarts() {
        Invocation run = Invocation.of("run", "--cluster", "simulated", "--faults", "Z-404", "--artifacts", home.resolve("a").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("Z-404").contains("Z-3, Z-22");
        assertThat(run.out()).doesNotContain("Cluster:");
    }

    @Test
    void aTimeoutScaleMustBePositive() {
        for (String scale : new String[] {"0", "-1", "NaN"}) {
            Invocation run = Invocation.of("run", "--cluster", "simulated", "--timeout-scale", scale);

            assertThat(run.exitCode()).as(scale).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).as(scale).contains("--timeout-scale").contains("greater than 0");
        }
        assertThat(Invocation.of("run", "--timeout-scale", "fast").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    @Test
    void aFaultedRunSaysSoInTheBannerTheJunitXmlAndAllure() throws IOException {
        Path file = FaultFilesForTests.write(home.resolve("mine.yaml"), "Z-77", "Throwaway fault");

        Invocation run = Invocation.of("run", "--cluster", "simulated", "--scenarios-package", PASSING,
                "--faults", file.toString(), "--faults", "Z-3", "--timeout-scale", "0.5",
                "--artifacts", home.resolve("a").toString(), "--allure-results", home.resolve("r").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Faults:      INJECTED Z-77 (Throwaway fault), Z-3 (Defect Z-3)")
                .contains("Timeouts:    scaled by 0.5");
        assertThat(Files.readString(home.resolve("a/junit_default.xml")))
                .contains("<property name=\"winnode.faults\" value=\"Z-77,Z-3\"/>")
                .contains("<property name=\"winnode.test.id\" value=\"OsPlacementScenarios#workloadsLandOnNodesOfTheirOs\"/>");
        assertThat(Files.readString(home.resolve("r/environment.properties"))).contains("faults=Z-77,Z-3")
                .contains("timeout.scale=0.5");
        assertThat(SeenParameters.SEEN).containsEntry(RunParameters.TIMEOUT_SCALE, "0.5");
    }

    @Test
    void faultsListPrintsIdAndTitleSortedById() {
        Invocation list = Invocation.of("faults", "list");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.outLines()).containsSubsequence("Z-3\tDefect Z-3", "Z-22\tDefect Z-22");
    }

    @Test
    void faultsAloneIsBadInput() {
        Invocation run = Invocation.of("faults");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("faults list or faults verify");
    }

    @Test
    void verifyRefusesBadOptionsBeforeStartingAnyRun() {
        assertBadInput(new String[] {"--parallel", "0"}, "--parallel 0 must be at least 1");
        assertBadInput(new String[] {"--clean-runs", "0"}, "--clean-runs 0");
        assertBadInput(new String[] {"--timeout-scale", "0"}, "--timeout-scale");
        assertBadInput(new String[] {"--run-timeout", "0"}, "--run-timeout");
        assertBadInput(new String[] {"--suite", "nope"}, "Unknown suite 'nope'");
        assertBadInput(new String[] {"--only", "Z-3,Z-404"}, "--only Z-404 is not a catalog fault id");
        assertBadInput(new String[] {"--clean-only", "--only", "Z-3"}, "--clean-only runs no fault");
    }

    private void assertBadInput(String[] options, String message) {
        String[] args = new String[options.length + 4];
        args[0] = "faults";
        args[1] = "verify";
        args[2] = "--artifacts";
        args[3] = home.resolve("verify").toString();
        System.arraycopy(options, 0, args, 4, options.length);

        Invocation run = Invocation.of(args);

        assertThat(run.exitCode()).as(String.join(" ", options) + "\n" + run.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).as(String.join(" ", options)).contains(message);
        assertThat(home.resolve("verify/faults")).as("no child run started").doesNotExist();
    }
}
