package io.winnode.e2e.runner.signoff;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.runner.results.JunitXmlFile;
import io.winnode.e2e.runner.results.RunFact;
import io.winnode.e2e.runner.results.RunMetadata;
import io.winnode.e2e.runner.selection.Quarantine;
import io.winnode.e2e.runner.selection.QuarantineEntry;
import io.winnode.e2e.runner.selection.ScenarioIds;
import io.winnode.e2e.runner.selection.SelectionOptions;
import io.winnode.e2e.runner.selection.Suite;
import io.winnode.e2e.runner.selection.Suites;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The release sign-off of a finished run: reads its artifacts ({@code metadata.json}, {@code junit_*.xml}),
 * the suite and the quarantine list, lets {@link SignoffGate} judge, and writes {@code signoff.json} and
 * {@code signoff.md}. Used by {@code ./winnode signoff} and at the end of a release-gate run.
 */
public final class Signoff {

    /**
     * What the gate judged and where its report went.
     *
     * @param report the {@code signoff.md} written
     */
    public record Result(SignoffVerdict verdict, Path report) {

        /** PASS 0, FAIL 1, INVALID 5. */
        public int exitCode() {
            return verdict.exitCode();
        }

        /** What to print: the verdict, what it rests on, every reason and warning, the report's path, the exit code. */
        public String summary() {
            return new SignoffReport(verdict).summary()
                    + "Report: " + report + " (and " + SignoffReport.JSON_FILE + " beside it)\n"
                    + "Verdict: " + verdict.verdict() + " (exit code " + exitCode() + ")\n";
        }
    }

    private Signoff() {
    }

    /**
     * Judges the run in {@code artifacts} for {@code suite} (null: the suite its metadata names) against
     * {@code quarantineFile} (null: the shipped {@code suites/quarantine.yaml}), on the day {@code clock}
     * says, and writes the report into {@code artifacts}.
     *
     * @throws InvalidInputException missing or malformed metadata, JUnit XML, suite or quarantine file (exit 2)
     */
    public static Result judge(Path artifacts, String suite, Path quarantineFile, Clock clock) {
        return judge(artifacts, suite, quarantineFile, clock, artifacts, SelectionOptions.SCENARIOS_PACKAGE);
    }

    /** As above, writing into {@code output}; quarantine entries must name tests of {@code scenariosPackage}. */
    public static Result judge(Path artifacts, String suite, Path quarantineFile, Clock clock, Path output, String scenariosPackage) {
        SignoffVerdict verdict = SignoffGate.judge(evidence(artifacts, suite, quarantineFile, scenariosPackage), clock);
        return new Result(verdict, new SignoffReport(verdict).writeTo(output));
    }

    private static SignoffEvidence evidence(Path artifacts, String requestedSuite, Path quarantineFile, String scenariosPackage) {
        RunMetadata metadata = RunMetadata.readFrom(artifacts);
        String suiteName = requestedSuite != null ? requestedSuite : metadata.get(RunFact.SUITE).orElseThrow(() ->
                new InvalidInputException(artifacts.resolve(RunMetadata.FILE) + " does not name the run's suite. "
                        + "Pass --suite NAME, the suite to sign off for (e.g. --suite release-gate)."));
        Suite suite = Suites.load(suiteName);
        List<QuarantineEntry> quarantine = Quarantine.load(quarantineFile, () -> ScenarioIds.all(scenariosPackage));

        // A reused artifacts directory can still hold another run's XML (another suite's junit_<suite>.xml).
        String runId = metadata.get(RunFact.RUN_ID).orElse(null);
        List<JunitXmlFile> reports = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (JunitXmlFile report : JunitXmlFile.readDirectory(artifacts)) {
            String reportRun = report.properties().get(RunFact.RUN_ID.junitProperty());
            if (runId == null || reportRun == null || reportRun.equals(runId)) {
                reports.add(report);
            } else {
                ignored.add(report.file().getFileName() + ": it is from run " + reportRun + ", not " + runId);
            }
        }
        return new SignoffEvidence(artifacts.toString(), metadata, List.copyOf(reports), List.copyOf(ignored),
                suite.name(), suite.requiredBuilds().stream().map(b -> b.shortName()).toList(), quarantine);
    }
}
