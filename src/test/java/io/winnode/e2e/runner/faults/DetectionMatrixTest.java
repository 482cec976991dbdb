package io.winnode.e2e.runner.faults;

import io.winnode.e2e.runner.cluster.ActiveFault;
import io.winnode.e2e.runner.cluster.FaultFileSummary;
import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.results.JunitXmlResults;
import io.winnode.e2e.runner.selection.SelectionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code faults verify}'s aggregation, from JUnit XML files as a child run writes them: the reader,
 * the detection rows and the verdict. No child JVM.
 */
class DetectionMatrixTest {

    static final ChildRun.VerificationSettings SETTINGS = new ChildRun.VerificationSettings("default", 0.1, SelectionOptions.SCENARIOS_PACKAGE);
    static final ChildJvm.Exit PASSED = new ChildJvm.Exit(0, false, Duration.ofSeconds(20));
    static final ChildJvm.Exit FAILED = new ChildJvm.Exit(1, false, Duration.ofSeconds(25));

    @TempDir
    Path tmp;

    @Test
    void theReaderFindsFailuresErrorsTheirTestIdsAndFirstMessage() throws IOException {
        Path dir = junit(tmp.resolve("run"), "default", "D-22",
                passingCase("[sig-windows] Networking: pods connect [linux]", "PodConnectivityScenarios#connect"),
                failingCase("[sig-windows] Networking: pods connect [windows ltsc2022]", "PodConnectivityScenarios#connect",
                        "failure", "connection to 10.96.0.12:80\n  timed out after 3s"),
                "<testcase name=\"[sig-windows] Dns: setup [setup or teardown]\" classname=\"io.winnode.e2e.scenarios.DnsScenarios\">"
                        + "<error message=\"\">java.lang.IllegalStateException: namespace stuck\n\tat x.y</error></testcase>");

        JunitXmlResults results = JunitXmlResults.readDirectory(dir);

        assertThat(results.tests()).isEqualTo(3);
        assertThat(results.failed()).extracting(JunitXmlResults.FailedCase::testId)
                .containsExactly("PodConnectivityScenarios#connect", "DnsScenarios");
        assertThat(results.failed().get(1).message()).isEqualTo("java.lang.IllegalStateException: namespace stuck");
        assertThat(results.firstFailureMessage(200)).isEqualTo("connection to 10.96.0.12:80 timed out after 3s");
        assertThat(results.firstFailureMessage(12)).isEqualTo("connection …").hasSize(12);
        assertThat(results.properties()).containsEntry("winnode.faults", "D-22");
    }

    @Test
    void aRunThatWroteNoXmlReadsAsNoFiles() {
        JunitXmlResults results = JunitXmlResults.readDirectory(tmp.resolve("never-created"));

        assertThat(results.files()).isEmpty();
        assertThat(results.tests()).isZero();
    }

    @Test
    void greenWhenTheCleanRunPassesAndEveryFaultFailsATest() throws IOException {
        DetectionMatrix matrix = DetectionMatrix.of(SETTINGS, 7, List.of(
                clean(7, PASSED, passingCase("a [linux]", "A#a")),
                faulted("D-22", List.of("PodConnectivityScenarios#connect"), FAILED,
                        passingCase("a [linux]", "A#a"),
                        failingCase("connect [windows]", "PodConnectivityScenarios#connect", "failure", "refused"))));

        assertThat(matrix.exitCode()).isEqualTo(ExitCodes.PASSED);
        DetectionMatrix.FaultRow row = matrix.faults().get(0);
        assertThat(row.detected()).isTrue();
        assertThat(row.failedTests()).containsExactly("PodConnectivityScenarios#connect");
        assertThat(row.expectedCatcherFailed()).isTrue();
        assertThat(row.firstFailure()).isEqualTo("refused");
        assertThat(row.replay()).isEqualTo("./winnode run --cluster simulated --suite default --sim-seed 7 --timeout-scale 0.1 --parallel 1 --retries 0 --faults D-22");
        assertThat(matrix.verdict()).startsWith("PASS");
        assertThat(matrix.markdown()).contains("| D-22 | Defect D-22 | yes | PodConnectivityScenarios#connect | yes | refused |");
    }

