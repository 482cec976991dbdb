package io.winnode.e2e.runner;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestExecutionResult.Status;
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
final class RunOutcomes implements TestExecutionListener {

    /** One test's (or failed container's) history. */
    private static final class History {
        final String name;
        final List<Status> attempts = new ArrayList<>();
        final boolean container;

        History(String name, boolean container) {
            this.name = name;
            this.container = container;
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
    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            skipped.add(id.getUniqueId());
        }
    }

    @Override
    public synchronized void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean container = !id.isTest();
        if (container && !byUniqueId.containsKey(id.getUniqueId())
                && (result.getStatus() != Status.FAILED || plan.getParent(id).isEmpty())) {
            return; // a container only counts when its own setup or teardown failed (never the engine)
        }
        byUniqueId.computeIfAbsent(id.getUniqueId(), k -> new History(TestCaseNames.of(plan, id), container))
                .attempts.add(result.getStatus());
    }

    /** Unique ids of tests and containers whose latest attempt failed: what a retry runs again. */
    synchronized List<String> failedUniqueIds() {
        return byUniqueId.entrySet().stream().filter(e -> e.getValue().last() == Status.FAILED).map(Map.Entry::getKey).toList();
    }

    synchronized long passed() {
        return byUniqueId.values().stream().filter(h -> !h.container && h.last() == Status.SUCCESSFUL).count();
    }

    /** Tests whose latest attempt failed, plus containers whose setup still fails. */
    synchronized long failed() {
        return byUniqueId.values().stream().filter(h -> h.last() == Status.FAILED).count();
    }

    synchronized long skippedOrAborted() {
        return skipped.size() + byUniqueId.values().stream().filter(h -> !h.container && h.last() == Status.ABORTED).count();
    }

    /** Names of the tests that failed and then passed on a retry. */
    synchronized List<String> flakyNames() {
        return byUniqueId.values().stream().filter(History::flaky).map(h -> h.name).sorted().toList();
    }

    synchronized List<String> failedNames() {
        return byUniqueId.values().stream().filter(h -> h.last() == Status.FAILED).map(h -> h.name).sorted().toList();
    }
}
