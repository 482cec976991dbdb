package io.winnode.e2e.runner;

import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.selection.SelectionOptions;
import io.winnode.e2e.runner.signoff.Signoff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * {@code ./winnode signoff}: the release gate's verdict on a finished run's artifacts (PASS, FAIL or
 * INVALID, with every reason), printed and written as {@code signoff.md} and {@code signoff.json}.
 */
@Command(name = "signoff", mixinStandardHelpOptions = true,
        description = "Judge a finished run for release sign-off: PASS, FAIL or INVALID with every reason. Reads "
                + "metadata.json and junit_*.xml from the artifacts directory and the quarantine list; writes "
                + "signoff.md and signoff.json. Needs no cluster.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:PASS: signed off (warnings may list quarantined failures and entries expiring soon)",
                "1:FAIL: a failed or flaky test not quarantined, an expired quarantine entry, a required Windows build "
                        + "not covered, no test run, or a run of another suite",
                "2:bad input, nothing judged: missing or malformed metadata.json or junit_*.xml, unknown suite, "
                        + "malformed quarantine file",
                ExitCodes.HELP_INTERNAL_ERROR,
                "5:INVALID: the run was not on a real cluster, or faults were injected; it cannot be signed off"})
final class SignoffCommand implements Callable<Integer> {

    @Option(names = "--artifacts", paramLabel = "DIR", defaultValue = "${env:ARTIFACTS:-target/winnode}",
            description = "The run's artifacts: metadata.json and junit_*.xml (default: $ARTIFACTS, else target/winnode).")
    Path artifacts;

    @Option(names = "--suite", paramLabel = "NAME",
            description = "Suite to sign off for; its requiredWindowsBuilds must be covered and the run must be of it "
                    + "(default: the suite the run's metadata names).")
    String suite;

    @Option(names = "--quarantine", paramLabel = "FILE",
            description = "Quarantine list (default: suites/quarantine.yaml).")
    Path quarantine;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Where signoff.md and signoff.json go (default: the artifacts directory).")
    Path output;

    // Lets the runner's own tests check quarantine ids against fixture scenarios; not for users.
    @Option(names = "--scenarios-package", paramLabel = "PACKAGE", defaultValue = SelectionOptions.SCENARIOS_PACKAGE,
            hidden = true)
    String scenariosPackage;

    @Spec
    CommandSpec spec;

    // Expiry dates are days; UTC makes a verdict the same on every CI machine.
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        Signoff.Result result = Signoff.judge(artifacts, suite, quarantine, clock, output == null ? artifacts : output,
                scenariosPackage);
        PrintWriter out = spec.commandLine().getOut();
        out.print(result.summary());
        out.flush();
        return result.exitCode();
    }
}
