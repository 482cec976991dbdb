package io.winnode.e2e.simulator.kubelet;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.winnode.e2e.simulator.faults.Mechanisms.SubresourceFault;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code /portForward/{ns}/{pod}[/{uid}]} on a node whose runtime has port forwarding switched off:
 * the simulated pods have no real sockets to forward to, and the suite does not port-forward. The
 * kubelet checks the pod (404 "pod does not exist"; 404 "pod not found" when the uid in the path is
 * not the pod's: server.go, getPortForward), then asks the runtime, which refuses with gRPC NotFound
 * "streaming method port forward disabled" (the CRI streaming library's NewErrorStreamingDisabled, as
 * runtimes without a streaming server return it); WriteError maps NotFound to 404 with the error text.
 * A {@code subresource} fault of kind {@code portForward} fails (500) or delays that answer.
 */
final class PortForwards {

    static final String DISABLED = "rpc error: code = NotFound desc = streaming method port forward disabled";

    private final String nodeName;
    private final RuntimeRegistry registry;
    private final SubresourceFaults faults;
    private final Vertx vertx;

    PortForwards(String nodeName, RuntimeRegistry registry, SubresourceFaults faults, Vertx vertx) {
        this.nodeName = nodeName;
        this.registry = registry;
        this.faults = faults;
        this.vertx = vertx;
    }

    void serve(HttpServerRequest req, StreamTarget target) {
        PodSandbox sb = registry.find(target.namespace(), target.pod()).filter(s -> nodeName.equals(s.nodeName)).orElse(null);
        if (sb == null) {
            Replies.text(req, 404, "pod does not exist");
            return;
        }
        if (target.uid() != null && !target.uid().equals(sb.uid)) {
            Replies.text(req, 404, "pod not found");
            return;
        }
        Optional<SubresourceFault> fault = faults.forPod("portForward", sb.pod);
        if (fault.filter(SubresourceFaults::fails).isPresent()) {
            Replies.text(req, 500, fault.get().message());
            return;
        }
        Duration hang = SubresourceFaults.hang(fault);
        if (hang.isZero()) {
            Replies.text(req, 404, DISABLED);
        } else {
            vertx.setTimer(hang.toMillis(), id -> Replies.text(req, 404, DISABLED));
        }
    }
}
