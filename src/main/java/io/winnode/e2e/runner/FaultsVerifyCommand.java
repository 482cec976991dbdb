package io.winnode.e2e.runner;

import io.winnode.e2e.runner.faults.ApiWeatherRotation;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.runner.cluster.ActiveFault;
import io.winnode.e2e.runner.cluster.FaultCatalog;
import io.winnode.e2e.runner.faults.ChildJvm;
import io.winnode.e2e.runner.faults.ChildRun;
import io.winnode.e2e.runner.faults.ChildRunResult;
import io.winnode.e2e.runner.faults.ClassDataArchive;
import io.winnode.e2e.runner.faults.ControlPlanePool;
import io.winnode.e2e.runner.faults.DetectionMatrix;
import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.results.JunitXmlResults;
import io.winnode.e2e.runner.selection.SelectionOptions;
import io.winnode.e2e.runner.selection.Suites;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ./winnode faults verify}: runs the suite on the simulated cluster clean (once per seed of
 * {@code --clean-runs}) and once under each catalog fault, each run in its own JVM, then writes the
 * detection matrix. Green only when every clean run passed and every fault turned the suite red.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Run the suite on the simulated cluster once clean (or --clean-runs N times, seeds SEED, SEED+1, "
                + "...) and once per catalog fault, each in its own JVM; print and write detection.md and detection.json.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every clean run passed and every fault was detected (>= 1 failed test)",
                "1:a clean run failed, or a fault went undetected", ExitCodes.HELP_BAD_INPUT, ExitCodes.HELP_INTERNAL_ERROR})
final class FaultsVerifyCommand implements Callable<Integer> {

    @Option(names = "--suite", paramLabel = "NAME", defaultValue = "default",
            description = "Suite to run, a file suites/NAME.yaml (default: ${DEFAULT-VALUE}).")
    String suite;

    @Option(names = "--sim-seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the simulated cluster: the fault runs and the first clean run use it, further clean "
                    + "runs the next ones (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clean-runs", paramLabel = "N", defaultValue = "1",
            description = "How many clean runs, with seeds SEED, SEED+1, ...; all must pass (no flakes) (default: ${DEFAULT-VALUE}).")
    int cleanRuns;

    @Option(names = "--whole-suite", description = "Run the whole suite under every fault. By default a faulted run "
            + "first runs only the fault's expected catchers (faults/catalog: expectedCatchers) and stops there when they "
            + "detect it; only a fault they miss gets the whole suite. The verdict is the same, at a fraction of the cost.")
    boolean wholeSuite;

    @Option(names = "--clean-only", description = "Only the clean runs (the no-flake check); no fault run.")
    boolean cleanOnly;

    @Option(names = "--only", paramLabel = "ID", split = ",",
            description = "Only these catalog faults, e.g. --only D-22,D-31 (default: the whole catalog).")
    List<String> only = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs at once (default: twice the number of cores; a run mostly waits on the simulated cluster).")
    Integer parallel;

    @Option(names = "--timeout-scale", paramLabel = "F", defaultValue = "0.1",
            description = "Timeout scale of every run (> 0). The fast simulated cluster needs little, and a fault that "
                    + "makes something hang is then caught in seconds (default: ${DEFAULT-VALUE}).")
    double timeoutScale;

    @Option(names = "--run-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Wall-clock limit of each run; a run still going is stopped and counts as not passed / "
                    + "not detected (default: ${DEFAULT-VALUE}).")
    long runTimeoutSeconds;

    @Option(names = "--artifacts", paramLabel = "DIR", defaultValue = "${env:ARTIFACTS:-target/winnode}",
            description = "Where detection.md/json go; each run's reports go to DIR/faults/<run> (default: $ARTIFACTS, "
                    + "else target/winnode).")
    Path artifacts;

    @Option(names = "--api-weather", description = "Clean runs, and one faulted run per weather, also carry API-server weather from "
            + ApiWeatherRotation.FOLDER + " (429, 503, resets, slow answers, ended watches), rotating so that each weather "
            + "meets a clean run (which must still pass) and a faulted run (which must still be detected).")
    boolean apiWeather;

    private ApiWeatherRotation weather = ApiWeatherRotation.none();

