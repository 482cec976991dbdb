package io.winnode.e2e.runner.signoff;

import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.results.RunFact;
import io.winnode.e2e.runner.selection.Quarantine;
import io.winnode.e2e.runner.selection.QuarantineEntry;
import io.winnode.e2e.runner.signoff.SignoffVerdict.Verdict;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static io.winnode.e2e.runner.signoff.RunFixture.name;
import static org.assertj.core.api.Assertions.assertThat;

/** The release gate's rules on in-memory evidence, judged on 2026-03-01. */
class SignoffGateTest {

    static final Clock MARCH_1 = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    static final String GATE = "release-gate";
    static final List<String> BOTH = List.of("ltsc2022", "ltsc2025");
    static final String CONNECT = "PodConnectivityScenarios#connect";
    static final String DNS = "DnsScenarios#resolves";

    /** Both tests passed on Linux and on both required builds of a real cluster. */
    static RunFixture greenRun() {
        return RunFixture.real(GATE, "ltsc2022", "ltsc2025")
                .passedEverywhere(CONNECT, "ltsc2022", "ltsc2025")
                .passedEverywhere(DNS, "ltsc2022", "ltsc2025");
    }

    static QuarantineEntry entry(String test, String expires) {
        return new QuarantineEntry(test, URI.create("https://github.com/winnode/e2e/issues/7"), "alice",
                LocalDate.parse(expires), "flaky DNS on 2025");
    }

    static SignoffVerdict judge(RunFixture run, QuarantineEntry... quarantine) {
        return SignoffGate.judge(run.evidence(GATE, BOTH, List.of(quarantine)), MARCH_1);
    }

