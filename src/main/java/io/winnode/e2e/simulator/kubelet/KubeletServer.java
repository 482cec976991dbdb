package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Node;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.winnode.e2e.simulator.faults.ActiveFaults;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One simulated node's kubelet API: HTTPS on {@code 127.0.0.1} and a free port, which the node
 * reports as {@code status.daemonEndpoints.kubeletEndpoint.Port} so that the real API server proxies
 * {@code pods/exec}, {@code pods/attach}, {@code pods/log}, {@code pods/portforward} and
 * {@code nodes/proxy} here (real-control-plane.md §2.2, §4.1).
 *
 * <p>Paths ({@code pkg/kubelet/server/server.go}): {@code /healthz}, {@code /pods}, {@code /configz},
 * {@code /stats/summary}, {@code /metrics/resource} (GET); {@code /exec} and {@code /attach}
 * {@code /{ns}/{pod}[/{uid}]/{container}} (GET, POST); {@code /containerLogs/{ns}/{pod}/{container}}
 * (GET); {@code /portForward/{ns}/{pod}[/{uid}]} (GET, POST). Anything else is 404, as go-restful
 * answers it; {@code /metrics}, {@code /metrics/cadvisor}, {@code /metrics/probes}, {@code /run},
 * {@code /runningpods}, {@code /logs}, {@code /checkpoint} and {@code /debug} are not simulated.
 *
 * <p>TLS with the certificate the caller gives: the API server does not verify kubelet serving
 * certificates unless {@code --kubelet-certificate-authority} is set (§2.2), so any certificate works.
 * No client authentication and no authorization, as kwok's kubelet server: the API server sends no
 * client certificate unless {@code --kubelet-client-certificate} is set, which the embedded cluster
 * does not do (kwok {@code pkg/kwokctl/components/kube_apiserver.go}).
 */
public final class KubeletServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final HttpServer server;
    private final String nodeName;
    private final NodeEndpoints node;
    private final ContainerStreams streams;
    private final ContainerLogs logs;
    private final PortForwards portForwards;

    private KubeletServer(HttpServer server, String nodeName, NodeEndpoints node, ContainerStreams streams,
                          ContainerLogs logs, PortForwards portForwards) {
        this.server = server;
        this.nodeName = nodeName;
        this.node = node;
        this.streams = streams;
        this.logs = logs;
        this.portForwards = portForwards;
    }

    /**
     * Starts the server and waits until it listens (so not to be called on a Vert.x event-loop thread).
     *
     * @param node      this node's Node as last registered (capacity, labels, creation time for stats and configz)
     * @param processes where exec'd commands run (they may sleep or connect)
     * @param timer     schedules process starts, attach polling and fault delays
     * @param certPem   PEM serving certificate; {@code keyPem} its PKCS#8 PEM key
     */
    public static KubeletServer start(Vertx vertx, String nodeName, Supplier<Node> node, RuntimeRegistry registry,
                                      Latencies latencies, ExecutorService processes, ActiveFaults faults,
                                      ScheduledExecutorService timer, Path certPem, Path keyPem, KubeletDns dns) {
        SubresourceFaults nodeFaults = new SubresourceFaults(faults, nodeName);
        HttpServerOptions options = new HttpServerOptions().setHost(HOST).setPort(0).setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certPem.toString()).setKeyPath(keyPem.toString()))
                .setWebSocketSubProtocols(ChannelProtocol.offerable());
        HttpServer http = vertx.createHttpServer(options);
        KubeletServer kubelet = new KubeletServer(http, nodeName,
                new NodeEndpoints(nodeName, node, registry, nodeFaults, vertx, dns),
                new ContainerStreams(nodeName, registry, latencies, processes, timer, nodeFaults),
                new ContainerLogs(nodeName, registry, nodeFaults, vertx),
                new PortForwards(nodeName, registry, nodeFaults, vertx));
        http.requestHandler(kubelet::route);
        await(http.listen().toCompletionStage().toCompletableFuture(), "start the kubelet server of " + nodeName);
        return kubelet;
    }

    /** The address the server listens on: the node's InternalIP for the API server to dial. */
    public String host() {
        return HOST;
    }

    /** The port the server listens on, for {@code status.daemonEndpoints.kubeletEndpoint.port}. */
    public int port() {
        return server.actualPort();
    }

    public String nodeName() {
        return nodeName;
    }

    @Override
    public void close() {
        await(server.close().toCompletionStage().toCompletableFuture(), "stop the kubelet server of " + nodeName);
    }

    /** A simulation bug answers 500 with its text instead of leaving the API server's request hanging. */
    private void route(HttpServerRequest req) {
        try {
            dispatch(req);
        } catch (RuntimeException e) {
            Replies.text(req, 500, "simulated kubelet failed: " + e);
        }
    }

    private void dispatch(HttpServerRequest req) {
        List<String> path = Arrays.stream(req.path().split("/")).filter(s -> !s.isEmpty()).toList();
        String root = path.isEmpty() ? "" : path.get(0);
        List<String> rest = path.isEmpty() ? List.of() : path.subList(1, path.size());
        boolean get = req.method() == HttpMethod.GET;
        boolean getOrPost = get || req.method() == HttpMethod.POST;
        switch (root) {
            case "healthz" -> get(req, rest.isEmpty(), () -> node.healthz(req));
            case "pods" -> get(req, rest.isEmpty(), () -> node.pods(req));
            case "configz" -> get(req, rest.isEmpty(), () -> node.configz(req));
            case "stats" -> get(req, rest.equals(List.of("summary")), () -> node.statsSummary(req));
            case "metrics" -> get(req, rest.equals(List.of("resource")), () -> node.resourceMetrics(req));
            case "exec" -> stream(req, getOrPost, StreamTarget.withContainer(rest), t -> streams.exec(req, t));
            case "attach" -> stream(req, getOrPost, StreamTarget.withContainer(rest), t -> streams.attach(req, t));
            case "containerLogs" -> stream(req, get, StreamTarget.logs(rest), t -> logs.serve(req, t));
            case "portForward" -> stream(req, getOrPost, StreamTarget.podOnly(rest), t -> portForwards.serve(req, t));
            default -> Replies.notFound(req);
        }
    }

    /** A read-only path: 404 when the rest of the path names nothing, 405 for another method (server.go, GETOnlyRestfulFilter). */
    private static void get(HttpServerRequest req, boolean pathServed, Runnable handler) {
        if (!pathServed) {
            Replies.notFound(req);
        } else if (req.method() != HttpMethod.GET) {
            Replies.methodNotAllowed(req, "GET");
        } else {
            handler.run();
        }
    }

    private static void stream(HttpServerRequest req, boolean methodServed, StreamTarget target,
                               java.util.function.Consumer<StreamTarget> handler) {
        if (target == null) {
            Replies.notFound(req);
        } else if (!methodServed) {
            Replies.methodNotAllowed(req, req.path().startsWith("/containerLogs") ? "GET" : "GET, POST");
        } else {
            handler.accept(target);
        }
    }

    private static void await(java.util.concurrent.CompletableFuture<?> f, String what) {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not " + what + ": " + e.getMessage(), e);
        }
    }
}
