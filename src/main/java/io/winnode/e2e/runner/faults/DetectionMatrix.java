package io.winnode.e2e.runner.faults;

import io.winnode.e2e.foundation.yaml.YamlFiles;
import io.winnode.e2e.runner.cluster.ActiveFault;
import io.winnode.e2e.runner.results.ExitCodes;
import io.winnode.e2e.runner.results.JunitXmlResults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@code faults verify}: whether the suite stayed green on the clean simulated
 * cluster (every seed) and turned red under each catalog fault, and whether the tests the fault file
 * expected to catch it were among the red ones. Written as {@code detection.md} and {@code detection.json}.
 */
public final class DetectionMatrix {

    /** First-failure messages are trimmed to this, to keep the table one line a fault. */
    static final int MESSAGE_LENGTH = 160;

    /** One clean run: passed only with tests run, none failed and exit code 0. */
    public record CleanRow(long seed, boolean passed, int tests, int failed, String problem, String replay, String log) {
    }

    /**
     * One fault: detected when at least one test failed under it.
     *
     * @param expectedCatcherFailed whether a test of the file's {@code expectedCatchers} failed; null when it names none
     */
    record FaultRow(String id, String title, String reference, boolean detected, List<String> failedTests,
                    List<String> expectedCatchers, Boolean expectedCatcherFailed, String firstFailure, String note,
                    String replay, String log) {
    }

    private final ChildRun.VerificationSettings settings;
    private final long seed;
    private final List<CleanRow> clean;
    private final List<FaultRow> faults;

    private DetectionMatrix(ChildRun.VerificationSettings settings, long seed, List<CleanRow> clean, List<FaultRow> faults) {
        this.settings = settings;
        this.seed = seed;
        this.clean = clean;
        this.faults = faults;
    }

    public static DetectionMatrix of(ChildRun.VerificationSettings settings, long seed, List<ChildRunResult> results) {
        List<CleanRow> clean = new ArrayList<>();
        List<FaultRow> faults = new ArrayList<>();
        for (ChildRunResult result : results) {
            if (result.run().isClean()) {
                clean.add(cleanRow(settings, result));
            } else {
                faults.add(faultRow(settings, result));
            }
        }
        return new DetectionMatrix(settings, seed, List.copyOf(clean), List.copyOf(faults));
    }

    private static CleanRow cleanRow(ChildRun.VerificationSettings settings, ChildRunResult result) {
        JunitXmlResults junit = result.junit();
        String problem = result.abnormalEnd();
        if (problem == null && !junit.failed().isEmpty()) {
            JunitXmlResults.FailedCase first = junit.failed().get(0);
            problem = junit.failed().size() + " failed, first " + first.testId() + ": "
                    + JunitXmlResults.oneLine(first.message(), MESSAGE_LENGTH);
        } else if (problem == null && junit.tests() == 0) {
            problem = "no test ran";
        } else if (problem == null && result.outcome().exitCode() != ExitCodes.PASSED) {
            problem = "winnode exited " + result.outcome().exitCode() + "; see " + result.run().log();
        }
        return new CleanRow(result.run().seed(), problem == null, junit.tests(), junit.failed().size(), problem,
                result.run().replayCommand(settings), result.run().log().toString());
    }

    private static FaultRow faultRow(ChildRun.VerificationSettings settings, ChildRunResult result) {
        ActiveFault fault = result.run().fault();
        JunitXmlResults junit = result.junit();
        var failedTests = new LinkedHashSet<String>();
        junit.failed().forEach(f -> failedTests.add(f.testId().isEmpty() ? f.name() : f.testId()));
        List<String> catchers = fault.summary().expectedCatchers();
        Boolean caught = catchers.isEmpty() ? null : catchers.stream().anyMatch(c -> caughtBy(c, failedTests));
        boolean detected = !junit.failed().isEmpty();
        String note = result.abnormalEnd();
        if (!detected && note == null) {
            note = "all " + junit.tests() + " tests passed under the fault";
        }
        return new FaultRow(fault.id(), fault.summary().titleOrId(), fault.summary().reference(), detected,
                List.copyOf(failedTests), catchers, caught, junit.firstFailureMessage(MESSAGE_LENGTH), note,
                result.run().replayCommand(settings), result.run().log().toString());
    }

    /** A catcher {@code Class#method} counts as failed when it did, or when its class's setup did. */
    static boolean caughtBy(String catcher, java.util.Set<String> failedTests) {
        String className = catcher.contains("#") ? catcher.substring(0, catcher.indexOf('#')) : catcher;
        return failedTests.contains(catcher) || failedTests.contains(className);
    }

