package io.winnode.e2e.runner;

import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.selection.Quarantine;
import io.winnode.e2e.runner.signoff.RunFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static io.winnode.e2e.runner.Invocation.PASSING;
import static io.winnode.e2e.runner.signoff.RunFixture.name;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./winnode signoff} on fixture artifacts: the verdict's exit code, what it prints and the files
 * it writes. Quarantine ids name the fixture scenarios of {@link Invocation#PASSING}.
 */
class SignoffCommandTest {

    static final String PLACEMENT = "OsPlacementScenarios#workloadsLandOnNodesOfTheirOs";
    static final String SERVICE = "ServiceScenarios#clusterIpReachesWindowsPods";

    @TempDir
    Path tmp;

    static RunFixture greenGateRun() {
        return RunFixture.real("release-gate", "ltsc2022", "ltsc2025")
                .passedEverywhere(PLACEMENT, "ltsc2022", "ltsc2025")
                .passedEverywhere(SERVICE, "ltsc2022", "ltsc2025");
    }

    Invocation signoff(Path artifacts, String... more) {
        return signoffWithQuarantine(artifacts, "quarantine: []\n", more);
    }

    Invocation signoffWithQuarantine(Path artifacts, String quarantineYaml, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "signoff";
        args[1] = "--artifacts=" + artifacts;
        args[2] = "--quarantine=" + quarantine(quarantineYaml);
        args[3] = "--scenarios-package=" + PASSING;
        System.arraycopy(more, 0, args, 4, more.length);
        return Invocation.of(args);
    }

    Path quarantine(String yaml) {
        try {
            return Files.writeString(Files.createDirectories(tmp.resolve("q")).resolve("quarantine-" + yaml.hashCode() + ".yaml"), yaml);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String entry(String test, LocalDate expires) {
        return "  - test: " + test + "\n    issue: https://github.com/winnode/e2e/issues/7\n    owner: alice\n"
                + "    expires: " + expires + "\n    reason: times out on ltsc2025\n";
    }

    @Test
    void aGreenRealRunPassesAndWritesBothReports() throws IOException {
        Path artifacts = greenGateRun().writeTo(tmp.resolve("run"));

        Invocation signoff = signoff(artifacts);

        assertThat(signoff.exitCode()).as(signoff.err()).isZero();
        assertThat(signoff.out()).contains("Sign-off: PASS — suite release-gate on a real cluster (Kubernetes v1.31.2)")
                .contains("Windows builds: required ltsc2022, ltsc2025; covered ltsc2022, ltsc2025")
                .contains("Tests: 6 passed, 0 failed, 0 flaky, 0 skipped")
                .contains("Verdict: PASS (exit code 0)");
        assertThat(Files.readString(artifacts.resolve("signoff.json"))).contains("\"verdict\" : \"PASS\"")
                .contains("\"exitCode\" : 0").contains("\"missing\" : [ ]").contains("\"run.id\" : \"" + RunFixture.RUN_ID + "\"");
        assertThat(Files.readString(artifacts.resolve("signoff.md"))).startsWith("# Release sign-off: PASS")
                .contains("| Windows builds covered | ltsc2022, ltsc2025 |").contains("No quarantine entries.");
    }

    @Test
    void aFailedTestFailsWithExitCode1AndPrintsTheReason() throws IOException {
        Path artifacts = greenGateRun().failed(name(SERVICE, "windows ltsc2025"), SERVICE, "connection refused")
                .writeTo(tmp.resolve("run"));

        Invocation signoff = signoff(artifacts);

        assertThat(signoff.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(signoff.out()).contains("Sign-off: FAIL").contains("Reasons:")
                .contains("Failed: " + name(SERVICE, "windows ltsc2025")).contains("connection refused");
        assertThat(Files.readString(artifacts.resolve("signoff.md"))).contains("## Failed and flaky tests")
                .contains("connection refused");
    }

    @Test
    void aSimulatedRunIsInvalidWithExitCode5() throws IOException {
        Path artifacts = greenGateRun().metadata("cluster.kind", "simulated").writeTo(tmp.resolve("run"));

        Invocation signoff = signoff(artifacts);

        assertThat(signoff.exitCode()).isEqualTo(ExitCodes.SIGNOFF_INVALID).isNotZero();
        assertThat(signoff.out()).contains("Sign-off: INVALID").contains("simulated cluster, not a real one")
                .contains("--kubeconfig").contains("Verdict: INVALID (exit code 5)");
        assertThat(Files.readString(artifacts.resolve("signoff.json"))).contains("\"verdict\" : \"INVALID\"");
    }

    @Test
    void aQuarantinedFailurePassesWithAWarningAndTheEntryInTheReport() throws IOException {
        LocalDate inAMonth = LocalDate.now(ZoneOffset.UTC).plusDays(30);
        Path artifacts = greenGateRun().failed(name(SERVICE, "windows ltsc2025"), SERVICE, "timed out")
                .writeTo(tmp.resolve("run"));

        Invocation signoff = signoffWithQuarantine(artifacts, "quarantine:\n" + entry(SERVICE, inAMonth));

        assertThat(signoff.exitCode()).as(signoff.out() + signoff.err()).isZero();
        assertThat(signoff.out()).contains("Warnings:").contains("Quarantined test failed: " + name(SERVICE, "windows ltsc2025"));
        assertThat(Files.readString(artifacts.resolve("signoff.md")))
                .contains("| `" + SERVICE + "` | active | " + inAMonth + " | https://github.com/winnode/e2e/issues/7 | alice");
    }

    @Test
    void anExpiredEntryFailsTheGate() throws IOException {
        Path artifacts = greenGateRun().writeTo(tmp.resolve("run"));
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);

        Invocation signoff = signoffWithQuarantine(artifacts, "quarantine:\n" + entry(PLACEMENT, yesterday));

        assertThat(signoff.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(signoff.out()).contains("Quarantine entry for " + PLACEMENT + " expired on " + yesterday);
    }

    @Test
    void aMissingRequiredBuildFailsTheGate() throws IOException {
        Path artifacts = RunFixture.real("release-gate", "ltsc2022").passedEverywhere(PLACEMENT, "ltsc2022")
                .writeTo(tmp.resolve("run"));

        Invocation signoff = signoff(artifacts);

        assertThat(signoff.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(signoff.out()).contains("missing ltsc2025").contains("Required Windows build ltsc2025 was not covered");
    }

    @Test
    void aRunOfAnotherSuiteFailsWhenSigningOffForTheGate() throws IOException {
        Path artifacts = RunFixture.real("default", "ltsc2022", "ltsc2025")
                .passedEverywhere(PLACEMENT, "ltsc2022", "ltsc2025").writeTo(tmp.resolve("run"));

        assertThat(signoff(artifacts).exitCode()).as("the run's own suite requires no build").isZero();
        Invocation gate = signoff(artifacts, "--suite=release-gate");
        assertThat(gate.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(gate.out()).contains("The run ran the default suite, but sign-off was asked for the release-gate suite");
    }

    @Test
    void anotherRunsLeftoverXmlIsIgnoredWithAWarning() throws IOException {
        Path artifacts = greenGateRun().writeTo(tmp.resolve("run"));
        RunFixture.real("smoke", "ltsc2022").xmlProperty("winnode.run.id", "wn-older")
                .failed(name(PLACEMENT, "linux"), PLACEMENT, "old failure").writeXmlTo(artifacts);

        Invocation signoff = signoff(artifacts);

        assertThat(signoff.exitCode()).isZero();
        assertThat(signoff.out()).contains("Ignored junit_smoke.xml: it is from run wn-older").doesNotContain("old failure");
    }

    @Test
    void outputPutsTheReportsElsewhere() throws IOException {
        Path artifacts = greenGateRun().writeTo(tmp.resolve("run"));

        Invocation signoff = signoff(artifacts, "--output=" + tmp.resolve("out"));

        assertThat(signoff.exitCode()).isZero();
        assertThat(tmp.resolve("out/signoff.json")).exists();
        assertThat(tmp.resolve("out/signoff.md")).exists();
        assertThat(artifacts.resolve("signoff.json")).doesNotExist();
    }

    @Test
    void aMalformedQuarantineFileIsBadInput() throws IOException {
        Path artifacts = greenGateRun().writeTo(tmp.resolve("run"));

        Invocation signoff = signoffWithQuarantine(artifacts, "quarantine:\n  - test: " + SERVICE
                + "\n    issue: not-a-url\n    owner: alice\n    expires: 2030-01-01\n");

        assertThat(signoff.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(signoff.err()).contains("quarantine entry 1 (test " + SERVICE + "): issue 'not-a-url' is not a URL");
        assertThat(artifacts.resolve("signoff.json")).doesNotExist();
    }

    @Test
    void aQuarantinedIdThatIsNoScenarioIsBadInput() throws IOException {
        Path artifacts = greenGateRun().writeTo(tmp.resolve("run"));

        Invocation signoff = signoffWithQuarantine(artifacts, "quarantine:\n"
                + entry("OsPlacementScenarios#noSuchTest", LocalDate.of(2030, 1, 1)));

        assertThat(signoff.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(signoff.err()).contains("(test OsPlacementScenarios#noSuchTest) names no scenario test");
    }

    @Test
    void missingMetadataIsBadInput() throws IOException {
        Path artifacts = greenGateRun().writeXmlTo(tmp.resolve("run"));

        Invocation signoff = signoff(artifacts);

        assertThat(signoff.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(signoff.err()).contains("No run metadata at " + artifacts.resolve("metadata.json"));
    }

    @Test
    void aTruncatedJunitXmlIsBadInput() throws IOException {
        Path artifacts = greenGateRun().writeTo(tmp.resolve("run"));
        Files.writeString(artifacts.resolve("junit_release-gate.xml"), "<testsuite><testcase name=\"x\"");

        Invocation signoff = signoff(artifacts);

        assertThat(signoff.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(signoff.err()).contains("junit_release-gate.xml").contains("run the suite again");
    }

    @Test
    void anUnknownSuiteIsBadInput() throws IOException {
        Path artifacts = greenGateRun().writeTo(tmp.resolve("run"));

        Invocation signoff = signoff(artifacts, "--suite=release");

        assertThat(signoff.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(signoff.err()).contains("Unknown suite 'release'");
    }
}
