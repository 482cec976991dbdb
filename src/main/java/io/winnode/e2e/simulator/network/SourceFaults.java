package io.winnode.e2e.simulator.network;

import io.winnode.e2e.simulator.faults.ActiveFaults;
import io.winnode.e2e.simulator.faults.Mechanisms.DnsFault;
import io.winnode.e2e.simulator.faults.Mechanisms.IgnoredFieldFault;
import io.winnode.e2e.simulator.faults.Mechanisms.NetworkFault;
import io.winnode.e2e.simulator.faults.Mechanisms.ServiceProxyFault;
import io.winnode.e2e.simulator.faults.PodFacts;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The faults that apply to traffic from one pod: its node's resolver, proxy rules and network path.
 * Selectors match the source pod and its node (faults/README.md).
 */
public final class SourceFaults {

    /** A serviceProxy fault with the instant it became active. */
    record ProxyFault(ServiceProxyFault fault, Instant since) {
    }

    private final ActiveFaults faults;
    private final String nodeName;
    private final PodFacts pod;

    public SourceFaults(ActiveFaults faults, String nodeName, PodFacts pod) {
        this.faults = faults;
        this.nodeName = nodeName;
        this.pod = pod;
    }

    public static SourceFaults none() {
        return new SourceFaults(ActiveFaults.none(), null, null);
    }

    /** Whether any network fault applies to this pod now (the destination is classified only then). */
    boolean anyNetwork() {
        return !faults.matching(NetworkFault.class, nodeName, pod).isEmpty();
    }

    Optional<NetworkFault> network(String destinationKind, int port, String protocol) {
        return faults.matching(NetworkFault.class, nodeName, pod).stream()
                .filter(f -> f.to().equals("any") || f.to().equals(destinationKind))
                .filter(f -> f.port() == null || f.port() == port)
                .filter(f -> f.protocol().equals("any") || f.protocol().equals(protocol))
                .findFirst();
    }

    Optional<DnsFault> dns(String queriedName) {
        return faults.matching(DnsFault.class, nodeName, pod).stream()
                .filter(f -> f.pattern().matcher(queriedName).find()).findFirst();
    }

    Optional<ProxyFault> serviceProxy() {
        List<ProxyFault> list = faults.matchingWithStart(ServiceProxyFault.class, nodeName, pod, ProxyFault::new);
        return list.stream().findFirst();
    }

    /** ClientIP session affinity is honoured unless the node's proxy ignores {@code spec.sessionAffinity}. */
    boolean honoursSessionAffinity() {
        return faults.matching(IgnoredFieldFault.class, nodeName, pod).stream()
                .noneMatch(f -> f.path().equals("spec.sessionAffinity"));
    }
}
