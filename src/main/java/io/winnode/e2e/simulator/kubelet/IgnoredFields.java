package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.List;

/**
 * The pod as a faulty kubelet reads it: the {@code ignoredField} paths cleared in a copy, so that
 * every later step (volumes, resolver, users, stats, termination) behaves as if they were unset. The
 * stored object is untouched, as the API server still has the field.
 */
final class IgnoredFields {

    private IgnoredFields() {
    }

    static Pod apply(Pod pod, List<String> paths) {
        if (paths.isEmpty()) {
            return pod;
        }
        Pod copy = Serialization.clone(pod);
        var spec = copy.getSpec();
        List<Container> containers = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            containers.addAll(spec.getInitContainers());
        }
        for (String path : paths) {
            switch (path) {
                case "spec.containers[*].volumeMounts[*].readOnly" -> containers.forEach(c -> {
                    if (c.getVolumeMounts() != null) {
                        c.getVolumeMounts().forEach(m -> m.setReadOnly(null));
                    }
                });
                case "spec.containers[*].ports[*].hostPort" -> containers.forEach(c -> {
                    if (c.getPorts() != null) {
                        c.getPorts().forEach(p -> p.setHostPort(null));
                    }
                });
                case "spec.containers[*].resources.limits.cpu" -> containers.forEach(c -> removeLimit(c, "cpu"));
                case "spec.containers[*].resources.limits.memory" -> containers.forEach(c -> removeLimit(c, "memory"));
                case "spec.dnsConfig" -> spec.setDnsConfig(null);
                case "spec.dnsPolicy" -> spec.setDnsPolicy(null);
                case "spec.hostAliases" -> spec.setHostAliases(null);
                case "spec.terminationGracePeriodSeconds" -> spec.setTerminationGracePeriodSeconds(null);
                case "spec.securityContext.windowsOptions.runAsUserName" -> {
                    if (spec.getSecurityContext() != null && spec.getSecurityContext().getWindowsOptions() != null) {
                        spec.getSecurityContext().getWindowsOptions().setRunAsUserName(null);
                    }
                }
                case "spec.containers[*].securityContext.windowsOptions.runAsUserName" -> containers.forEach(c -> {
                    if (c.getSecurityContext() != null && c.getSecurityContext().getWindowsOptions() != null) {
                        c.getSecurityContext().getWindowsOptions().setRunAsUserName(null);
                    }
                });
                case "spec.securityContext.runAsNonRoot" -> {
                    if (spec.getSecurityContext() != null) {
                        spec.getSecurityContext().setRunAsNonRoot(null);
                    }
                }
                case "spec.containers[*].securityContext.runAsNonRoot" -> containers.forEach(c -> {
                    if (c.getSecurityContext() != null) {
                        c.getSecurityContext().setRunAsNonRoot(null);
                    }
                });
                default -> {
                    // spec.sessionAffinity belongs to Services: the node's proxy applies it (network.SourceFaults).
                }
            }
        }
        return copy;
    }

    private static void removeLimit(Container c, String resource) {
        if (c.getResources() != null && c.getResources().getLimits() != null) {
            c.getResources().getLimits().remove(resource);
        }
    }
}