    // Lets the runner's own tests run fixture scenarios in the child JVMs; not for users.
    @Option(names = "--scenarios-package", paramLabel = "PACKAGE", defaultValue = SelectionOptions.SCENARIOS_PACKAGE,
            hidden = true)
    String scenariosPackage;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int workers = validate();
        List<ActiveFault> faults = cleanOnly ? List.of() : selectedFaults();
        var settings = new ChildRun.VerificationSettings(suite, timeoutScale, scenariosPackage, wholeSuite);
        Path runsDirectory = artifacts.resolve("faults");
        // Faulted runs start first: many of them wait out their tests' timeouts and are the longest,
        // and the short clean runs then fill the last workers instead of a long run starting last.
        List<ChildRun> runs = new ArrayList<>();
        faults.forEach(f -> runs.add(ChildRun.faulted(f, seed, runsDirectory)));
        for (int i = 0; i < cleanRuns; i++) {
            runs.add(ChildRun.clean(seed + i, runsDirectory));
        }

        weather = apiWeather ? ApiWeatherRotation.over(runs, Path.of(ApiWeatherRotation.FOLDER)) : ApiWeatherRotation.none();
        out.printf("winnode faults verify: suite %s, seed %d, timeout scale %s, %d clean run(s) (seeds %d..%d), %d fault(s)%s%n",
                suite, seed, timeoutScale, cleanRuns, seed, seed + cleanRuns - 1, faults.size(),
                faults.isEmpty() ? "" : " (" + faults.stream().map(ActiveFault::id).collect(Collectors.joining(", ")) + ")");
        out.printf("Each run in its own JVM, %d at once, at most %d s each; reports under %s%n", workers, runTimeoutSeconds,
                runsDirectory);
        out.print(weather.describe());
        if (!cleanOnly && faults.isEmpty()) {
            out.println("Note: the fault catalog (" + FaultCatalog.FOLDER + ") is empty; only the clean runs ran.");
        }
        out.flush();

