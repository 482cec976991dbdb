package io.winnode.e2e.runner.signoff;

import io.winnode.e2e.runner.results.JunitXmlFile.Attempt;
import io.winnode.e2e.runner.results.JunitXmlFile.AttemptResult;
import io.winnode.e2e.runner.signoff.TestCaseResult.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Joining a retried test's attempts into one outcome per case name. */
class TestCaseResultTest {

    static final String ID = "DnsScenarios#resolves";

    static Attempt attempt(String name, AttemptResult outcome) {
        return new Attempt(name, ID, outcome, outcome == AttemptResult.FAILED ? "NXDOMAIN" : "");
    }

    @Test
    void aFailureThenAPassIsFlakyAndNoPassIsFailed() {
        List<TestCaseResult> outcomes = TestCaseResult.of(List.of(
                attempt("dns [linux]", AttemptResult.FAILED),
                attempt("dns [windows ltsc2022]", AttemptResult.FAILED),
                attempt("dns [linux]", AttemptResult.PASSED),
                attempt("dns [windows ltsc2022]", AttemptResult.FAILED)));

        assertThat(outcomes).extracting(TestCaseResult::name, TestCaseResult::status, TestCaseResult::attempts).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dns [linux]", Status.FLAKY, 2),
                org.assertj.core.groups.Tuple.tuple("dns [windows ltsc2022]", Status.FAILED, 2));
        assertThat(outcomes.get(0).message()).isEqualTo("NXDOMAIN");
    }

    @Test
    void aPassThenAFailureEndedRed() {
        assertThat(TestCaseResult.of(List.of(attempt("dns [linux]", AttemptResult.PASSED), attempt("dns [linux]", AttemptResult.FAILED))))
                .singleElement().extracting(TestCaseResult::status).isEqualTo(Status.FAILED);
    }

    @Test
    void theNumberSuffixOfARepeatedNameJoinsTheAttempts() {
        assertThat(TestCaseResult.of(List.of(attempt("dns [linux]", AttemptResult.FAILED), attempt("dns [linux] #2", AttemptResult.PASSED))))
                .singleElement().extracting(TestCaseResult::name, TestCaseResult::status)
                .containsExactly("dns [linux]", Status.FLAKY);
    }

    @Test
    void onlySkippedAttemptsAreSkippedAndOnlyPassesPassed() {
        assertThat(TestCaseResult.of(List.of(attempt("a [linux]", AttemptResult.SKIPPED), attempt("b [linux]", AttemptResult.PASSED),
                attempt("b [linux]", AttemptResult.SKIPPED))))
                .extracting(TestCaseResult::status).containsExactly(Status.SKIPPED, Status.PASSED);
    }

    @Test
    void theWindowsBuildComesFromTheSideInTheName() {
        assertThat(TestCaseResult.of(List.of(
                attempt("[sig-windows] Dns: resolves [windows ltsc2025]", AttemptResult.PASSED),
                attempt("[sig-windows] Dns: resolves [linux]", AttemptResult.PASSED),
                attempt("[sig-windows] Dns [setup or teardown]", AttemptResult.FAILED))))
                .extracting(TestCaseResult::windowsBuild).containsExactly("ltsc2025", null, null);
    }
}
