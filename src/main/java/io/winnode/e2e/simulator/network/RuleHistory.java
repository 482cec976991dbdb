package io.winnode.e2e.simulator.network;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The Service/EndpointSlice states over time, captured every sync period while a {@code serviceProxy}
 * fault may need them: a frozen proxy routes by the state when it froze, a slow one by the state
 * {@code delaySeconds} ago (each change is programmed that late).
 */
public final class RuleHistory {

    private final ServiceView store;
    private final ConcurrentSkipListMap<Instant, ServiceRules> states = new ConcurrentSkipListMap<>();
    private volatile String lastVersion = "";

    public RuleHistory(ServiceView store) {
        this.store = store;
    }

    public void capture() {
        ServiceRules now = ServiceRules.current(store);
        String version = now.version();
        if (!version.equals(lastVersion)) {
            lastVersion = version;
            states.put(Instant.now(), now);
        }
    }

    /**
     * The state a proxy frozen at {@code t} keeps: as {@link #asOf}, but a freeze before the first
     * capture (a fault active from the start) keeps the first captured state, the cluster's initial one.
     */
    ServiceRules frozenAt(Instant t) {
        Map.Entry<Instant, ServiceRules> e = states.floorEntry(t);
        if (e == null) {
            e = states.firstEntry();
        }
        return e == null ? ServiceRules.NONE : e.getValue();
    }

    /** The state as it was at {@code t}; before the first capture, no rules at all (nothing programmed yet). */
    ServiceRules asOf(Instant t) {
        Map.Entry<Instant, ServiceRules> e = states.floorEntry(t);
        return e == null ? ServiceRules.NONE : e.getValue();
    }
}
