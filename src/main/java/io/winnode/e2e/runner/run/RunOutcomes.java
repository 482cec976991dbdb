package io.winnode.e2e.runner.run;

import io.winnode.e2e.runner.results.TestCaseNames;
import org.junit.platform.engine.TestExecutionResult.Status;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of every test of a run across its attempts (first run, then retries), keyed by the
 * JUnit unique id, which is the same in every attempt. A test's final outcome is its last attempt's;
 * a test that failed and then passed is flaky, and stays on record as such.
 */
public final class RunOutcomes implements TestExecutionListener {

    /** One test's (or failed container's) history. */
    private static final class History {
        final String name;
        final List<Status> attempts = new ArrayList<>();
        final boolean container;
        final boolean windowsSide;
        String lastReason = "";

        History(String name, boolean container, boolean windowsSide) {
            this.name = name;
            this.container = container;
            this.windowsSide = windowsSide;
        }

        Status last() {
            return attempts.get(attempts.size() - 1);
        }

        boolean flaky() {
            return last() == Status.SUCCESSFUL && attempts.contains(Status.FAILED);
        }
    }

    private final Map<String, History> byUniqueId = new LinkedHashMap<>();
    private final Set<String> skipped = new TreeSet<>();
    /** Why each skipped Windows-side invocation was skipped, by unique id. */
    private final Map<String, String> skippedWindowsSides = new LinkedHashMap<>();
    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            skipped.add(id.getUniqueId());
            if (isWindowsSide(id)) {
                skippedWindowsSides.put(id.getUniqueId(), reason == null ? "" : reason);
            }
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean container = !id.isTest();
        if (container && !byUniqueId.containsKey(id.getUniqueId())
                && (result.getStatus() != Status.FAILED || plan.getParent(id).isEmpty())) {
            return; // a container only counts when its own setup or teardown failed (never the engine)
        }
        History history = byUniqueId.computeIfAbsent(id.getUniqueId(),
                k -> new History(TestCaseNames.of(plan, id), container, !container && isWindowsSide(id)));
        history.attempts.add(result.getStatus());
        history.lastReason = result.getThrowable().map(Throwable::getMessage).orElse("");
    }

    /**
     * A test invocation on a Windows side: {@code [windows ltsc2022]}, {@code [windows 10.0.25398]} or,
     * on a cluster with no Windows build to pin, {@code [windows]} (see {@code SideInvocation}).
     */
    private static boolean isWindowsSide(TestIdentifier id) {
        return id.isTest() && (id.getDisplayName().equals("[windows]") || id.getDisplayName().startsWith("[windows "));
    }

    /**
     * Why the run is no Windows evidence, or empty when it is: the selection had Windows-side
     * invocations and none of them ran (every one skipped or aborted, e.g. no schedulable Windows
     * node, or none with a build label to pin). Such a run must not be green, whatever its Linux
     * sides did: the suite exists to test Windows nodes (issue 10, "No green without Windows").
     */
    public synchronized java.util.Optional<String> noWindowsSideRan() {
        List<History> windows = byUniqueId.values().stream().filter(h -> h.windowsSide).toList();
        boolean anyRan = windows.stream().anyMatch(h -> h.attempts.contains(Status.SUCCESSFUL) || h.attempts.contains(Status.FAILED));
        int total = windows.size() + skippedWindowsSides.size();
        if (total == 0 || anyRan) {
            return java.util.Optional.empty();
        }
        String reason = windows.stream().map(h -> h.lastReason).filter(r -> r != null && !r.isBlank()).findFirst()
                .or(() -> skippedWindowsSides.values().stream().filter(r -> !r.isBlank()).findFirst())
                .orElse("no reason given");
        return java.util.Optional.of("No Windows side ran: all " + total + " Windows invocation(s) were skipped or aborted ("
                + reason + "). A run without a Windows side is no evidence about Windows nodes, so it is not a pass.");
    }

    /** Unique ids of tests and containers whose latest attempt failed: what a retry runs again. */
    synchronized List<String> failedUniqueIds() {
        return byUniqueId.entrySet().stream().filter(e -> e.getValue().last() == Status.FAILED).map(Map.Entry::getKey).toList();
    }

    public synchronized long passed() {
        return byUniqueId.values().stream().filter(h -> !h.container && h.last() == Status.SUCCESSFUL).count();
    }

    /** Tests whose latest attempt failed, plus containers whose setup still fails. */
    public synchronized long failed() {
        return byUniqueId.values().stream().filter(h -> h.last() == Status.FAILED).count();
    }

    public synchronized long skippedOrAborted() {
        return skipped.size() + byUniqueId.values().stream().filter(h -> !h.container && h.last() == Status.ABORTED).count();
    }

    /** Names of the tests that failed and then passed on a retry. */
    public synchronized List<String> flakyNames() {
        return byUniqueId.values().stream().filter(History::flaky).map(h -> h.name).sorted().toList();
    }

    public synchronized List<String> failedNames() {
        return byUniqueId.values().stream().filter(h -> h.last() == Status.FAILED).map(h -> h.name).sorted().toList();
    }
}
