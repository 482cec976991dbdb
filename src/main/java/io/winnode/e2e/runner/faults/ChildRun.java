package io.winnode.e2e.runner.faults;

import io.winnode.e2e.runner.cluster.ActiveFault;
import io.winnode.e2e.runner.selection.SelectionOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code winnode run} of {@code faults verify} on the simulated cluster: clean, or with one
 * catalog fault. Each runs in a JVM of its own, because a run's state (parity ledger, Allure
 * lifecycle) is per JVM.
 *
 * @param label     {@code clean-seed-1} or the fault id; also the name of its directory
 * @param fault     the catalog fault applied, or null for a clean run
 * @param seed      the simulator's seed
 * @param directory where the run's JUnit XML, parity matrix, Allure results and log go
 * @param tests     the test ids to run ({@code --test}); empty for the whole suite
 */
public record ChildRun(String label, ActiveFault fault, long seed, Path directory, List<String> tests) {

    public ChildRun {
        tests = List.copyOf(tests);
    }

    /**
     * What every child run of one verification shares.
     *
     * @param wholeSuite whether faulted runs run the whole suite, rather than their expected catchers first
     */
    public record VerificationSettings(String suite, double timeoutScale, String scenariosPackage, boolean wholeSuite) {

        public VerificationSettings(String suite, double timeoutScale, String scenariosPackage) {
            this(suite, timeoutScale, scenariosPackage, false);
        }
    }

    public static ChildRun clean(long seed, Path parent) {
        String label = "clean-seed-" + seed;
        return new ChildRun(label, null, seed, parent.resolve(label), List.of());
    }

    public static ChildRun faulted(ActiveFault fault, long seed, Path parent) {
        return new ChildRun(fault.id(), fault, seed, parent.resolve(fault.id()), List.of());
    }

    /** The same run restricted to {@code testIds}. */
    public ChildRun onlyTests(List<String> testIds) {
        return new ChildRun(label, fault, seed, directory, testIds);
    }

    public boolean isClean() {
        return fault == null;
    }

    public Path log() {
        return directory.resolve("run.log");
    }

    /**
     * The arguments of {@code winnode} for this run (after the class name), on the shared control
     * plane in {@code controlPlane} (null: the run starts its own).
     */
    public List<String> arguments(VerificationSettings settings, Path controlPlane) {
        List<String> args = new ArrayList<>(replayArguments(settings));
        if (controlPlane != null) {
            args.addAll(List.of("--sim-control-plane", controlPlane.toString()));
        }
        args.addAll(List.of("--progress", "plain", "--artifacts", directory.toString(),
                "--allure-results", directory.resolve("allure-results").toString()));
        if (!SelectionOptions.SCENARIOS_PACKAGE.equals(settings.scenariosPackage())) {
            args.addAll(List.of("--scenarios-package", settings.scenariosPackage()));
        }
        return args;
    }

    /** The command that runs this again by hand, in the same conditions. */
    String replayCommand(VerificationSettings settings) {
        return "./winnode " + String.join(" ", replayArguments(settings));
    }

    private List<String> replayArguments(VerificationSettings settings) {
        List<String> args = new ArrayList<>(List.of("run", "--cluster", "simulated", "--suite", settings.suite(),
                "--sim-seed", String.valueOf(seed), "--timeout-scale", String.valueOf(settings.timeoutScale()),
                // One class at a time, as several runs already share the cores; no retries, which would
                // pass a faulted test on a second try and blur what detected the fault.
                "--parallel", "1", "--retries", "0"));
        if (fault != null) {
            args.addAll(List.of("--faults", fault.id()));
        }
        tests.forEach(id -> args.addAll(List.of("--test", id)));
        return args;
    }
}
