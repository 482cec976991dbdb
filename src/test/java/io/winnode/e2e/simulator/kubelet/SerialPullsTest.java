package io.winnode.e2e.simulator.kubelet;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A node's pulls queue behind each other, as the kubelet's default serializeImagePulls=true makes them. */
class SerialPullsTest {

    @Test
    void aPullRequestedWhileAnotherRunsFinishesAfterIt() {
        SerialPulls pulls = new SerialPulls();
        Instant t0 = Instant.parse("2026-12-02T05:00:00Z");

        Instant first = pulls.done(t0, Duration.ofSeconds(60));
        Instant second = pulls.done(t0.plusSeconds(10), Duration.ofSeconds(30));
        Instant later = pulls.done(t0.plusSeconds(200), Duration.ofSeconds(20));

        assertThat(first).isEqualTo(t0.plusSeconds(60));
        assertThat(second).isEqualTo(t0.plusSeconds(90));
        assertThat(later).isEqualTo(t0.plusSeconds(220));
    }
}
