package io.winnode.e2e.runner;

import io.winnode.e2e.runner.run.ApiServerWeatherReport;
import io.winnode.e2e.runner.custody.CleanupOptions;
import io.winnode.e2e.runner.custody.RunCustody;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.runner.cluster.ActiveFault;
import io.winnode.e2e.runner.cluster.ClusterOptions;
import io.winnode.e2e.runner.cluster.ClusterSession;
import io.winnode.e2e.runner.cluster.FaultCatalog;
import io.winnode.e2e.runner.report.AllureCommandLine;
import io.winnode.e2e.runner.report.AllureReport;
import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.run.PrePullOptions;
import io.winnode.e2e.runner.run.ProgressPrinter;
import io.winnode.e2e.runner.run.RunResult;
import io.winnode.e2e.runner.run.SuiteExecution;
import io.winnode.e2e.runner.run.SuiteRun;
import io.winnode.e2e.runner.selection.ScenarioLauncher;
import io.winnode.e2e.runner.selection.SelectionOptions;
import io.winnode.e2e.runner.selection.Suite;
import io.winnode.e2e.runner.selection.TestSelection;
import io.winnode.e2e.runner.signoff.Signoff;
import org.junit.platform.launcher.LauncherSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ./winnode run}: runs a suite against a cluster and writes the run's reports. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a suite against a cluster: the embedded simulated cluster (--cluster simulated) "
                + "or a real one (kubeconfig). Writes junit_<suite>.xml and parity-matrix.{md,json} into the "
                + "artifacts directory and Allure results into the Allure results directory.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.HELP_PASSED, ExitCodes.HELP_TESTS_FAILED, ExitCodes.HELP_BAD_INPUT,
                ExitCodes.HELP_CLUSTER_UNUSABLE, ExitCodes.HELP_INTERNAL_ERROR})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster;

    @Mixin
    SelectionOptions selection;

    @Mixin
    PrePullOptions prePull;

    @Mixin
    CleanupOptions cleanup;

    @Option(names = "--image-registry", paramLabel = "REG", defaultValue = "${env:WINNODE_IMAGE_REGISTRY}",
            description = "Registry replacing every test image's registry (mirrors, air-gapped clusters); env WINNODE_IMAGE_REGISTRY.")
    String imageRegistry;

    @Option(names = "--artifacts", paramLabel = "DIR", defaultValue = "${env:ARTIFACTS:-target/winnode}",
            description = "Where junit_<suite>.xml, metadata.json and the parity matrix go (default: $ARTIFACTS, else target/winnode).")
    Path artifacts;

    @Option(names = "--allure-results", paramLabel = "DIR", defaultValue = "allure-results",
            description = "Where Allure results go (default: ${DEFAULT-VALUE}).")
    Path allureResults;

    @Option(names = "--faults", paramLabel = "FILE|ID",
            description = "Simulated cluster: apply a fault file, or a catalog fault by id (e.g. D-22); repeatable. "
                    + "See faults/README.md and ./winnode faults list.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--timeout-scale", paramLabel = "F", defaultValue = "1.0",
            description = "Multiplies every wait timeout of the scenarios; > 0 (default: ${DEFAULT-VALUE}). Above 1 for "
                    + "slow clusters; well below 1 on the fast simulated cluster, so a fault that makes something hang "
                    + "fails in seconds.")
    double timeoutScale;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Test classes to run at once, each in its own namespace (default: the suite's 'parallel', else 1). "
                    + "Tests tagged serial always run afterwards, alone.")
    Integer parallel;

    @Option(names = "--retries", paramLabel = "N",
            description = "Rounds of rerunning failed tests (default: the suite's 'retries', else 0). A test that passes on "
                    + "a retry is reported as flaky; its failure stays in the JUnit XML.")
    Integer retries;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, live or plain (default: ${DEFAULT-VALUE}: a live status line on a terminal, "
                    + "timestamped lines in CI or when output is redirected).")
    ProgressPrinter.Mode progress;

    @Option(names = "--report",
            description = "At the end, build the static HTML report (as ./winnode report does) into --report-output.")
    boolean report;

    @Option(names = "--report-output", paramLabel = "DIR", defaultValue = "target/allure-report",
            description = "Where --report puts the HTML report (default: ${DEFAULT-VALUE}); the previous report's "
                    + "history there is carried over, so trends grow run after run.")
    Path reportOutput;

    @Spec
    CommandSpec spec;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        TestSelection tests = TestSelection.of(selection);
        List<ActiveFault> activeFaults = resolveFaults();
        if (!(timeoutScale > 0) || Double.isInfinite(timeoutScale)) {
            throw new InvalidInputException("--timeout-scale " + timeoutScale + " must be a number greater than 0, "
                    + "e.g. 0.1 on the fast simulated cluster or 2 for a slow real one.");
        }
        SuiteExecution.ExecutionSettings settings = settings(tests.suite());
        RunResult result;
        ApiServerWeatherReport weather = ApiServerWeatherReport.start();
        try (RunCustody custody = RunCustody.begin(cleanup, spec.commandLine().getErr(), clock)) {
            artifacts = custody.claim(artifacts, "--artifacts");
            allureResults = custody.claim(allureResults, "--allure-results");
            try (LauncherSession launcher = ScenarioLauncher.open()) {
                // Discovery needs no cluster: an empty selection is the user's input, reported before any cluster work.
                List<String> selected = tests.discoverIds(launcher.getLauncher());
                try (ClusterSession session = ClusterSession.open(cluster, activeFaults.stream().map(ActiveFault::file).toList());
                     AutoCloseable watch = custody.watch(session.cluster(), out)) {
                    var suiteRun = new SuiteRun(artifacts, allureResults, progress, prePull, clock, out, spec.commandLine().getErr());
                    var custodyOfRun = new SuiteRun.Custody(custody.runId(), custody.configurationParameters(),
                            custody::sweepLeftovers);
                    result = suiteRun.run(session, custodyOfRun, tests, selected.size(), settings, activeFaults, timeoutScale,
                            registry(), launcher);
                    weather.print(out);
                }
            }
        }
        // After the simulator stopped, so that the summary is the last thing on stdout.
        out.println(result.describe());
        boolean reportFailed = report && !buildReport(out);
        Signoff.Result signoff = null;
        if (tests.suite().signsOff()) {
            // A gate's exit code is its verdict: INVALID on a simulated cluster even when every test passed.
            signoff = Signoff.judge(artifacts, tests.suite().name(), null, clock);
            out.println();
            out.print(signoff.summary());
        }
        out.println(result.summaryLine());
        out.flush();
        if (signoff != null) {
            return signoff.exitCode();
        }
        if (reportFailed && result.failed() == 0) {
            return ExitCodes.INTERNAL_ERROR;
        }
        if (result.failed() > 0) {
            return ExitCodes.TESTS_FAILED;
        }
        if (result.outcomes().noWindowsSideRan().isPresent()) {
            return ExitCodes.TESTS_FAILED;
        }
        if (result.parityProblem() != null) {
            spec.commandLine().getErr().println("winnode: bad input: the parity matrix could not be built: " + result.parityProblem());
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.PASSED;
    }

    /**
     * Builds the HTML report from this run's Allure results ({@code --report}); false when the Allure
     * command line failed. The run's own verdict stands either way.
     */
    private boolean buildReport(PrintWriter out) {
        try {
            out.println();
            out.println(AllureReport.generate(allureResults, reportOutput, Optional.empty()).describe());
            return true;
        } catch (AllureCommandLine.GenerationFailed e) {
            spec.commandLine().getErr().println("winnode: the HTML report could not be built: " + e.describe());
            return false;
        }
    }

    /** The suite's run settings, with --parallel and --retries taking precedence; checked before any cluster work. */
    private SuiteExecution.ExecutionSettings settings(Suite suite) {
        int classes = parallel != null ? parallel : suite.parallelClasses();
        if (classes < 1 || classes > Suite.MAX_PARALLEL) {
            throw new InvalidInputException("--parallel " + classes + " is out of range; use 1 to " + Suite.MAX_PARALLEL
                    + " (test classes at once; on 2 cores 2-4 is plenty for the simulated cluster).");
        }
        int rounds = retries != null ? retries : suite.retryCount();
        if (rounds < 0 || rounds > Suite.MAX_RETRIES) {
            throw new InvalidInputException("--retries " + rounds + " is out of range; use 0 to " + Suite.MAX_RETRIES + ".");
        }
        // The per-test limit stretches and shrinks with the waits inside the tests.
        var limit = suite.testTimeout().map(t -> Duration.ofMillis(Math.max(1000, (long) (t.toMillis() * timeoutScale))));
        return new SuiteExecution.ExecutionSettings(classes, rounds, limit);
    }

    /**
     * The faults {@code --faults} names, resolved before any cluster work. Faults exist only in the
     * simulator: on a real cluster the flag would silently do nothing, so it is refused.
     */
    private List<ActiveFault> resolveFaults() {
        if (faults.isEmpty()) {
            return List.of();
        }
        if (!cluster.simulated()) {
            throw new InvalidInputException("--faults only applies to --cluster simulated (faults make the embedded "
                    + "simulated cluster misbehave; a real cluster has its own). Add --cluster simulated, or drop --faults.");
        }
        FaultCatalog catalog = FaultCatalog.standard();
        return faults.stream().map(catalog::resolve).toList();
    }

    /** {@code --image-registry} (or WINNODE_IMAGE_REGISTRY), when one was given. */
    private Optional<String> registry() {
        return Optional.ofNullable(imageRegistry).map(String::strip).filter(r -> !r.isEmpty());
    }
}