    @Test
    void anUndetectedFaultMakesTheVerificationRed() throws IOException {
        DetectionMatrix matrix = DetectionMatrix.of(SETTINGS, 1, List.of(
                clean(1, PASSED, passingCase("a [linux]", "A#a")),
                faulted("D-22", List.of("A#a"), PASSED, passingCase("a [linux]", "A#a"))));

        assertThat(matrix.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(matrix.faults().get(0).detected()).isFalse();
        assertThat(matrix.faults().get(0).expectedCatcherFailed()).isFalse();
        assertThat(matrix.faults().get(0).note()).isEqualTo("all 1 tests passed under the fault");
        assertThat(matrix.verdict()).startsWith("FAIL").contains("undetected faults: D-22");
    }

    @Test
    void aFailedCleanRunIsRedAndNamesItsSeedAndReplay() throws IOException {
        DetectionMatrix matrix = DetectionMatrix.of(SETTINGS, 1, List.of(
                clean(1, PASSED, passingCase("a [linux]", "A#a")),
                clean(2, FAILED, failingCase("a [linux]", "A#a", "failure", "flaky\nwait"))));

        assertThat(matrix.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
        DetectionMatrix.CleanRow second = matrix.clean().get(1);
        assertThat(second.passed()).isFalse();
        assertThat(second.problem()).isEqualTo("1 failed, first A#a: flaky wait");
        assertThat(second.replay()).contains("--sim-seed 2").doesNotContain("--faults");
        assertThat(matrix.verdict()).contains("clean runs passed: 1 of 2");
    }

    @Test
    void aCleanRunWithoutTestsOrWithABadExitDoesNotPass() throws IOException {
        DetectionMatrix noTests = DetectionMatrix.of(SETTINGS, 1, List.of(clean(1, PASSED)));
        DetectionMatrix badExit = DetectionMatrix.of(SETTINGS, 1, List.of(
                clean(1, new ChildJvm.Exit(2, false, Duration.ofSeconds(1)), passingCase("a", "A#a"))));

        assertThat(noTests.clean().get(0).problem()).isEqualTo("no test ran");
        assertThat(noTests.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(badExit.clean().get(0).problem()).contains("winnode exited 2");
        assertThat(badExit.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
    }

    @Test
    void aFaultRunStoppedAtTheWallClockLimitIsNotDetected() {
        ChildRun run = ChildRun.faulted(fault("D-31", List.of()), 1, tmp);
        var result = new ChildRunResult(run, new ChildJvm.Exit(-1, true, Duration.ofSeconds(300)),
                JunitXmlResults.readDirectory(run.directory()));

        DetectionMatrix matrix = DetectionMatrix.of(SETTINGS, 1, List.of(result));

        DetectionMatrix.FaultRow row = matrix.faults().get(0);
        assertThat(row.detected()).isFalse();
        assertThat(row.expectedCatcherFailed()).isNull();
        assertThat(row.note()).contains("wall-clock limit").contains("no JUnit XML");
        assertThat(matrix.markdown()).contains("n/a (none declared)");
    }

    @Test
    void aBrokenClassSetupCountsAsItsMethodsFailing() {
        assertThat(DetectionMatrix.caughtBy("DnsScenarios#resolves", java.util.Set.of("DnsScenarios"))).isTrue();
        assertThat(DetectionMatrix.caughtBy("DnsScenarios#resolves", java.util.Set.of("DnsScenarios#other"))).isFalse();
    }

    @Test
    void theMatrixIsWrittenAsMarkdownAndJson() throws IOException {
        DetectionMatrix matrix = DetectionMatrix.of(SETTINGS, 3, List.of(clean(3, PASSED, passingCase("a", "A#a"))));

        matrix.writeTo(tmp.resolve("out"));

        assertThat(Files.readString(tmp.resolve("out/detection.md"))).contains("# Fault detection matrix").contains("seed 3");
        assertThat(Files.readString(tmp.resolve("out/detection.json"))).contains("\"seed\" : 3")
                .contains("\"cleanRunsPassed\" : true").contains("\"faults\" : [ ]");
    }

    private ChildRunResult clean(long seed, ChildJvm.Exit outcome, String... cases) throws IOException {
        ChildRun run = ChildRun.clean(seed, tmp.resolve("runs"));
        return new ChildRunResult(run, outcome, JunitXmlResults.readDirectory(junit(run.directory(), "default", "none", cases)));
    }

    private ChildRunResult faulted(String id, List<String> catchers, ChildJvm.Exit outcome, String... cases) throws IOException {
        ChildRun run = ChildRun.faulted(fault(id, catchers), 7, tmp.resolve("runs"));
        return new ChildRunResult(run, outcome, JunitXmlResults.readDirectory(junit(run.directory(), "default", id, cases)));
    }

    private ActiveFault fault(String id, List<String> catchers) {
        return new ActiveFault(new FaultFileSummary(id, "Defect " + id, new FaultFileSummary.Defect("ref " + id), catchers),
                tmp.resolve(id + ".yaml"));
    }

    /** A junit_<suite>.xml as JunitXmlReport writes it. */
    static Path junit(Path dir, String suite, String faults, String... cases) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("junit_" + suite + ".xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="winnode-e2e %s" tests="%d">
                  <properties>
                    <property name="winnode.cluster.kind" value="simulated"/>
                    <property name="winnode.faults" value="%s"/>
                  </properties>
                  %s
                </testsuite>
                """.formatted(suite, cases.length, faults, String.join("\n  ", cases)));
        return dir;
    }

    static String passingCase(String name, String testId) {
        return "<testcase name=\"" + name + "\" classname=\"io.winnode.e2e.scenarios.X\" time=\"1.0\">"
                + "<properties><property name=\"winnode.test.id\" value=\"" + testId + "\"/></properties></testcase>";
    }

    static String failingCase(String name, String testId, String kind, String message) {
        return "<testcase name=\"" + name + "\" classname=\"io.winnode.e2e.scenarios.X\" time=\"1.0\">"
                + "<properties><property name=\"winnode.test.id\" value=\"" + testId + "\"/></properties>"
                + "<" + kind + " message=\"" + message.replace("\n", "&#10;") + "\">stack</" + kind + "></testcase>";
    }
}
