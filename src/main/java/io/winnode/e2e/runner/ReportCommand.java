package io.winnode.e2e.runner;

import io.winnode.e2e.runner.report.AllureCommandLine;
import io.winnode.e2e.runner.report.AllureReport;
import io.winnode.e2e.runner.results.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ./winnode report}: the static Allure HTML report of a run's Allure results, with failure
 * categories, trends carried over from the previous report and a Parity tab. Needs no cluster and
 * no network: the Allure command line comes with the build.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Generate the static Allure HTML report of a run's Allure results: failure categories "
                + "(Windows parity gap, image pull, pod setup, cluster, timeout, test defect), trends from the "
                + "previous report, and a Parity tab with the run's Windows-vs-Linux parity matrix. Needs no cluster.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the report was generated",
                "2:bad input: no results directory, no *-result.json in it, an --output that holds the results, "
                        + "a --history-from without history/, or no Allure command line",
                "4:the Allure command line failed (its output is shown), or an internal error"})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "allure-results",
            description = "The Allure results to report on (default: ${DEFAULT-VALUE}, where ./winnode run writes them).")
    Path results;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "target/allure-report",
            description = "Where the report goes; replaced, after its history/ is kept for the trends (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--history-from", paramLabel = "DIR",
            description = "A previous report whose history/ the trends continue (default: the report being replaced in --output).")
    Path historyFrom;

    @Option(names = "--allure", paramLabel = "DIR",
            description = "An Allure 2 installation (with bin/allure) to use instead of the one the build unpacks "
                    + "into " + AllureCommandLine.BUNDLED + "; env ALLURE_HOME.")
    Path allure;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        AllureCommandLine cli = AllureCommandLine.locate(Optional.ofNullable(allure), System::getenv);
        AllureReport.Generated report;
        try {
            report = AllureReport.generate(cli, results, output, Optional.ofNullable(historyFrom));
        } catch (AllureCommandLine.GenerationFailed e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("winnode: " + e.describe());
            err.flush();
            return ExitCodes.INTERNAL_ERROR;
        }
        out.println(report.describe());
        out.flush();
        return ExitCodes.PASSED;
    }
}
