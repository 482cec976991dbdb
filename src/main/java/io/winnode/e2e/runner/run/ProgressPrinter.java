package io.winnode.e2e.runner.run;

import io.winnode.e2e.framework.report.Redactor;
import io.winnode.e2e.runner.results.TestCaseNames;
import io.winnode.e2e.runner.results.TestIds;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One line per finished test, so a log shows progress and where a run stopped. In CI (plain) each
 * line starts with a UTC timestamp; on a terminal (live) a status line under them shows done/total,
 * the test running now, the time spent and an estimate of the time left, redrawn in place on every
 * test event and once a second.
 * Progress counts test methods (a parity test counts once, however many OS sides it runs on).
 */
public final class ProgressPrinter implements TestExecutionListener {

    /** How progress is shown; {@link #AUTO} is live on an interactive terminal outside CI. */
    public enum Mode {
        AUTO, LIVE, PLAIN;

        public boolean live(java.util.function.Function<String, String> env, boolean terminal) {
            return switch (this) {
                case LIVE -> true;
                case PLAIN -> false;
                case AUTO -> terminal && env.apply("CI") == null && !"dumb".equals(env.apply("TERM"));
            };
        }
    }

    private static final String CLEAR_LINE = "\r\u001b[K";

    private final PrintWriter out;
    private final boolean live;
    private final int totalMethods;
    private final Clock clock;
    private final Instant started;
    private volatile TestPlan plan;
    private int doneMethods;
    private String current = "";
    // Live only: redraws the status line every second, so the elapsed time moves during a long test.
    private final ScheduledExecutorService ticker;

    public ProgressPrinter(PrintWriter out, boolean live, int totalMethods, Clock clock) {
        this.out = out;
        this.live = live;
        this.totalMethods = totalMethods;
        this.clock = clock;
        this.started = clock.instant();
        this.ticker = live ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "winnode-progress");
            t.setDaemon(true);
            return t;
        }) : null;
        if (ticker != null) {
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    private synchronized void tick() {
        if (plan != null) {
            redrawStatus();
        }
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public synchronized void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            current = TestCaseNames.of(plan, id);
            redrawStatus();
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (plan.getParent(id).isPresent()) {
            print("SKIPPED", id, reason);
        }
        countIfMethod(id);
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        boolean report = id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && plan.getParent(id).isPresent();
        if (report) {
            String status = switch (result.getStatus()) {
                case SUCCESSFUL -> "PASSED";
                case ABORTED -> "ABORTED";
                case FAILED -> "FAILED";
            };
            // CI keeps the console as the job's build log: a message quoting a credential is masked here too.
            print(status, id, result.getThrowable()
                    .map(t -> Redactor.run().scrub(t.getClass().getSimpleName() + ": " + t.getMessage())).orElse(null));
        }
        countIfMethod(id);
    }

    /** Ends the live status line, so what follows starts on a line of its own. */
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (live) {
            out.print(CLEAR_LINE);
            out.flush();
        }
    }

    private synchronized void countIfMethod(TestIdentifier id) {
        if (TestIds.isTestMethod(plan, id)) {
            doneMethods = Math.min(totalMethods, doneMethods + 1);
            redrawStatus();
        }
    }

    private synchronized void print(String status, TestIdentifier id, String detail) {
        var line = new StringBuilder();
        if (live) {
            out.print(CLEAR_LINE);
        } else {
            line.append(clock.instant().truncatedTo(ChronoUnit.SECONDS)).append(' ');
        }
        line.append(String.format("%-8s %s", status, TestCaseNames.of(plan, id)));
        out.println(line);
        if (detail != null && !"PASSED".equals(status)) {
            out.println("         " + detail.lines().findFirst().orElse(""));
        }
        redrawStatus();
        out.flush();
    }

    private void redrawStatus() {
        if (!live) {
            return;
        }
        out.print(CLEAR_LINE + statusLine());
        out.flush();
    }

    /** {@code [12/20] 1m05s elapsed, ~0m48s left - running <test>}. */
    String statusLine() {
        Duration elapsed = Duration.between(started, clock.instant());
        String estimate = doneMethods == 0 ? "estimating"
                : "~" + format(elapsed.multipliedBy(totalMethods - doneMethods).dividedBy(doneMethods)) + " left";
        return String.format("[%d/%d] %s elapsed, %s - running %s", doneMethods, totalMethods, format(elapsed), estimate,
                current);
    }

    private static String format(Duration d) {
        return String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    }
}
