package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.winnode.e2e.simulator.faults.Mechanisms.SubresourceFault;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The node-scoped kubelet paths, which clients read through {@code nodes/{name}/proxy/...} (the API
 * server passes the kubelet's code and body through: {@code pkg/registry/core/node/rest/proxy.go}):
 * {@code /healthz}, {@code /pods}, {@code /configz}, {@code /stats/summary}, {@code /metrics/resource}.
 * A {@code subresource} fault of kind stats, metrics or configz makes the answer a 500 with the
 * fault's message, late by {@code hangSeconds}, or (stats, metrics) wrong by a factor.
 */
final class NodeEndpoints {

    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4";

    private final String nodeName;
    private final Supplier<Node> node;
    private final RuntimeRegistry registry;
    private final NodeFigures figures;
    private final SubresourceFaults faults;
    private final Vertx vertx;

    NodeEndpoints(String nodeName, Supplier<Node> node, RuntimeRegistry registry, SubresourceFaults faults, Vertx vertx,
                  KubeletDns dns) {
        this.nodeName = nodeName;
        this.node = node;
        this.registry = registry;
        this.figures = new NodeFigures(registry, dns);
        this.faults = faults;
        this.vertx = vertx;
    }

    /** The kubelet's ping check answers "ok" (healthz.InstallHandler with PingHealthz and friends). */
    void healthz(HttpServerRequest req) {
        Replies.text(req, 200, "ok");
    }

    /** The pods bound to this kubelet, as the API objects it was given (server.go, getPods: a v1 PodList). */
    void pods(HttpServerRequest req) {
        Replies.json(req, Serialization.asJson(new PodListBuilder().withNewMetadata().endMetadata()
                .withItems(registry.onNode(nodeName).stream().map(sb -> sb.pod).toList()).build()));
    }

    void configz(HttpServerRequest req) {
        figure(req, "configz", Replies.JSON, () -> figures.configzJson(node.get()));
    }

    void statsSummary(HttpServerRequest req) {
        figure(req, "stats", Replies.JSON, () -> figures.summaryJson(node.get()));
    }

    void resourceMetrics(HttpServerRequest req) {
        figure(req, "metrics", PROMETHEUS_TEXT, () -> figures.resourceMetrics(node.get()));
    }

    private void figure(HttpServerRequest req, String kind, String contentType, Supplier<String> body) {
        if (node.get() == null) {
            // Only before the node has registered; a real kubelet knows its own machine from the start.
            Replies.text(req, 503, "node " + nodeName + " has not registered yet");
            return;
        }
        Optional<SubresourceFault> fault = faults.forNode(kind);
        if (fault.filter(SubresourceFaults::fails).isPresent()) {
            Replies.text(req, 500, fault.get().message());
            return;
        }
        Supplier<String> answer = fault.filter(f -> f.behaviour().equals("wrongFigures"))
                .<Supplier<String>>map(f -> () -> kind.equals("metrics") ? SubresourceFaults.wrongMetrics(body.get(), f.factor())
                        : SubresourceFaults.wrongSummary(body.get(), f))
                .orElse(body);
        Duration hang = SubresourceFaults.hang(fault);
        if (hang.isZero()) {
            Replies.send(req, 200, contentType, answer.get());
        } else {
            vertx.setTimer(hang.toMillis(), id -> Replies.send(req, 200, contentType, answer.get()));
        }
    }
}
