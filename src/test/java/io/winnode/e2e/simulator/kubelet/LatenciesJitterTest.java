package io.winnode.e2e.simulator.kubelet;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.simulator.LatencyProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeded timing jitter: small in FAST, reproducible for a seed, different for another seed. */
class LatenciesJitterTest {

    static List<Duration> sequence(long seed) {
        Latencies l = new Latencies(LatencyProfile.FAST, seed);
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            out.add(l.jitter());
            out.add(l.imagePull(OsFamily.WINDOWS));
            out.add(l.containerStart(OsFamily.LINUX));
        }
        return out;
    }

    @Test
    void sameSeedSameJitterAndFastStaysFast() {
        assertThat(sequence(42)).isEqualTo(sequence(42)).isNotEqualTo(sequence(43));
        assertThat(sequence(42)).allMatch(d -> d.compareTo(Duration.ofMillis(50)) <= 0 && !d.isNegative());
        assertThat(new Latencies(LatencyProfile.REALISTIC, 1).jitter()).isZero();
    }
}
