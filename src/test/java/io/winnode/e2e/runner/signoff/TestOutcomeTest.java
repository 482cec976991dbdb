package io.winnode.e2e.runner.signoff;

import io.winnode.e2e.runner.results.JunitXmlFile.Case;
import io.winnode.e2e.runner.results.JunitXmlFile.Outcome;
import io.winnode.e2e.runner.signoff.TestOutcome.Status;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Joining a retried test's attempts into one outcome per case name. */
class TestOutcomeTest {

    static final String ID = "DnsScenarios#resolves";

    static Case attempt(String name, Outcome outcome) {
        return new Case(name, ID, outcome, outcome == Outcome.FAILED ? "NXDOMAIN" : "");
    }

    @Test
    void aFailureThenAPassIsFlakyAndNoPassIsFailed() {
        List<TestOutcome> outcomes = TestOutcome.of(List.of(
                attempt("dns [linux]", Outcome.FAILED),
                attempt("dns [windows ltsc2022]", Outcome.FAILED),
                attempt("dns [linux]", Outcome.PASSED),
                attempt("dns [windows ltsc2022]", Outcome.FAILED)));

        assertThat(outcomes).extracting(TestOutcome::name, TestOutcome::status, TestOutcome::attempts).containsExactly(
                org.assertj.core.groups.Tuple.tuple("dns [linux]", Status.FLAKY, 2),
                org.assertj.core.groups.Tuple.tuple("dns [windows ltsc2022]", Status.FAILED, 2));
        assertThat(outcomes.get(0).message()).isEqualTo("NXDOMAIN");
    }

    @Test
    void aPassThenAFailureEndedRed() {
        assertThat(TestOutcome.of(List.of(attempt("dns [linux]", Outcome.PASSED), attempt("dns [linux]", Outcome.FAILED))))
                .singleElement().extracting(TestOutcome::status).isEqualTo(Status.FAILED);
    }

    @Test
    void theNumberSuffixOfARepeatedNameJoinsTheAttempts() {
        assertThat(TestOutcome.of(List.of(attempt("dns [linux]", Outcome.FAILED), attempt("dns [linux] #2", Outcome.PASSED))))
                .singleElement().extracting(TestOutcome::name, TestOutcome::status)
                .containsExactly("dns [linux]", Status.FLAKY);
    }

    @Test
    void onlySkippedAttemptsAreSkippedAndOnlyPassesPassed() {
        assertThat(TestOutcome.of(List.of(attempt("a [linux]", Outcome.SKIPPED), attempt("b [linux]", Outcome.PASSED),
                attempt("b [linux]", Outcome.SKIPPED))))
                .extracting(TestOutcome::status).containsExactly(Status.SKIPPED, Status.PASSED);
    }

    @Test
    void theWindowsBuildComesFromTheSideInTheName() {
        assertThat(TestOutcome.of(List.of(
                attempt("[sig-windows] Dns: resolves [windows ltsc2025]", Outcome.PASSED),
                attempt("[sig-windows] Dns: resolves [linux]", Outcome.PASSED),
                attempt("[sig-windows] Dns [setup or teardown]", Outcome.FAILED))))
                .extracting(TestOutcome::windowsBuild).containsExactly("ltsc2025", null, null);
    }
}
