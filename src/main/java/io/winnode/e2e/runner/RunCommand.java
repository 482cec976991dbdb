package io.winnode.e2e.runner;

import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.foundation.os.WindowsBuild;
import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.cluster.ClusterUnreachableException;
import io.winnode.e2e.framework.junit.RunParameters;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.parity.ParityLedger;
import org.junit.platform.launcher.LauncherSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
import java.util.function.Function;
import java.util.stream.Collectors;

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
        SuiteExecution.Settings settings = settings(tests.suite());
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
                    result = run(session.cluster(), custody, tests, selected.size(), settings, activeFaults, launcher, out);
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
    private SuiteExecution.Settings settings(Suite suite) {
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
        return new SuiteExecution.Settings(classes, rounds, limit);
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

    private RunResult run(Cluster cluster, RunCustody custody, TestSelection tests, int selectedCount, SuiteExecution.Settings settings,
                          List<ActiveFault> activeFaults, LauncherSession launcher, PrintWriter out) throws Exception {
        requireWindowsNodes(cluster);
        String runId = custody.runId();
        Instant started = clock.instant();
        out.println(RunBanner.forRun(cluster, runId, tests, selectedCount, activeFaults, timeoutScale));
        out.printf("Execution:   %d class(es) at once, %d retry round(s), per-test limit %s%n%n", settings.parallel(),
                settings.retries(), settings.testTimeout().map(RunCommand::seconds).orElse("none"));
        out.flush();

        Map<String, String> runProperties = runProperties(cluster, tests, runId);
        runProperties.put("winnode.faults", faultIds(activeFaults));
        runProperties.put("winnode.timeout.scale", String.valueOf(timeoutScale));
        Map<String, String> environment = environmentProperties(cluster, tests, runId);
        environment.put("faults", faultIds(activeFaults));
        environment.put("timeout.scale", String.valueOf(timeoutScale));
        RunMetadata metadata = metadata(environment, tests, settings, started, null);
        metadata.writeTo(artifacts); // now, so that even an interrupted run says what it was
        AllureResults allure = AllureResults.prepare(allureResults);
        allure.writeEnvironment(environment);
        allure.writeExecutor(System::getenv);
        var junitXml = new JunitXmlReport(artifacts.resolve("junit_" + tests.suite().name() + ".xml"),
                "winnode-e2e " + tests.suite().name(), runProperties, clock);
        var progressPrinter = new ProgressPrinter(out, progress.live(System::getenv, System.console() != null), selectedCount, clock);

        Map<String, String> parameters = new LinkedHashMap<>(cluster.target().asConfigurationParameters());
        // Loads allure-junit5's AllureJunit5 interceptor, which reports @BeforeEach/@AfterEach as Allure fixtures.
        parameters.put("junit.jupiter.extensions.autodetection.enabled", "true");
        parameters.put(RunParameters.RUN_ID, runId);
        parameters.put(RunParameters.TIMEOUT_SCALE, String.valueOf(timeoutScale));
        parameters.putAll(custody.configurationParameters());
        parameters.put(RunParameters.ARTIFACTS, artifacts.toAbsolutePath().toString());
        if (imageRegistry != null && !imageRegistry.isBlank()) {
            parameters.put(RunParameters.IMAGE_REGISTRY, imageRegistry.strip());
        }

        custody.sweepLeftovers(out);
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
        metadata(environment, tests, settings, started, finished).writeTo(artifacts);

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

    /** The run's {@code metadata.json}: the environment Allure shows, plus how the suite was run. */
    private RunMetadata metadata(Map<String, String> environment, TestSelection tests, SuiteExecution.Settings settings,
                                 Instant started, Instant finished) {
        var values = new LinkedHashMap<String, String>();
        values.put(RunMetadata.PROJECT_VERSION, RunMetadata.projectVersion());
        values.put(RunMetadata.SUITE, tests.suite().name());
        values.put(RunMetadata.TAGS, tests.tagExpression());
        values.put(RunMetadata.RUN_ID, environment.get("run.id"));
        values.put(RunMetadata.CLUSTER_KIND, environment.get("cluster.kind"));
        values.put(RunMetadata.API_SERVER, environment.get("cluster.api.server"));
        values.put(RunMetadata.KUBERNETES_VERSION, environment.get("kubernetes.version"));
        values.put(RunMetadata.WINDOWS_BUILDS, environment.get("windows.builds"));
        values.put(RunMetadata.WINDOWS_OS_IMAGES, environment.get("windows.os.images"));
        values.put(RunMetadata.LINUX_OS_IMAGES, environment.get("linux.os.images"));
        values.put(RunMetadata.CONTAINER_RUNTIMES, environment.get("container.runtimes"));
        values.put(RunMetadata.KUBELET_VERSIONS, environment.get("kubelet.versions"));
        values.put(RunMetadata.FAULTS, environment.get("faults"));
        values.put(RunMetadata.PARALLEL, String.valueOf(settings.parallel()));
        values.put(RunMetadata.RETRIES, String.valueOf(settings.retries()));
        values.put(RunMetadata.JAVA_VERSION, System.getProperty("java.version"));
        values.put(RunMetadata.STARTED, started.toString());
        if (finished != null) {
            values.put(RunMetadata.FINISHED, finished.toString());
        }
        return new RunMetadata(values);
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    /** {@code D-22,D-31}, or {@code none}: a faulted run's reports must never read like a clean run's. */
    static String faultIds(List<ActiveFault> activeFaults) {
        return activeFaults.isEmpty() ? "none" : activeFaults.stream().map(ActiveFault::id).collect(Collectors.joining(","));
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

    /** What the JUnit XML's properties and the parity JSON say about the run. */
    private static Map<String, String> runProperties(Cluster cluster, TestSelection tests, String runId) {
        var properties = new LinkedHashMap<String, String>();
        properties.put("winnode.cluster.kind", cluster.kind().label());
        properties.put("winnode.api.server", cluster.apiServerUrl());
        properties.put("winnode.kubernetes.version", RunBanner.kubernetesVersion(cluster));
        properties.put("winnode.windows.builds", windowsBuilds(cluster));
        properties.put("winnode.run.id", runId);
        properties.put("winnode.suite", tests.suite().name());
        properties.put("winnode.tags", tests.tagExpression());
        return properties;
    }

    /** Allure's environment widget: what the run ran against. */
    private Map<String, String> environmentProperties(Cluster cluster, TestSelection tests, String runId) {
        var env = new LinkedHashMap<String, String>();
        env.put("cluster.kind", cluster.kind().label());
        env.put("cluster.api.server", cluster.apiServerUrl());
        env.put("kubernetes.version", RunBanner.kubernetesVersion(cluster));
        env.put("nodes.linux", String.valueOf(cluster.nodes().schedulable(OsFamily.LINUX).size()));
        env.put("nodes.windows", String.valueOf(cluster.nodes().schedulable(OsFamily.WINDOWS).size()));
        env.put("windows.builds", windowsBuilds(cluster));
        env.put("windows.os.images", distinct(cluster, OsFamily.WINDOWS, ClusterNode::osImage));
        env.put("linux.os.images", distinct(cluster, OsFamily.LINUX, ClusterNode::osImage));
        env.put("container.runtimes", cluster.nodes().all().stream().map(ClusterNode::containerRuntime)
                .filter(s -> s != null && !s.isBlank()).distinct().sorted().collect(Collectors.joining(",")));
        env.put("kubelet.versions", cluster.nodes().all().stream().map(ClusterNode::kubeletVersion)
                .filter(s -> s != null && !s.isBlank()).distinct().sorted().collect(Collectors.joining(",")));
        env.put("suite", tests.suite().name());
        env.put("tags", tests.tagExpression());
        env.put("run.id", runId);
        if (imageRegistry != null && !imageRegistry.isBlank()) {
            env.put("image.registry", imageRegistry.strip());
        }
        return env;
    }

    private static String windowsBuilds(Cluster cluster) {
        return cluster.nodes().windowsBuilds().stream().map(WindowsBuild::shortName).collect(Collectors.joining(","));
    }

    private static String distinct(Cluster cluster, OsFamily os, Function<ClusterNode, String> field) {
        return cluster.nodes().schedulable(os).stream().map(field).filter(s -> s != null && !s.isBlank())
                .distinct().sorted().collect(Collectors.joining(","));
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
