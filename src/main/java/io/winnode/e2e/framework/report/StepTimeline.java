package io.winnode.e2e.framework.report;

import io.qameta.allure.Allure;
import io.qameta.allure.model.StepResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the failed test did, step by step, as upstream's e2e log shows it ({@code STEP: ...} lines with
 * their time, from ginkgo's {@code By}): read from the Allure steps the framework already records
 * (every deploy, wait, exec, delete and parity check is an {@code Allure.step}), nested steps indented.
 * A step still open when the test failed is the one it failed in.
 */
final class StepTimeline {

    private StepTimeline() {
    }

    /** The steps of the test running on this thread so far, or a line saying there is no such test. */
    static String ofCurrentTest() {
        var lines = new ArrayList<String>();
        var lifecycle = Allure.getLifecycle();
        lifecycle.getCurrentTestCase().ifPresent(uuid -> lifecycle.updateTestCase(uuid, test -> append(lines, test.getSteps(), 0)));
        return lines.isEmpty() ? "(no steps recorded: the failure came before the test's first step, e.g. in class setup)\n"
                : String.join("\n", lines) + "\n";
    }

    private static void append(List<String> lines, List<StepResult> steps, int depth) {
        for (StepResult step : steps) {
            String status = step.getStatus() == null ? "still running when the test failed"
                    : step.getStatus().value() + (step.getStop() == null || step.getStart() == null ? ""
                    : String.format(Locale.ROOT, ", %.1f s", (step.getStop() - step.getStart()) / 1000.0));
            lines.add(Instant.ofEpochMilli(step.getStart() == null ? 0 : step.getStart()) + " " + "  ".repeat(depth)
                    + "STEP: " + step.getName() + " [" + status + "]");
            step.getParameters().forEach(p -> lines.add("  ".repeat(depth + 2) + p.getName() + ": " + p.getValue()));
            append(lines, step.getSteps(), depth + 1);
        }
    }
}
