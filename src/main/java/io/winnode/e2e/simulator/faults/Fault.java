package io.winnode.e2e.simulator.faults;

import io.winnode.e2e.simulator.faults.Mechanisms.DnsFault;
import io.winnode.e2e.simulator.faults.Mechanisms.ApiServerFault;
import io.winnode.e2e.simulator.faults.Mechanisms.FailingStepFault;
import io.winnode.e2e.simulator.faults.Mechanisms.IgnoredFieldFault;
import io.winnode.e2e.simulator.faults.Mechanisms.LatencyFault;
import io.winnode.e2e.simulator.faults.Mechanisms.NetworkFault;
import io.winnode.e2e.simulator.faults.Mechanisms.NodeFault;
import io.winnode.e2e.simulator.faults.Mechanisms.RegistryFault;
import io.winnode.e2e.simulator.faults.Mechanisms.ServiceProxyFault;
import io.winnode.e2e.simulator.faults.Mechanisms.SubresourceFault;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a fault file's {@code faults}: exactly one mechanism key, plus where ({@code select})
 * and when ({@code when}) it applies. Both are optional: absent = everywhere, from the start.
 */
public record Fault(NetworkFault network, DnsFault dns, IgnoredFieldFault ignoredField, FailingStepFault failingStep,
                    NodeFault node, SubresourceFault subresource, ServiceProxyFault serviceProxy, LatencyFault latency,
                    RegistryFault registry, ApiServerFault apiServer, Selector select, When when) {

    static final String MECHANISM_KEYS = "network, dns, ignoredField, failingStep, node, subresource, serviceProxy, latency, registry, apiServer";

    public Fault {
        select = select == null ? Selector.ALL : select;
        when = when == null ? When.ALWAYS : when;
        List<String> keys = new ArrayList<>();
        String[] names = {"network", "dns", "ignoredField", "failingStep", "node", "subresource", "serviceProxy", "latency", "registry", "apiServer"};
        Object[] values = {network, dns, ignoredField, failingStep, node, subresource, serviceProxy, latency, registry, apiServer};
        for (int i = 0; i < names.length; i++) {
            if (values[i] != null) {
                keys.add(names[i]);
            }
        }
        if (keys.size() != 1) {
            throw new IllegalArgumentException("a fault needs exactly one mechanism key (one of " + MECHANISM_KEYS + "), found "
                    + (keys.isEmpty() ? "none; add one, e.g. serviceProxy: { mode: missing }"
                    : String.join(" and ", keys) + "; split it into one fault entry per mechanism"));
        }
        if (apiServer != null && (select != Selector.ALL || when != When.ALWAYS)) {
            // The API server is one for the whole cluster, and its weather is the proxy's from the start.
            throw new IllegalArgumentException("an apiServer fault applies to every request of the run from its start: "
                    + "remove its select and when");
        }
    }

    /** The one mechanism this fault uses. */
    public Object mechanism() {
        for (Object o : new Object[] {network, dns, ignoredField, failingStep, node, subresource, serviceProxy, latency, registry, apiServer}) {
            if (o != null) {
                return o;
            }
        }
        throw new IllegalStateException("unreachable: validated in the constructor");
    }
}
