package io.winnode.e2e.simulator.kubelet;

import java.util.List;

/**
 * The pod (and container) a streaming or log path names. The kubelet routes
 * {@code /exec|attach/{ns}/{pod}[/{uid}]/{container}}, {@code /containerLogs/{ns}/{pod}/{container}}
 * and {@code /portForward/{ns}/{pod}[/{uid}]} ({@code pkg/kubelet/server/server.go},
 * InstallAuthRequiredHandlers). {@code uid} and {@code container} are null when absent.
 */
record StreamTarget(String namespace, String pod, String uid, String container) {

    /** Path segments after the root ({@code exec}, ...), with the container last; null if the shape does not match. */
    static StreamTarget withContainer(List<String> rest) {
        return switch (rest.size()) {
            case 3 -> new StreamTarget(rest.get(0), rest.get(1), null, rest.get(2));
            case 4 -> new StreamTarget(rest.get(0), rest.get(1), rest.get(2), rest.get(3));
            default -> null;
        };
    }

    static StreamTarget logs(List<String> rest) {
        return rest.size() == 3 ? new StreamTarget(rest.get(0), rest.get(1), null, rest.get(2)) : null;
    }

    static StreamTarget podOnly(List<String> rest) {
        return switch (rest.size()) {
            case 2 -> new StreamTarget(rest.get(0), rest.get(1), null, null);
            case 3 -> new StreamTarget(rest.get(0), rest.get(1), rest.get(2), null);
            default -> null;
        };
    }

    /** The kubelet's "full name" of a pod, used in some runtime messages ({@code kubecontainer.GetPodFullName}). */
    String podFullName() {
        return pod + "_" + namespace;
    }
}
