package io.winnode.e2e.scenarios.lifecycle;

import io.fabric8.kubernetes.api.model.Pod;
import io.qameta.allure.Allure;
import io.qameta.allure.Feature;
import io.qameta.allure.Severity;
import io.qameta.allure.SeverityLevel;
import io.winnode.e2e.framework.junit.ParityTest;
import io.winnode.e2e.framework.junit.Tags;
import io.winnode.e2e.framework.junit.WindowsScenario;
import io.winnode.e2e.framework.parity.Observed;
import io.winnode.e2e.framework.parity.ParityCheck;
import io.winnode.e2e.framework.placement.Side;
import io.winnode.e2e.framework.workloads.PodStates;
import io.winnode.e2e.framework.workloads.RunningPod;
import io.winnode.e2e.framework.workloads.Workloads;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Pod termination, in the manner of upstream's graceful-stop checks. */
@WindowsScenario("Lifecycle")
@Feature("Lifecycle")
@Tag(Tags.LIFECYCLE)
@Tag(Tags.CORE_SCHEDULING)
class PodLifecycleScenarios {

    private static final int GRACE_SECONDS = 10;

    @ParityTest("RT-03")
    @DisplayName("a deleted pod is gone within its termination grace period")
    @Severity(SeverityLevel.CRITICAL)
    void deletedPodIsGoneWithinItsGracePeriod(Side side, Workloads workloads, ParityCheck parity) {
        String name = "graceful-" + side.slug();
        workloads.deploy("lifecycle/graceful-pod.yaml", side, Map.of("NAME", name, "GRACE_SECONDS", String.valueOf(GRACE_SECONDS)));
        RunningPod pod = workloads.running(name, side);

        // Upstream's deletion budget (PodDelete, 5 min), not grace + a few seconds: a Windows container's stop and
        // its HNS endpoint's removal are slow on healthy nodes too. A pod that never goes (D-42, D-59, D-60: stuck
        // Terminating) still fails, after the budget; how long the deletion took is recorded in the report.
        Duration deadline = workloads.timeouts().podDelete();
        Instant deleted = Instant.now();
        Optional<Pod> left = workloads.deleteAndAwaitGone(name, deadline);
        Allure.parameter("seconds from deletion until gone", left.isEmpty()
                ? String.valueOf(Duration.between(deleted, Instant.now()).toMillis() / 1000.0) : "not gone");

        parity.verify(left.isEmpty() ? Observed.outcome("gone")
                : Observed.detail("still present " + deadline.toSeconds() + " s after deletion: " + PodStates.describe(left.get())), pod.node());
    }
}