    @Test
    void aCleanRealRunCoveringEveryBuildPasses() {
        SignoffVerdict verdict = judge(greenRun());

        assertThat(verdict.verdict()).isEqualTo(Verdict.PASS);
        assertThat(verdict.exitCode()).isZero();
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.warnings()).isEmpty();
        assertThat(verdict.tests()).isEqualTo(new SignoffVerdict.Counts(6, 0, 0, 0, 0));
        assertThat(verdict.builds().covered()).containsExactly("ltsc2022", "ltsc2025");
        assertThat(verdict.builds().missing()).isEmpty();
        assertThat(verdict.cluster()).isEqualTo(new SignoffVerdict.Cluster("real", "v1.31.2", null, RunFixture.RUN_ID));
        assertThat(verdict.date()).isEqualTo("2026-03-01");
    }

    @Test
    void aFailedTestFailsTheGateNamingTheCaseAndItsMessage() {
        SignoffVerdict verdict = judge(greenRun().failed(name(CONNECT, "windows ltsc2025"), CONNECT, "timed out after 3s"));

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.exitCode()).isEqualTo(ExitCodes.TESTS_FAILED);
        assertThat(verdict.reasons()).singleElement().asString()
                .contains(name(CONNECT, "windows ltsc2025")).contains(CONNECT).contains("timed out after 3s");
        assertThat(verdict.tests().failed()).isEqualTo(1);
        assertThat(verdict.problems()).singleElement().satisfies(p -> assertThat(p.quarantined()).isFalse());
    }

    @Test
    void everyReasonIsListedNotJustTheFirst() {
        RunFixture run = RunFixture.real("default", "ltsc2022")
                .passedEverywhere(DNS, "ltsc2022")
                .failed(name(CONNECT, "linux"), CONNECT, "refused");

        SignoffVerdict verdict = judge(run, entry(DNS, "2026-02-28"));

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reasons()).hasSize(4)
                .anySatisfy(r -> assertThat(r).contains("ran the default suite").contains("--suite release-gate"))
                .anySatisfy(r -> assertThat(r).startsWith("Failed: ").contains(CONNECT))
                .anySatisfy(r -> assertThat(r).contains("expired on 2026-02-28"))
                .anySatisfy(r -> assertThat(r).contains("ltsc2025 was not covered"));
    }

    @Test
    void anExpiredQuarantineEntryFailsTheGateEvenWhenItsTestPassed() {
        SignoffVerdict verdict = judge(greenRun(), entry(DNS, "2026-02-28"));

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reasons()).singleElement().asString()
                .contains("Quarantine entry for " + DNS + " expired on 2026-02-28")
                .contains("https://github.com/winnode/e2e/issues/7").contains("alice").contains("renew");
        assertThat(verdict.quarantine()).singleElement()
                .satisfies(q -> assertThat(q.state()).isEqualTo(QuarantineEntry.State.EXPIRED))
                .satisfies(q -> assertThat(q.daysLeft()).isEqualTo(-1));
    }

    @Test
    void anExpiredEntryNoLongerShieldsItsFailingTest() {
        SignoffVerdict verdict = judge(greenRun().failed(name(DNS, "linux"), DNS, "NXDOMAIN"), entry(DNS, "2026-02-28"));

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reasons()).hasSize(2).anySatisfy(r -> assertThat(r).startsWith("Failed: ").contains("NXDOMAIN"));
        assertThat(verdict.tests().quarantined()).isZero();
    }

    @Test
    void aRequiredBuildTheClusterLacksFailsTheGate() {
        RunFixture run = RunFixture.real(GATE, "ltsc2022").passedEverywhere(CONNECT, "ltsc2022");

        SignoffVerdict verdict = judge(run);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.builds().covered()).containsExactly("ltsc2022");
        assertThat(verdict.builds().missing()).containsExactly("ltsc2025");
        assertThat(verdict.reasons()).singleElement().asString()
                .contains("Required Windows build ltsc2025 was not covered").contains("no schedulable ltsc2025 node");
    }

    @Test
    void aRequiredBuildWhoseCasesWereAllSkippedIsNotCovered() {
        RunFixture run = RunFixture.real(GATE, "ltsc2022", "ltsc2025")
                .passed(name(CONNECT, "linux"), CONNECT)
                .passed(name(CONNECT, "windows ltsc2022"), CONNECT)
                .skipped(name(CONNECT, "windows ltsc2025"), CONNECT);

        SignoffVerdict verdict = judge(run);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.builds().missing()).containsExactly("ltsc2025");
        assertThat(verdict.reasons()).singleElement().asString().contains("no Windows test case ran on it");
        assertThat(verdict.tests().skipped()).isEqualTo(1);
    }

    @Test
    void aBuildTheTestsRanOnButTheMetadataDoesNotListIsNotCovered() {
        RunFixture run = greenRun().metadata(RunFact.WINDOWS_BUILDS.key(), "ltsc2022");

        SignoffVerdict verdict = judge(run);

        assertThat(verdict.builds().covered()).containsExactly("ltsc2022");
        assertThat(verdict.reasons()).anySatisfy(r -> assertThat(r).contains("mixes runs"));
    }

    @Test
    void aFlakyTestFailsTheGate() {
        RunFixture run = RunFixture.real(GATE, "ltsc2022", "ltsc2025")
                .passedEverywhere(CONNECT, "ltsc2022", "ltsc2025")
                .passed(name(DNS, "linux"), DNS)
                .failed(name(DNS, "windows ltsc2022"), DNS, "NXDOMAIN")
                .passed(name(DNS, "windows ltsc2022"), DNS)
                .passed(name(DNS, "windows ltsc2025"), DNS);

        SignoffVerdict verdict = judge(run);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.tests()).isEqualTo(new SignoffVerdict.Counts(5, 0, 1, 0, 0));
        assertThat(verdict.reasons()).singleElement().asString().startsWith("Flaky: " + name(DNS, "windows ltsc2022"))
                .contains("2 attempts").contains("NXDOMAIN").contains("does not accept a pass that needed a retry");
    }

    @Test
    void aQuarantinedFailurePassesWithAWarning() {
        RunFixture run = greenRun().failed(name(DNS, "windows ltsc2025"), DNS, "NXDOMAIN");

        SignoffVerdict verdict = judge(run, entry(DNS, "2026-06-30"));

        assertThat(verdict.verdict()).isEqualTo(Verdict.PASS);
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.warnings()).singleElement().asString()
                .contains("Quarantined test failed").contains(DNS).contains("2026-06-30").contains("NXDOMAIN");
        assertThat(verdict.tests().quarantined()).isEqualTo(1);
        assertThat(verdict.quarantine()).singleElement().satisfies(q -> {
            assertThat(q.state()).isEqualTo(QuarantineEntry.State.ACTIVE);
            assertThat(q.seen()).isEqualTo("failed");
        });
    }

    @Test
    void aQuarantinedFlakyTestPassesWithAWarning() {
        RunFixture run = greenRun().failed(name(DNS, "linux"), DNS, "NXDOMAIN").passed(name(DNS, "linux"), DNS);

        SignoffVerdict verdict = judge(run, entry(DNS, "2026-06-30"));

        assertThat(verdict.verdict()).isEqualTo(Verdict.PASS);
        assertThat(verdict.warnings()).singleElement().asString().contains("was flaky");
    }

    @Test
    void anEntryExpiringWithinTwoWeeksWarnsAndStillShieldsOnItsLastDay() {
        RunFixture run = greenRun().failed(name(DNS, "linux"), DNS, "NXDOMAIN");

        SignoffVerdict lastDay = judge(run, entry(DNS, "2026-03-01"));
        SignoffVerdict twoWeeks = judge(greenRun(), entry(DNS, "2026-03-15"));
        SignoffVerdict later = judge(greenRun(), entry(DNS, "2026-03-16"));

        assertThat(lastDay.verdict()).isEqualTo(Verdict.PASS);
        assertThat(lastDay.warnings()).anySatisfy(w -> assertThat(w).contains("expires on 2026-03-01 (in 0 days"));
        assertThat(twoWeeks.quarantine().get(0).state()).isEqualTo(QuarantineEntry.State.EXPIRING_SOON);
        assertThat(later.quarantine().get(0).state()).isEqualTo(QuarantineEntry.State.ACTIVE);
    }

    @Test
    void aQuarantinedTestThatPassedSuggestsRemovingTheEntry() {
        SignoffVerdict verdict = judge(greenRun(), entry(DNS, "2026-06-30"));

        assertThat(verdict.verdict()).isEqualTo(Verdict.PASS);
        assertThat(verdict.warnings()).singleElement().asString().contains(DNS).contains("remove its quarantine entry");
    }

    @Test
    void aSimulatedRunIsInvalidEvenWhenEverythingPassed() {
        RunFixture run = greenRun().metadata(RunFact.CLUSTER_KIND.key(), "simulated").xmlProperty("winnode.cluster.kind", "simulated");

        SignoffVerdict verdict = judge(run);

        assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(verdict.exitCode()).isEqualTo(ExitCodes.SIGNOFF_INVALID);
        assertThat(verdict.reasons()).singleElement().asString()
                .contains("simulated cluster, not a real one").contains("--kubeconfig").contains("--suite release-gate");
    }

    @Test
    void anyKindButRealIsInvalid() {
        assertThat(judge(greenRun().metadata(RunFact.CLUSTER_KIND.key(), "k3s")).verdict()).isEqualTo(Verdict.INVALID);
        assertThat(judge(greenRun().metadata(RunFact.CLUSTER_KIND.key(), null)).reasons())
                .singleElement().asString().contains("does not say which cluster");
    }

    @Test
    void injectedFaultsMakeTheRunInvalidAndOtherFindingsAreStillListed() {
        RunFixture run = greenRun().metadata(RunFact.FAULTS.key(), "D-22").failed(name(CONNECT, "linux"), CONNECT, "refused");

        SignoffVerdict verdict = judge(run);

        assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(verdict.reasons()).hasSize(2);
        assertThat(verdict.reasons().get(0)).contains("Faults were injected (D-22)").contains("without --faults");
        assertThat(verdict.reasons().get(1)).startsWith("Failed: ");
    }

    @Test
    void aJunitXmlThatContradictsTheMetadataIsInvalid() {
        RunFixture run = greenRun().xmlProperty("winnode.cluster.kind", "simulated");

        SignoffVerdict verdict = judge(run);

        assertThat(verdict.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(verdict.reasons()).singleElement().asString().contains("junit_release-gate.xml").contains("mixes runs");
    }

    @Test
    void aRunWithoutAnyTestThatRanFails() {
        RunFixture allSkipped = RunFixture.real(GATE, "ltsc2022", "ltsc2025").skipped(name(CONNECT, "linux"), CONNECT);

        SignoffVerdict verdict = judge(allSkipped);

        assertThat(verdict.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(verdict.reasons()).anySatisfy(r -> assertThat(r).startsWith("No test ran: all 1 test cases were skipped"));
    }
}
