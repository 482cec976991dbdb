package io.winnode.e2e.framework.wait;

import io.winnode.e2e.foundation.os.OsFamily;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * B2, M9: every budget is upstream's (test/e2e/framework/timeouts.go, test/e2e/framework/service/const.go),
 * so the suite is never stricter than Kubernetes' own e2e tests on a healthy cluster.
 */
class TimeoutsTest {

    private final Timeouts standard = Timeouts.standard();

    @Test
    void aNewServiceHasUpstreamsRespondingTimeoutNotTheEndpointLag() {
        assertThat(standard.serviceResponding()).isEqualTo(Duration.ofMinutes(2));   // RespondingTimeout
        assertThat(standard.connectivity()).isEqualTo(Duration.ofSeconds(30));       // KubeProxyEndpointLagTimeout
    }

    @Test
    void aPodHasUpstreamsPodDeleteBudgetToGoAndPodStartToRun() {
        assertThat(standard.podDelete()).isEqualTo(Duration.ofMinutes(5));                // PodDelete
        assertThat(standard.podStart(OsFamily.WINDOWS)).isEqualTo(Duration.ofMinutes(5)); // PodStart
        assertThat(standard.podStart(OsFamily.LINUX)).isEqualTo(Duration.ofMinutes(2));   // PodStartShort
        assertThat(standard.serviceReady()).isEqualTo(Duration.ofSeconds(60));            // TestTimeout
    }

    @Test
    void theRunsScaleStretchesOrShrinksEveryBudget() {
        var tenth = new Timeouts(0.1);

        assertThat(tenth.serviceResponding()).isEqualTo(Duration.ofSeconds(12));
        assertThat(tenth.podDelete()).isEqualTo(Duration.ofSeconds(30));
    }
}
