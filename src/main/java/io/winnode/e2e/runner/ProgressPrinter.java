package io.winnode.e2e.runner;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintWriter;

/** One line per finished test on the console, so a CI log shows progress and where a run stopped. */
final class ProgressPrinter implements TestExecutionListener {

    private final PrintWriter out;
    private TestPlan plan;

    ProgressPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (plan.getParent(id).isPresent()) {
            print("SKIPPED", id, reason);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean report = id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && plan.getParent(id).isPresent();
        if (!report) {
            return;
        }
        String status = switch (result.getStatus()) {
            case SUCCESSFUL -> "PASSED";
            case ABORTED -> "ABORTED";
            case FAILED -> "FAILED";
        };
        print(status, id, result.getThrowable().map(t -> t.getClass().getSimpleName() + ": " + t.getMessage()).orElse(null));
    }

    private synchronized void print(String status, TestIdentifier id, String detail) {
        out.printf("%-8s %s%n", status, TestCaseNames.of(plan, id));
        if (detail != null && !"PASSED".equals(status)) {
            out.println("         " + detail.lines().findFirst().orElse(""));
        }
        out.flush();
    }
}
