package io.winnode.e2e.runner;

import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.cluster.ClusterUnreachableException;
import io.winnode.e2e.framework.config.InvalidInputException;
import io.winnode.e2e.framework.junit.RunIds;
import io.winnode.e2e.framework.junit.RunParameters;
import io.winnode.e2e.framework.nodes.ClusterNode;
import io.winnode.e2e.framework.nodes.OsFamily;
import io.winnode.e2e.framework.nodes.WindowsBuild;
import io.winnode.e2e.framework.parity.ParityLedger;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--image-registry", paramLabel = "REG", defaultValue = "${env:WINNODE_IMAGE_REGISTRY}",
            description = "Registry replacing every test image's registry (mirrors, air-gapped clusters); env WINNODE_IMAGE_REGISTRY.")
    String imageRegistry;

    @Option(names = "--artifacts", paramLabel = "DIR", defaultValue = "${env:ARTIFACTS:-target/winnode}",
            description = "Where junit_<suite>.xml and the parity matrix go (default: $ARTIFACTS, else target/winnode).")
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
        createDirectories(artifacts, "--artifacts");
        createDirectories(allureResults, "--allure-results");
        RunResult result;
        try (LauncherSession launcher = ScenarioLauncher.open()) {
            // Discovery needs no cluster: an empty selection is the user's input, reported before any cluster work.
            List<String> selected = tests.discoverIds(launcher.getLauncher());
            try (ClusterSession session = ClusterSession.open(cluster, activeFaults.stream().map(ActiveFault::file).toList())) {
                result = run(session.cluster(), tests, selected.size(), activeFaults, launcher, out);
            }
        }
        // After the simulator stopped, so that the summary is the last thing on stdout.
        out.println(result.describe());
        out.println(result.summaryLine());
        out.flush();
        if (result.failed() > 0) {
            return ExitCodes.TESTS_FAILED;
        }
        if (result.parityProblem() != null) {
            spec.commandLine().getErr().println("winnode: bad input: the parity matrix could not be built: " + result.parityProblem());
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.PASSED;
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

    private RunResult run(Cluster cluster, TestSelection tests, int selectedCount, List<ActiveFault> activeFaults,
                          LauncherSession launcher, PrintWriter out) throws Exception {
        requireWindowsNodes(cluster);
        String runId = RunIds.next(clock);
        out.println(RunBanner.forRun(cluster, runId, tests, selectedCount, activeFaults, timeoutScale));
        out.flush();

        Map<String, String> runProperties = runProperties(cluster, tests, runId);
        runProperties.put("winnode.faults", faultIds(activeFaults));
        runProperties.put("winnode.timeout.scale", String.valueOf(timeoutScale));
        AllureResults allure = AllureResults.prepare(allureResults);
        Map<String, String> environment = environmentProperties(cluster, tests, runId);
        environment.put("faults", faultIds(activeFaults));
        environment.put("timeout.scale", String.valueOf(timeoutScale));
        allure.writeEnvironment(environment);
        allure.writeExecutor(System::getenv);
        var junitXml = new JunitXmlReport(artifacts.resolve("junit_" + tests.suite().name() + ".xml"),
                "winnode-e2e " + tests.suite().name(), runProperties, clock);
        var summary = new SummaryGeneratingListener();

        Map<String, String> parameters = new LinkedHashMap<>(cluster.target().asConfigurationParameters());
        // Loads allure-junit5's AllureJunit5 interceptor, which reports @BeforeEach/@AfterEach as Allure fixtures.
        parameters.put("junit.jupiter.extensions.autodetection.enabled", "true");
        parameters.put(RunParameters.RUN_ID, runId);
        parameters.put(RunParameters.TIMEOUT_SCALE, String.valueOf(timeoutScale));
        if (imageRegistry != null && !imageRegistry.isBlank()) {
            parameters.put(RunParameters.IMAGE_REGISTRY, imageRegistry.strip());
        }

        ParityLedger.run().clear();
        try (AutoCloseable steps = allure.install()) {
            launcher.getLauncher().execute(tests.request(parameters),
                    allure.listener(), junitXml, summary, new ProgressPrinter(out));
        }

        out.println();
        out.println("Parity matrix:");
        String parityProblem = null;
        try {
            ParityReport parity = ParityReport.of(ParityLedger.run().observations());
            out.print(parity.text());
            parity.writeTo(artifacts, runProperties);
        } catch (InvalidInputException e) {
            // The tests ran and their reports are written; keep the summary, but do not call the run green.
            parityProblem = e.getMessage();
            out.println("(not available: " + parityProblem + ")");
        }
        return new RunResult(summary.getSummary(), cluster.kind().name(), junitXml.file(), allure.directory(), artifacts,
                parityProblem);
    }

    /** {@code D-22,D-31}, or {@code none}: a faulted run's reports must never read like a clean run's. */
    static String faultIds(List<ActiveFault> activeFaults) {
        return activeFaults.isEmpty() ? "none" : activeFaults.stream().map(ActiveFault::id).collect(Collectors.joining(","));
    }

    /**
     * A cluster without schedulable Windows nodes has nothing for this suite to test, except K3s
     * (--cluster k3s), which exists to develop the Linux half on: there every Windows side is skipped
     * as unavailable, and the run says so up front.
     */
    private void requireWindowsNodes(Cluster cluster) {
        boolean noWindowsNodes = cluster.nodes().schedulable(OsFamily.WINDOWS).isEmpty();
        if (noWindowsNodes && cluster.kind() == io.winnode.e2e.framework.cluster.ClusterKind.K3S) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("winnode: note: the K3s cluster has Linux nodes only, so only the Linux sides run; every "
                    + "Windows side is skipped as unavailable. This run says nothing about Windows nodes.");
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

    private static void createDirectories(Path dir, String option) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("Cannot create " + dir + " (" + option + "): " + e.getMessage()
                    + ". Pass " + option + " with a writable directory.", e);
        }
    }

    /** What the run's last lines say. */
    record RunResult(TestExecutionSummary summary, String clusterKind, Path junitXml, Path allureResults, Path artifacts,
                     String parityProblem) {

        long failed() {
            return summary.getTotalFailureCount();
        }

        String describe() {
            Duration time = Duration.ofMillis(summary.getTimeFinished() - summary.getTimeStarted());
            return String.format("%nTests found %d, succeeded %d, failed %d, aborted %d, skipped %d; "
                            + "failed containers %d; time %.1f s; cluster %s%n"
                            + "JUnit XML:      %s%nParity matrix:  %s%nAllure results: %s",
                    summary.getTestsFoundCount(), summary.getTestsSucceededCount(), summary.getTestsFailedCount(),
                    summary.getTestsAbortedCount(), summary.getTestsSkippedCount(), summary.getContainersFailedCount(),
                    time.toMillis() / 1000.0, clusterKind, junitXml, artifacts.resolve("parity-matrix.md"), allureResults);
        }

        /** The run's last line; CI parses exactly this shape. A failed class setup counts as failed. */
        String summaryLine() {
            return String.format("Summary: %d passed, %d failed, %d skipped",
                    summary.getTestsSucceededCount(), summary.getTotalFailureCount(),
                    summary.getTestsSkippedCount() + summary.getTestsAbortedCount());
        }
    }
}
