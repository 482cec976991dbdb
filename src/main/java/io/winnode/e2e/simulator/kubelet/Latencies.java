package io.winnode.e2e.simulator.kubelet;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.simulator.LatencyProfile;

import java.time.Duration;
import java.util.Random;

/**
 * How long slow things take, per latency profile.
 * <p>FAST keeps every step within about 100 ms. REALISTIC uses the ranges upstream CI reports:
 * Windows images are 300 MB – 10 GB (parity RT-10) and upstream added image pre-pulling because
 * Windows pod starts exceeded the one-minute wait (kubernetes/kubernetes PR #105481,
 * test-infra#24500), so a Windows pull takes 20–90 s and a Windows container start 5–20 s; Linux
 * e2e images pull in 1–5 s and start in well under a second. Crash-loop back-off follows the
 * kubelet (10 s doubling to 5 min); image pull back-off likewise. Every value is jittered by the seed.
 * A node pulls one image at a time ({@link SerialPulls}), so queued pulls add up; an image already on
 * the node (pre-pulled, or pulled by an earlier pod) is not pulled again.
 */
public final class Latencies {

    private final LatencyProfile profile;
    private final Random random;

    public Latencies(LatencyProfile profile, long seed) {
        this.profile = profile;
        this.random = new Random(seed ^ 0x1a7e2c);
    }

    public LatencyProfile profile() {
        return profile;
    }

    private synchronized Duration between(long minMillis, long maxMillis) {
        return Duration.ofMillis(minMillis + (long) (random.nextDouble() * (maxMillis - minMillis)));
    }

    public Duration imagePull(OsFamily os) {
        if (profile == LatencyProfile.FAST) {
            return between(5, 30);
        }
        return os == OsFamily.WINDOWS ? between(20_000, 90_000) : between(1_000, 5_000);
    }

    public Duration containerStart(OsFamily os) {
        if (profile == LatencyProfile.FAST) {
            return between(5, 30);
        }
        return os == OsFamily.WINDOWS ? between(5_000, 20_000) : between(200, 800);
    }

    /**
     * From the exec stream's upgrade to the runtime having started (or failed to start) the process:
     * runc forks its init and joins the container's namespaces and cgroup; on Windows the host compute
     * service creates the process. Never zero, even in FAST: see {@link ContainerStreams}.
     */
    public Duration execStart(OsFamily os) {
        if (profile == LatencyProfile.FAST) {
            return between(30, 60);
        }
        return os == OsFamily.WINDOWS ? between(200, 1_000) : between(50, 200);
    }

    /** Back-off before restart number {@code restarts + 1}: none for the first restart, then doubling. */
    public Duration crashLoopBackOff(int restarts) {
        if (restarts == 0) {
            return Duration.ZERO;
        }
        long base = profile == LatencyProfile.FAST ? 100 : 10_000;
        long cap = profile == LatencyProfile.FAST ? 1_000 : 300_000;
        return Duration.ofMillis(Math.min(cap, base << Math.min(restarts - 1, 20)));
    }

    public Duration imagePullBackOff(int failures) {
        long base = profile == LatencyProfile.FAST ? 200 : 10_000;
        long cap = profile == LatencyProfile.FAST ? 2_000 : 300_000;
        return Duration.ofMillis(Math.min(cap, base << Math.min(Math.max(failures - 1, 0), 20)));
    }

    /**
     * FAST only: a small seeded delay (0–50 ms) added to DNS queries and endpoint programming, on top
     * of the seeded pull and start times, so that ordering races in scenarios surface; the same seed
     * gives the same sequence. REALISTIC durations are jittered already.
     */
    public Duration jitter() {
        return profile == LatencyProfile.FAST ? between(0, 50) : Duration.ZERO;
    }

    /** How long the kubelet's and controllers' sync loops wait between passes. */
    public Duration syncPeriod() {
        return Duration.ofMillis(profile == LatencyProfile.FAST ? 25 : 200);
    }

    /** Wall-clock time for an in-container wait (sleep, connect timeout) of {@code d}. */
    public Duration scaled(Duration d) {
        if (profile == LatencyProfile.FAST) {
            return Duration.ofMillis(Math.min(100, d.toMillis() / 50));
        }
        return d;
    }
}