    boolean cleanRunsPassed() {
        return !clean.isEmpty() && clean.stream().allMatch(CleanRow::passed);
    }

    boolean everyFaultDetected() {
        return faults.stream().allMatch(FaultRow::detected);
    }

    /** 0 when every clean run passed and every fault was detected, else 1. */
    public int exitCode() {
        return cleanRunsPassed() && everyFaultDetected() ? ExitCodes.PASSED : ExitCodes.TESTS_FAILED;
    }

    public List<CleanRow> clean() {
        return clean;
    }

    List<FaultRow> faults() {
        return faults;
    }

    public String verdict() {
        List<String> problems = new ArrayList<>();
        long failedClean = clean.stream().filter(c -> !c.passed()).count();
        if (clean.isEmpty()) {
            problems.add("no clean run");
        } else if (failedClean > 0) {
            problems.add(failedClean + " of " + clean.size() + " clean runs failed (the suite is flaky or broken without faults)");
        }
        List<String> missed = faults.stream().filter(f -> !f.detected()).map(FaultRow::id).toList();
        if (!missed.isEmpty()) {
            problems.add("undetected faults: " + String.join(", ", missed));
        }
        long detected = faults.size() - missed.size();
        String counts = "clean runs passed: " + (clean.size() - failedClean) + " of " + clean.size() + "; faults detected: "
                + detected + " of " + faults.size();
        return problems.isEmpty() ? "PASS — " + counts : "FAIL — " + counts + "; " + String.join("; ", problems);
    }

    public String markdown() {
        var md = new StringBuilder();
        md.append("# Fault detection matrix\n\n");
        md.append("Simulated cluster, suite `").append(settings.suite()).append("`, seed ").append(seed)
                .append(", timeout scale ").append(settings.timeoutScale()).append(".\n\n");
        md.append("## Clean runs\n\n| Seed | Result | Tests | Failed | Problem | Replay |\n|---|---|---|---|---|---|\n");
        for (CleanRow c : clean) {
            md.append("| ").append(c.seed()).append(" | ").append(c.passed() ? "PASS" : "FAIL").append(" | ").append(c.tests())
                    .append(" | ").append(c.failed()).append(" | ").append(cell(c.problem())).append(" | `")
                    .append(c.replay()).append("` |\n");
        }
        md.append("\n## Faults\n\n").append(settings.wholeSuite() ? "Every fault's run ran the whole suite.\n\n"
                : "A fault's run starts with the tests its catalog file names as expected catchers and ends there when one "
                + "of them fails; only a fault they miss gets the whole suite (`faults verify --whole-suite` runs the whole "
                + "suite every time). Each row's replay command says which tests ran.\n\n").append("| Fault | Title | Detected | Failed tests | Expected catcher failed | First failure |\n")
                .append("|---|---|---|---|---|---|\n");
        for (FaultRow f : faults) {
            md.append("| ").append(f.id()).append(" | ").append(cell(f.title())).append(" | ").append(f.detected() ? "yes" : "**no**")
                    .append(" | ").append(cell(String.join(", ", f.failedTests()))).append(" | ")
                    .append(f.expectedCatcherFailed() == null ? "n/a (none declared)" : f.expectedCatcherFailed() ? "yes"
                            : "no (expected " + String.join(", ", f.expectedCatchers()) + ")")
                    .append(" | ").append(cell(f.detected() ? f.firstFailure() : f.note())).append(" |\n");
        }
        if (faults.isEmpty()) {
            md.append("| — | no fault run | | | | |\n");
        }
        md.append("\n").append(verdict()).append("\n");
        return md.toString();
    }

    String json() {
        var root = new LinkedHashMap<String, Object>();
        root.put("cluster", "simulated");
        root.put("suite", settings.suite());
        root.put("seed", seed);
        root.put("timeoutScale", settings.timeoutScale());
        root.put("cleanRuns", clean);
        root.put("faults", faults);
        root.put("cleanRunsPassed", cleanRunsPassed());
        root.put("everyFaultDetected", everyFaultDetected());
        root.put("verdict", verdict());
        return YamlFiles.toJson(root);
    }

    /** Writes {@code detection.md} and {@code detection.json} into {@code directory}. */
    public Map<String, Path> writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Path md = Files.writeString(directory.resolve("detection.md"), markdown());
            Path json = Files.writeString(directory.resolve("detection.json"), json());
            return Map.of("md", md, "json", json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the detection matrix into " + directory, e);
        }
    }

    // A Markdown table cell: one line, no column breaks.
    private static String cell(String text) {
        return text == null ? "" : JunitXmlResults.oneLine(text, 400).replace("|", "\\|");
    }
}
