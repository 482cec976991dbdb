package io.winnode.e2e.simulator.network;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.List;
import java.util.Objects;

/**
 * What kube-proxy programs from: the Services and EndpointSlices it has seen. Normally the current
 * API state; a node whose proxy is faulty may route by an older state ({@link RuleHistory}) or none.
 */
public record ServiceRules(List<Service> services, List<EndpointSlice> slices) {

    public static final ServiceRules NONE = new ServiceRules(List.of(), List.of());

    public static ServiceRules current(ServiceView store) {
        return new ServiceRules(store.services(), store.endpointSlices());
    }

    List<EndpointSlice> slicesOf(Service svc) {
        String ns = svc.getMetadata().getNamespace();
        String name = svc.getMetadata().getName();
        return slices.stream().filter(s -> ns.equals(s.getMetadata().getNamespace()) && s.getMetadata().getLabels() != null
                && Objects.equals(name, s.getMetadata().getLabels().get("kubernetes.io/service-name"))).toList();
    }

    /** Identity of this state, to record a new snapshot only when something changed. */
    String version() {
        StringBuilder b = new StringBuilder();
        services.forEach(s -> b.append(s.getMetadata().getUid()).append(':').append(s.getMetadata().getResourceVersion()).append(','));
        b.append('|');
        slices.forEach(s -> b.append(s.getMetadata().getUid()).append(':').append(s.getMetadata().getResourceVersion()).append(','));
        return b.toString();
    }
}
