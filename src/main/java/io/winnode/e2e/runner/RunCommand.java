package io.winnode.e2e.runner;

import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.cluster.ClusterUnreachableException;
import io.winnode.e2e.framework.config.InvalidInputException;
import io.winnode.e2e.framework.junit.RunIds;
import io.winnode.e2e.framework.junit.RunParameters;
import io.winnode.e2e.framework.nodes.OsFamily;
import io.winnode.e2e.framework.parity.ParityLedger;
import io.winnode.e2e.runner.cluster.ActiveFault;
import io.winnode.e2e.runner.cluster.ClusterOptions;
import io.winnode.e2e.runner.cluster.ClusterSession;
import io.winnode.e2e.runner.cluster.FaultCatalog;
import io.winnode.e2e.runner.report.AllureCommandLine;
import io.winnode.e2e.runner.report.AllureReport;
import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.results.JunitXmlReport;
import io.winnode.e2e.runner.results.RunMetadata;
import io.winnode.e2e.runner.run.AllureResults;
import io.winnode.e2e.runner.run.ParityReport;
import io.winnode.e2e.runner.run.PrePullOptions;
import io.winnode.e2e.runner.run.ProgressPrinter;
import io.winnode.e2e.runner.run.RunBanner;
import io.winnode.e2e.runner.run.RunFacts;
import io.winnode.e2e.runner.run.RunOutcomes;
import io.winnode.e2e.runner.run.SuiteExecution;
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
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        createDirectories(artifacts, "--artifacts");
        createDirectories(allureResults, "--allure-results");
        RunResult result;
        try (LauncherSession launcher = ScenarioLauncher.open()) {
            // Discovery needs no cluster: an empty selection is the user's input, reported before any cluster work.
            List<String> selected = tests.discoverIds(launcher.getLauncher());
            try (ClusterSession session = ClusterSession.open(cluster, activeFaults.stream().map(ActiveFault::file).toList())) {
                result = run(session, tests, selected.size(), settings, activeFaults, launcher, out);
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

    private RunResult run(ClusterSession session, TestSelection tests, int selectedCount, SuiteExecution.ExecutionSettings settings,
                          List<ActiveFault> activeFaults, LauncherSession launcher, PrintWriter out) throws Exception {
        Cluster cluster = session.cluster();
        requireWindowsNodes(cluster);
        String runId = RunIds.next(clock);
        Instant started = clock.instant();
        RunFacts facts = new RunFacts(runId, session.facts(), tests.suite().name(), tests.tagExpression(), tests.shard(),
                activeFaults.stream().map(ActiveFault::id).toList(), timeoutScale, registry());
        out.println(RunBanner.forRun(facts, tests, selectedCount, activeFaults, cluster.nodes()));
        out.printf("Execution:   %d class(es) at once, %d retry round(s), per-test limit %s%n%n", settings.parallel(),
                settings.retries(), settings.testTimeout().map(RunCommand::seconds).orElse("none"));
        out.flush();

        Map<String, String> runProperties = facts.junitProperties();
        metadata(facts, settings, started, null).writeTo(artifacts); // now, so that even an interrupted run says what it was
        AllureResults allure = AllureResults.prepare(allureResults);
        allure.writeEnvironment(facts.byKey());
        allure.writeExecutor(System::getenv);
        var junitXml = new JunitXmlReport(artifacts.resolve("junit_" + tests.suite().name() + ".xml"),
                "winnode-e2e " + tests.suite().name(), runProperties, clock);
        var progressPrinter = new ProgressPrinter(out, progress.live(System::getenv, System.console() != null), selectedCount, clock);

        Map<String, String> parameters = new LinkedHashMap<>(cluster.target().asConfigurationParameters());
        // Loads allure-junit5's AllureJunit5 interceptor, which reports @BeforeEach/@AfterEach as Allure fixtures.
        parameters.put("junit.jupiter.extensions.autodetection.enabled", "true");
        parameters.put(RunParameters.RUN_ID, runId);
        parameters.put(RunParameters.TIMEOUT_SCALE, String.valueOf(timeoutScale));
        facts.imageRegistry().ifPresent(registry -> parameters.put(RunParameters.IMAGE_REGISTRY, registry));

        prePull.run(cluster, imageRegistry, runId, timeoutScale, out);

        ParityLedger.run().clear();
        RunOutcomes outcomes;
        try (AutoCloseable steps = allure.install()) {
            var execution = new SuiteExecution(launcher.getLauncher(), parameters, settings, out);
            outcomes = execution.run(tests.request(parameters), junitXml::attemptStarted,
                    allure.listener(), junitXml, progressPrinter);
        } finally {
            progressPrinter.close();
            junitXml.finish();
        }
        Instant finished = clock.instant();
        metadata(facts, settings, started, finished).writeTo(artifacts);

        out.println();
        out.println("Parity matrix:");
        String parityProblem = null;
        try {
            ParityReport parity = ParityReport.of(ParityLedger.run().observations());
            out.print(parity.text());
            parity.writeTo(artifacts, runProperties);
            // The HTML report's parity page is built from the results directory alone.
            Files.copy(artifacts.resolve("parity-matrix.json"), allure.directory().resolve("parity-matrix.json"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (InvalidInputException e) {
            // The tests ran and their reports are written; keep the summary, but do not call the run green.
            parityProblem = e.getMessage();
            out.println("(not available: " + parityProblem + ")");
        }
        return new RunResult(outcomes, Duration.between(started, finished), cluster.kind().name(), junitXml.file(),
                allure.directory(), artifacts, parityProblem);
    }

    /** The run's {@code metadata.json}: its facts, then how the suite was run. */
    private static RunMetadata metadata(RunFacts facts, SuiteExecution.ExecutionSettings settings, Instant started,
                                        Instant finished) {
        var values = new LinkedHashMap<String, String>();
        values.put(RunMetadata.PROJECT_VERSION, RunMetadata.projectVersion());
        values.putAll(facts.byKey());
        values.put(RunMetadata.PARALLEL, String.valueOf(settings.parallel()));
        values.put(RunMetadata.RETRIES, String.valueOf(settings.retries()));
        values.put(RunMetadata.JAVA_VERSION, System.getProperty("java.version"));
        values.put(RunMetadata.STARTED, started.toString());
        if (finished != null) {
            values.put(RunMetadata.FINISHED, finished.toString());
        }
        return new RunMetadata(values);
    }

    /** {@code --image-registry} (or WINNODE_IMAGE_REGISTRY), when one was given. */
    private Optional<String> registry() {
        return Optional.ofNullable(imageRegistry).map(String::strip).filter(r -> !r.isEmpty());
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    /**
     * A cluster without schedulable Windows nodes has nothing for this suite to test, except K3s
     * (--cluster k3s), which exists to develop the Linux half on: there every Windows side is skipped
     * as unavailable, the run says so up front, and it ends with exit 1 (no Windows side ran), since
     * a Linux-only run is no Windows evidence.
     */
    private void requireWindowsNodes(Cluster cluster) {
        boolean noWindowsNodes = cluster.nodes().schedulable(OsFamily.WINDOWS).isEmpty();
        if (noWindowsNodes && cluster.kind() == io.winnode.e2e.framework.cluster.ClusterKind.K3S) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("winnode: note: the K3s cluster has Linux nodes only, so only the Linux sides run; every "
                    + "Windows side is skipped as unavailable. This run says nothing about Windows nodes, so it ends "
                    + "with exit 1 even when every Linux side passes.");
            err.flush();
            return;
        }
        if (noWindowsNodes) {
            throw new ClusterUnreachableException("The cluster at " + cluster.apiServerUrl() + " has no schedulable Windows "
                    + "nodes (none labelled kubernetes.io/os=windows that is Ready and not cordoned), so there is nothing "
                    + "for this suite to test. Nodes:\n" + cluster.nodes().table()
                    + "Join a Windows node, uncordon it, or point --kubeconfig/--context at a mixed cluster.");
        }
    }

    private static void createDirectories(Path dir, String option) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot create " + dir + " (" + option + "): " + e.getMessage()
                    + ". Pass " + option + " with a writable directory.", e);
        }
    }

    /** What the run's last lines say. */
    record RunResult(RunOutcomes outcomes, Duration time, String clusterKind, Path junitXml, Path allureResults,
                     Path artifacts, String parityProblem) {

        long failed() {
            return outcomes.failed();
        }

        String describe() {
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
        String summaryLine() {
            return String.format("Summary: %d passed, %d failed, %d skipped",
                    outcomes.passed(), outcomes.failed(), outcomes.skippedOrAborted());
        }
    }
}
