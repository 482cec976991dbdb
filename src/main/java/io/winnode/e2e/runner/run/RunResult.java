package io.winnode.e2e.runner.run;

import io.winnode.e2e.runner.results.RunMetadata;

import java.nio.file.Path;
import java.time.Duration;

/** What a run came to, and what its last lines say. */
public record RunResult(RunOutcomes outcomes, Duration time, String clusterKind, Path junitXml, Path allureResults,
                        Path artifacts, String parityProblem) {

    public long failed() {
        return outcomes.failed();
    }

    public String describe() {
        var text = new StringBuilder(String.format("%nTests succeeded %d, failed %d, skipped or aborted %d, flaky %d; "
                        + "time %.1f s; cluster %s%n",
                outcomes.passed(), outcomes.failed(), outcomes.skippedOrAborted(), outcomes.flakyNames().size(),
                time.toMillis() / 1000.0, clusterKind));
        outcomes.failedNames().forEach(n -> text.append("  failed: ").append(n).append('\n'));
        outcomes.flakyNames().forEach(n -> text.append("  flaky (passed on retry): ").append(n).append('\n'));
        outcomes.noWindowsSideRan().ifPresent(reason -> text.append("NOT A PASS: ").append(reason).append('\n'));
        text.append(String.format("JUnit XML:      %s%nRun metadata:   %s%nParity matrix:  %s%nAllure results: %s",
                junitXml, artifacts.resolve(RunMetadata.FILE), artifacts.resolve("parity-matrix.md"), allureResults));
        return text.toString();
    }

    /** The run's last line; CI parses exactly this shape. A failed class setup counts as failed. */
    public String summaryLine() {
        return String.format("Summary: %d passed, %d failed, %d skipped",
                outcomes.passed(), outcomes.failed(), outcomes.skippedOrAborted());
    }
}
