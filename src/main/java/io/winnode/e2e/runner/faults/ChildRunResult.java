package io.winnode.e2e.runner.faults;

import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.results.JunitXmlResults;

/** A finished child run: how its JVM ended and what its JUnit XML says. */
public record ChildRunResult(ChildRun run, ChildJvm.Exit outcome, JunitXmlResults junit) {

    /** Why the run ended without any failed test although it did not pass, or null when it needs no words. */
    public String abnormalEnd() {
        if (outcome.timedOut()) {
            return "stopped at the wall-clock limit after " + seconds() + " s (a wait without a timeout?); "
                    + (junit.files().isEmpty() ? "no JUnit XML" : "partial JUnit XML");
        }
        if (outcome.exitCode() != ExitCodes.PASSED && outcome.exitCode() != ExitCodes.TESTS_FAILED) {
            return "winnode exited " + outcome.exitCode() + " (" + exitMeaning(outcome.exitCode()) + "); see " + run.log();
        }
        if (junit.files().isEmpty()) {
            return "wrote no JUnit XML; see " + run.log();
        }
        return null;
    }

    public String seconds() {
        return String.format(java.util.Locale.ROOT, "%.1f", outcome.took().toMillis() / 1000.0);
    }

    private static String exitMeaning(int code) {
        return switch (code) {
            case ExitCodes.BAD_INPUT -> "bad input, or the parity matrix could not be built";
            case ExitCodes.CLUSTER_UNUSABLE -> "cluster unusable";
            case ExitCodes.INTERNAL_ERROR -> "internal error";
            default -> "unexpected";
        };
    }
}
