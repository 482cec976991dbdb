package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;

import java.util.List;
import java.util.Map;

/**
 * A pod's effective requests as the scheduler computes them: max(largest init container, sum of
 * containers) plus {@code spec.overhead} (RuntimeClass, parity RES-09). {@code forScoring} applies
 * the scheduler's non-zero defaults (100m CPU, 200 MiB) to containers without requests.
 */
record PodResources(double cpu, double memory) {

    static final double DEFAULT_CPU = 0.1;
    static final double DEFAULT_MEMORY = 200 * 1024 * 1024;

    static PodResources of(Pod pod, boolean forScoring) {
        double cpu = 0;
        double memory = 0;
        for (Container c : pod.getSpec().getContainers()) {
            cpu += amount(c, "cpu", forScoring ? DEFAULT_CPU : 0);
            memory += amount(c, "memory", forScoring ? DEFAULT_MEMORY : 0);
        }
        for (Container c : pod.getSpec().getInitContainers() == null ? List.<Container>of() : pod.getSpec().getInitContainers()) {
            cpu = Math.max(cpu, amount(c, "cpu", 0));
            memory = Math.max(memory, amount(c, "memory", 0));
        }
        Map<String, Quantity> overhead = pod.getSpec().getOverhead();
        if (overhead != null) {
            cpu += value(overhead.get("cpu"));
            memory += value(overhead.get("memory"));
        }
        return new PodResources(cpu, memory);
    }

    private static double amount(Container c, String resource, double defaultValue) {
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
        if (requests != null && requests.containsKey(resource)) {
            return value(requests.get(resource));
        }
        if (limits != null && limits.containsKey(resource)) {
            return value(limits.get(resource)); // a limit without a request defaults the request to the limit
        }
        return defaultValue;
    }

    static double value(Quantity q) {
        return q == null ? 0 : Quantity.getAmountInBytes(q).doubleValue();
    }

    PodResources plus(PodResources other) {
        return new PodResources(cpu + other.cpu, memory + other.memory);
    }
}
