package io.winnode.e2e.simulator.controllers;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The controller "expectations" of kube-controller-manager: after creating or deleting pods for an
 * owner, wait until the informer cache shows that many before acting again, so a lagging cache
 * does not cause duplicate creations. Expectations expire, as the real ones do (5 minutes there).
 */
final class Expectations {

    private record Expected(int count, Instant until) {
    }

    private final Map<String, Expected> expected = new ConcurrentHashMap<>();
    private final Duration ttl;

    Expectations(Duration ttl) {
        this.ttl = ttl;
    }

    void expect(String ownerUid, int count) {
        expected.put(ownerUid, new Expected(count, Instant.now().plus(ttl)));
    }

    /** Whether the cache (showing {@code observed} children) has caught up with what we did. */
    boolean satisfied(String ownerUid, int observed) {
        Expected e = expected.get(ownerUid);
        if (e == null || observed == e.count() || Instant.now().isAfter(e.until())) {
            expected.remove(ownerUid);
            return true;
        }
        return false;
    }
}
