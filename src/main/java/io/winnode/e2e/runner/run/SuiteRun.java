package io.winnode.e2e.runner.run;

import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.cluster.ClusterKind;
import io.winnode.e2e.framework.cluster.ClusterUnreachableException;
import io.winnode.e2e.framework.junit.RunParameters;
import io.winnode.e2e.framework.parity.ParityLedger;
import io.winnode.e2e.runner.cluster.ActiveFault;
import io.winnode.e2e.runner.cluster.ClusterSession;
import io.winnode.e2e.runner.results.JunitXmlReport;
import io.winnode.e2e.runner.results.RunMetadata;
import io.winnode.e2e.runner.run.SuiteExecution.ExecutionSettings;
import io.winnode.e2e.runner.selection.TestSelection;
import org.junit.platform.launcher.LauncherSession;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run of a selection on a connected cluster: its facts and banner, {@code metadata.json} (at
 * the start, so an interrupted run still says what it was, and at the end), the execution with
 * JUnit XML, Allure results and progress, then the parity matrix. The command line ({@code run})
 * decides what to run and turns the {@link RunResult} into an exit code.
 */
public final class SuiteRun {

    private final Path artifacts;
    private final Path allureResults;
    private final ProgressPrinter.Mode progress;
    private final PrePullOptions prePull;
    private final Clock clock;
    private final PrintWriter out;
    private final PrintWriter err;

    /**
     * What the command line's custody of the run hands down: the run's id, the configuration
     * parameters that label and clean up what the tests create, and the sweep of what earlier runs
     * left behind, done once the banner is out.
     */
    public record Custody(String runId, Map<String, String> configurationParameters, Consumer<PrintWriter> sweepLeftovers) {
    }

    /** Reports go to {@code artifacts} and {@code allureResults} (both exist); the log to {@code out}, notes to {@code err}. */
    public SuiteRun(Path artifacts, Path allureResults, ProgressPrinter.Mode progress, PrePullOptions prePull, Clock clock,
                    PrintWriter out, PrintWriter err) {
        this.artifacts = artifacts;
        this.allureResults = allureResults;
        this.progress = progress;
        this.prePull = prePull;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs {@code tests} ({@code selectedCount} test methods, discovered by the caller) on the
     * session's cluster with {@code activeFaults} applied, writing every report as it goes.
     */
    /** The catalog's images as this run deploys them: {@code name=reference}. */
    private static List<String> testImages(Optional<String> imageRegistry) {
        ImageCatalog catalog = ImageCatalog.load(imageRegistry.orElse(null));
        return catalog.images().stream().map(image -> image.name() + "=" + catalog.reference(image.name())).toList();
    }

    public RunResult run(ClusterSession session, Custody custody, TestSelection tests, int selectedCount,
                         ExecutionSettings settings, List<ActiveFault> activeFaults, double timeoutScale,
                         Optional<String> imageRegistry, LauncherSession launcher) throws Exception {
        Cluster cluster = session.cluster();
        requireWindowsNodes(cluster);
        String runId = custody.runId();
        Instant started = clock.instant();
        RunFacts facts = new RunFacts(runId, session.facts(), tests.suite().name(), tests.tagExpression(), tests.shard(),
                activeFaults.stream().map(ActiveFault::id).toList(), timeoutScale, imageRegistry, testImages(imageRegistry));
        out.println(RunBanner.forRun(facts, tests, selectedCount, activeFaults, cluster.nodes()));
        out.printf("Execution:   %d class(es) at once, %d retry round(s), per-test limit %s%n%n", settings.parallel(),
                settings.retries(), settings.testTimeout().map(SuiteRun::seconds).orElse("none"));
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
        parameters.putAll(custody.configurationParameters());
        parameters.put(RunParameters.ARTIFACTS, artifacts.toAbsolutePath().toString());
        facts.imageRegistry().ifPresent(registry -> parameters.put(RunParameters.IMAGE_REGISTRY, registry));

        custody.sweepLeftovers().accept(out);
        prePull.run(cluster, imageRegistry.orElse(null), runId, timeoutScale, out);

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
    private static RunMetadata metadata(RunFacts facts, ExecutionSettings settings, Instant started,
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
        if (noWindowsNodes && cluster.kind() == ClusterKind.K3S) {
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

}
