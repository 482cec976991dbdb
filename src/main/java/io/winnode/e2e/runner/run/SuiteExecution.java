package io.winnode.e2e.runner.run;

import io.winnode.e2e.framework.junit.Tags;
import io.winnode.e2e.runner.results.TestIds;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a selection the way a suite asks: the tests that may share the cluster first, their classes
 * {@code parallel} at a time; then the {@code serial} tests, one class at a time, alone on the
 * cluster; then up to {@code retries} rounds of the tests that failed. Every phase selects tests by
 * JUnit unique id, taken from one discovery of the selection, so no phase can pick up a test the
 * selection (suite, tags, ids, shard) left out.
 */
public final class SuiteExecution {

    /** How to run: classes at once, retry rounds, the per-test limit. */
    public record ExecutionSettings(int parallel, int retries, Optional<Duration> testTimeout) {
    }

    private final Launcher launcher;
    private final Map<String, String> parameters;
    private final ExecutionSettings settings;
    private final PrintWriter out;

    public SuiteExecution(Launcher launcher, Map<String, String> parameters, ExecutionSettings settings, PrintWriter out) {
        this.launcher = launcher;
        this.parameters = parameters;
        this.settings = settings;
        this.out = out;
    }

    /**
     * Runs {@code selection} (a discovery request for the whole selection) and reports to
     * {@code listeners}; {@code attempts} hears when each retry round starts.
     */
    public RunOutcomes run(LauncherDiscoveryRequest selection, AttemptListener attempts, TestExecutionListener... listeners) {
        TestPlan plan = launcher.discover(selection);
        List<String> shared = new ArrayList<>();
        List<String> serial = new ArrayList<>();
        for (TestIdentifier test : leafMethods(plan)) {
            (test.getTags().stream().anyMatch(t -> t.getName().equals(Tags.SERIAL)) ? serial : shared).add(test.getUniqueId());
        }
        var outcomes = new RunOutcomes();
        var all = new ArrayList<TestExecutionListener>(List.of(listeners));
        all.add(outcomes);
        TestExecutionListener[] everyone = all.toArray(TestExecutionListener[]::new);

        attempts.attemptStarted(1);
        execute(shared, settings.parallel(), everyone);
        if (!serial.isEmpty()) {
            out.println("Serial tests (" + serial.size() + "), one class at a time:");
            out.flush();
            execute(serial, 1, everyone);
        }
        for (int round = 1; round <= settings.retries() && !outcomes.failedUniqueIds().isEmpty(); round++) {
            List<String> failed = outcomes.failedUniqueIds();
            out.printf("Retry %d of %d: running %d failed test(s) again, one class at a time%n", round, settings.retries(), failed.size());
            out.flush();
            attempts.attemptStarted(round + 1);
            execute(failed, 1, everyone);
        }
        return outcomes;
    }

    private void execute(List<String> uniqueIds, int classesAtOnce, TestExecutionListener[] listeners) {
        if (uniqueIds.isEmpty()) {
            return;
        }
        List<UniqueIdSelector> selectors = uniqueIds.stream().map(DiscoverySelectors::selectUniqueId).toList();
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .configurationParameters(parameters)
                .configurationParameters(JupiterSettings.of(classesAtOnce, settings.testTimeout()))
                .build();
        launcher.execute(request, listeners);
    }

    /**
     * The tests to select: each test method, or each test template (a parity test runs once per OS
     * side; the sides appear only at execution). Not their containers, so that a class split across
     * phases runs only the methods of that phase.
     */
    private static List<TestIdentifier> leafMethods(TestPlan plan) {
        var methods = new ArrayList<TestIdentifier>();
        plan.getRoots().forEach(root -> plan.getDescendants(root).stream()
                .filter(id -> TestIds.isTestMethod(plan, id))
                .forEach(methods::add));
        return methods;
    }

    /** Hears when an attempt starts: 1 is the first run, 2 and on are retries. */
    public interface AttemptListener {
        void attemptStarted(int attempt);
    }
}
