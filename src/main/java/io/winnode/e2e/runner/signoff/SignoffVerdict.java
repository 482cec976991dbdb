package io.winnode.e2e.runner.signoff;

import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.selection.QuarantineEntry;

import java.util.List;
import java.util.Map;

/**
 * The release gate's judgement of one run, with everything it was judged on: what {@code signoff.json}
 * holds and {@code signoff.md} shows. Built by {@link SignoffGate}.
 *
 * @param verdict  PASS, FAIL or INVALID
 * @param suite    the suite signed off for
 * @param runSuite the suite the run ran (metadata's {@code suite}); null when the metadata does not say
 * @param date     the day judged on (quarantine expiry is relative to it), YYYY-MM-DD
 * @param reasons  why the verdict is not PASS, every one of them (INVALID's first); empty on PASS
 * @param warnings what does not fail the gate but needs attention (shielded failures, entries expiring soon)
 * @param problems every failed and flaky test case, shielded or not
 * @param run      the run's {@code metadata.json}, echoed
 */
record SignoffVerdict(Verdict verdict, String suite, String runSuite, String date, Cluster cluster,
                      List<String> reasons, List<String> warnings, Builds builds, Counts tests,
                      List<Problem> problems, List<QuarantineStatus> quarantine, Map<String, String> run) {

    enum Verdict {
        PASS(ExitCodes.PASSED),
        FAIL(ExitCodes.TESTS_FAILED),
        /** The run cannot be signed off whatever its tests said: not a real cluster, or faults injected. */
        INVALID(ExitCodes.SIGNOFF_INVALID);

        private final int exitCode;

        Verdict(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    /** Where the run ran; any field null when the metadata does not say. */
    record Cluster(String kind, String kubernetesVersion, String apiServer, String runId) {
    }

    /**
     * @param required the suite's {@code requiredWindowsBuilds}
     * @param covered  builds at least one Windows test case ran on (passed or failed, not skipped)
     * @param missing  required builds not covered
     * @param cluster  the builds metadata's {@code windows.builds} says the cluster had; null when it does not say
     */
    record Builds(List<String> required, List<String> covered, List<String> missing, List<String> cluster) {
    }

    /**
     * Test cases (one test on one OS side) by outcome. {@code failed} and {@code flaky} count shielded
     * cases too; {@code quarantined} is how many of those an unexpired entry shielded.
     */
    record Counts(int passed, int failed, int flaky, int skipped, int quarantined) {
    }

    /** A failed or flaky test case; {@code quarantined} when an unexpired entry shielded it. */
    record Problem(String name, String testId, TestCaseResult.Status status, boolean quarantined, String message) {
    }

    /**
     * A quarantine entry as of {@code date}.
     *
     * @param daysLeft days until it expires, negative once expired
     * @param seen     what its test did in this run: failed, flaky, passed, or not run
     */
    record QuarantineStatus(String test, String issue, String owner, String expires, String reason,
                            QuarantineEntry.State state, long daysLeft, String seen) {
    }

    /** The exit code of {@code ./winnode signoff}: PASS 0, FAIL 1, INVALID 5. */
    int exitCode() {
        return verdict.exitCode;
    }
}