        List<ChildRunResult> results;
        try (ControlPlanePool controlPlanes = ControlPlanePool.start(workers, out); ClassDataArchive classes = ClassDataArchive.create()) {
            results = runAll(runs, settings, workers, controlPlanes, classes, out);
        }
        DetectionMatrix matrix = DetectionMatrix.of(settings, seed, results);
        var written = matrix.writeTo(artifacts);
        out.println();
        out.print(matrix.markdown());
        out.println();
        for (DetectionMatrix.CleanRow clean : matrix.clean()) {
            if (!clean.passed()) {
                out.println("Clean run with seed " + clean.seed() + " FAILED: " + clean.problem());
                out.println("  replay: " + clean.replay());
                out.println("  log:    " + clean.log());
            }
        }
        out.println("Detection matrix: " + written.get("md") + ", " + written.get("json"));
        out.println("Seed: " + seed + " (each row's replay command is in detection.md/json)");
        out.println("Verdict: " + matrix.verdict());
        out.flush();
        return matrix.exitCode();
    }

    /** Checks the options before anything runs; returns how many runs may go at once. */
    private int validate() {
        int workers = parallel == null ? 2 * Runtime.getRuntime().availableProcessors() : parallel;
        if (workers < 1) {
            throw new InvalidInputException("--parallel " + workers + " must be at least 1.");
        }
        if (!(timeoutScale > 0) || Double.isInfinite(timeoutScale)) {
            throw new InvalidInputException("--timeout-scale " + timeoutScale + " must be a number greater than 0, e.g. 0.1.");
        }
        if (cleanRuns < 1) {
            throw new InvalidInputException("--clean-runs " + cleanRuns + " must be at least 1: the verdict needs a clean run.");
        }
        if (runTimeoutSeconds < 1) {
            throw new InvalidInputException("--run-timeout " + runTimeoutSeconds + " must be at least 1 second.");
        }
        if (cleanOnly && !only.isEmpty()) {
            throw new InvalidInputException("--clean-only runs no fault; drop --only, or drop --clean-only.");
        }
        Suites.load(suite); // an unknown suite is bad input here, not 1 + N failed child runs
        return workers;
    }

    /** The catalog, or the part of it --only names; an id not in the catalog is bad input. */
    private List<ActiveFault> selectedFaults() {
        FaultCatalog catalog = FaultCatalog.standard();
        List<ActiveFault> all = catalog.all();
        if (only.isEmpty()) {
            return all;
        }
        List<ActiveFault> selected = new ArrayList<>();
        for (String id : only) {
            ActiveFault fault = all.stream().filter(f -> f.id().equalsIgnoreCase(id.strip())).findFirst()
                    .orElseThrow(() -> new InvalidInputException("--only " + id.strip() + " is not a catalog fault id. "
                            + "Catalog ids: " + (all.isEmpty() ? "(the catalog is empty)"
                            : all.stream().map(ActiveFault::id).collect(Collectors.joining(", "))) + "."));
            if (!selected.contains(fault)) {
                selected.add(fault);
            }
        }
        return selected;
    }

    private List<ChildRunResult> runAll(List<ChildRun> runs, ChildRun.VerificationSettings settings, int workers,
                                        ControlPlanePool controlPlanes, ClassDataArchive classes, PrintWriter out) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "winnode-faults-verify");
            t.setDaemon(true);
            return t;
        });
        try {
            var completion = new ExecutorCompletionService<ChildRunResult>(pool);
            for (ChildRun run : runs) {
                completion.submit(() -> runOne(run, settings, controlPlanes, classes));
            }
            List<ChildRunResult> results = new ArrayList<>();
            for (int done = 1; done <= runs.size(); done++) {
                ChildRunResult result = completion.take().get();
                results.add(result);
                out.printf("[%d/%d] %s%n", done, runs.size(), progressLine(result));
                out.flush();
            }
            // Report clean runs first, then faults by id; not in completion order.
            results.sort(Comparator.comparing((ChildRunResult r) -> r.run().fault() != null)
                    .thenComparingInt(r -> runs.indexOf(r.run())));
            return results;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private ChildRunResult runOne(ChildRun run, ChildRun.VerificationSettings settings, ControlPlanePool controlPlanes,
                                  ClassDataArchive classes)
            throws InterruptedException {
        List<String> catchers = run.isClean() ? List.of() : run.fault().summary().expectedCatchers();
        if (!settings.wholeSuite() && !catchers.isEmpty()) {
            ChildRunResult focused = runChild(run.onlyTests(catchers), settings, controlPlanes, classes);
            if (!focused.junit().failed().isEmpty()) {
                return focused;
            }
        }
        return runChild(run, settings, controlPlanes, classes);
    }

    private ChildRunResult runChild(ChildRun run, ChildRun.VerificationSettings settings, ControlPlanePool controlPlanes,
                                    ClassDataArchive classes)
            throws InterruptedException {
        // A previous verification's junit XML must never be read as this run's.
        deleteRecursively(run.directory());
        Path controlPlane = controlPlanes.take();
        ChildJvm.Exit outcome;
        try {
            outcome = ChildJvm.run(Winnode.class, weather.arguments(run, run.arguments(settings, controlPlane)), run.log(),
                    Duration.ofSeconds(runTimeoutSeconds), classes);
        } finally {
            controlPlanes.release(controlPlane);
        }
        JunitXmlResults junit;
        try {
            junit = JunitXmlResults.readDirectory(run.directory());
        } catch (IllegalStateException unreadable) {
            // A run stopped while writing its XML: report it as one that wrote none.
            junit = new JunitXmlResults(List.of(), 0, List.of(), java.util.Map.of());
        }
        return new ChildRunResult(run, outcome, junit);
    }

    static String progressLine(ChildRunResult result) {
        JunitXmlResults junit = result.junit();
        String what;
        if (result.run().isClean()) {
            boolean passed = result.abnormalEnd() == null && junit.failed().isEmpty() && junit.tests() > 0;
            what = (passed ? "passed" : "FAILED") + ": " + junit.tests() + " tests, " + junit.failed().size() + " failed";
        } else {
            what = (junit.failed().isEmpty() ? "NOT detected" : "detected") + ": " + junit.failed().size() + " of "
                    + junit.tests() + " failed";
        }
        String abnormal = result.abnormalEnd();
        if (!result.run().tests().isEmpty()) {
            what += " (its expected catchers)";
        }
        return String.format(Locale.ROOT, "%-16s %s in %s s%s", result.run().label(), what, result.seconds(),
                abnormal == null ? "" : " — " + abnormal);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + dir + " before a run", e);
        }
    }
}
