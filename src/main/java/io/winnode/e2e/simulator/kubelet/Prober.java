package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.winnode.e2e.simulator.container.CommandOutcome;
import io.winnode.e2e.simulator.container.ContainerCommands;
import io.winnode.e2e.simulator.network.HttpResponder;

import java.util.List;
import java.util.Map;

/**
 * The kubelet prober (parity RT-06: same support on Windows): tcpSocket succeeds when the pod
 * listens on the port, httpGet when the server there answers 200-399, exec when the command exits 0.
 * Failure messages follow the kubelet's ({@code dial tcp IP:PORT: connect: connection refused},
 * {@code HTTP probe failed with statuscode: 404}).
 */
final class Prober {

    /** A probe verdict and, on failure, the kubelet's message. */
    record Result(boolean success, String message) {
    }

    private Prober() {
    }

    static Result probe(Probe probe, PodSandbox sb, ContainerInstance c, SandboxEnvironment env) {
        Map<Integer, String> listeners = sb.endpoint().listeners();
        if (probe.getExec() != null) {
            List<String> command = probe.getExec().getCommand();
            CommandOutcome outcome = ContainerCommands.run(command, env);
            return new Result(outcome.exitCode() == 0, (outcome.stdout() + outcome.stderr()).strip());
        }
        if (probe.getTcpSocket() != null) {
            int port = port(probe.getTcpSocket().getPort(), c);
            return listeners.containsKey(port) ? new Result(true, null)
                    : new Result(false, "dial tcp " + sb.podIp + ":" + port + ": connect: connection refused");
        }
        if (probe.getHttpGet() != null) {
            int port = port(probe.getHttpGet().getPort(), c);
            String path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
            String url = "http://" + sb.podIp + ":" + port + path;
            if (!listeners.containsKey(port)) {
                return new Result(false, "Get \"" + url + "\": dial tcp " + sb.podIp + ":" + port + ": connect: connection refused");
            }
            HttpResponder.Reply reply = HttpResponder.respond(listeners.get(port), sb.hostname(), path, sb.hostIp + ":0");
            boolean ok = reply.status() >= 200 && reply.status() < 400;
            return new Result(ok, ok ? null : "HTTP probe failed with statuscode: " + reply.status());
        }
        return new Result(true, null);
    }

    private static int port(IntOrString port, ContainerInstance c) {
        if (port == null) {
            return 0;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        List<ContainerPort> ports = c.spec.getPorts() == null ? List.of() : c.spec.getPorts();
        return ports.stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort)
                .findFirst().orElse(0);
    }
}
