package io.winnode.e2e.framework.lifecycle;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which run-labelled objects a sweep takes for leftovers, and which it must never touch. */
class LeftoverRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static LabelledObject namespace(String name, String runId, Duration age) {
        return new LabelledObject("Namespace", null, name, runId, NOW.minus(age), false, false);
    }

    private static Heartbeat heartbeat(String runId, Duration renewedAgo) {
        return new Heartbeat(runId, NOW.minus(renewedAgo), LEASE);
    }

    private static List<String> leftovers(List<LabelledObject> objects, Map<String, Heartbeat> heartbeats, Duration grace,
                                          String ownRunId, boolean includeKept) {
        return LeftoverRules.select(objects, heartbeats, NOW, grace, ownRunId, includeKept).stream()
                .map(l -> l.object().name()).toList();
    }

    @Test
    void aRunWhoseHeartbeatStoppedLongerAgoThanTheGraceIsLeftWhateverTheAgeOfItsObjects() {
        var objects = List.of(namespace("wn-dead", "run-dead", Duration.ofSeconds(10)));

        var found = LeftoverRules.select(objects, Map.of("run-dead", heartbeat("run-dead", Duration.ofMinutes(3))),
                NOW, GRACE, "run-me", false);

        assertThat(found).singleElement().satisfies(l -> {
            assertThat(l.object().name()).isEqualTo("wn-dead");
            assertThat(l.heartbeatAge()).contains(Duration.ofMinutes(3));
            assertThat(l.evidence()).isEqualTo("heartbeat 3m 0s ago");
        });
    }

    @Test
    void aRunWhoseHeartbeatLapsedWithinTheGraceIsNotYetLeft() {
        var objects = List.of(namespace("wn-recent", "run-recent", Duration.ofHours(1)));

        assertThat(leftovers(objects, Map.of("run-recent", heartbeat("run-recent", Duration.ofSeconds(90))), GRACE,
                "run-me", false)).isEmpty();
    }

    @Test
    void aLiveRunIsNeverTouchedEvenWithNoGraceAtAll() {
        var objects = List.of(namespace("wn-live", "run-live", Duration.ofHours(2)));

        assertThat(leftovers(objects, Map.of("run-live", heartbeat("run-live", Duration.ofSeconds(29))), Duration.ZERO,
                "run-me", true)).isEmpty();
        assertThat(leftovers(objects, Map.of("run-live", heartbeat("run-live", Duration.ofSeconds(31))), Duration.ZERO,
                "run-me", true)).as("once its lease lapsed").containsExactly("wn-live");
    }

    @Test
    void withoutAHeartbeatTheObjectsOwnAgeCounts() {
        var objects = List.of(namespace("wn-old", "run-gone", Duration.ofMinutes(5)),
                namespace("wn-new", "run-starting", Duration.ofSeconds(5)));

        var found = LeftoverRules.select(objects, Map.of(), NOW, GRACE, "run-me", false);

        assertThat(found).singleElement().satisfies(l -> {
            assertThat(l.object().name()).isEqualTo("wn-old");
            assertThat(l.evidence()).isEqualTo("no heartbeat; created 5m 0s ago");
        });
    }

    @Test
    void withoutAHeartbeatAnObjectIsLeftOnlyOnceAStartingRunWouldHaveCreatedItsHeartbeatWhateverTheGrace() {
        var starting = List.of(namespace("wn-20261202-095959-1a2b-heartbeat", "run-starting", Duration.ofSeconds(1)));
        var ended = List.of(namespace("wn-ended", "run-ended", LeftoverRules.WITHOUT_HEARTBEAT));

        assertThat(leftovers(starting, Map.of(), Duration.ZERO, "run-me", false)).isEmpty();
        assertThat(leftovers(ended, Map.of(), Duration.ZERO, "run-me", false)).containsExactly("wn-ended");
    }

    @Test
    void theSweepingRunsOwnObjectsAndUnlabelledOnesAreNeverLeftovers() {
        var objects = List.of(namespace("wn-mine", "run-me", Duration.ofHours(1)),
                namespace("kube-system", null, Duration.ofDays(30)));

        assertThat(leftovers(objects, Map.of(), Duration.ZERO, "run-me", true)).isEmpty();
    }

    @Test
    void objectsAlreadyBeingDeletedAreLeftToTheApiServer() {
        var going = new LabelledObject("Namespace", null, "wn-going", "run-gone", NOW.minus(Duration.ofHours(1)), true, false);

        assertThat(leftovers(List.of(going), Map.of(), GRACE, "run-me", true)).isEmpty();
    }

    @Test
    void keptNamespacesAreLeftForAPersonUntilCleanAsksForThem() {
        var kept = new LabelledObject("Namespace", null, "wn-kept", "run-failed", NOW.minus(Duration.ofHours(1)), false, true);

        assertThat(leftovers(List.of(kept), Map.of(), GRACE, "run-me", false)).as("a run's sweep").isEmpty();
        assertThat(leftovers(List.of(kept), Map.of(), GRACE, null, true)).as("./winnode clean").containsExactly("wn-kept");
    }
}
