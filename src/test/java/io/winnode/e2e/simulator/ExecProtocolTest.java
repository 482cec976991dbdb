package io.winnode.e2e.simulator;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientConfig;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.exec.ExecResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exec wire protocol as a raw WebSocket client sees it: fabric8 8.0 asks for
 * {@code v4.channel.k8s.io} (PodOperationsImpl), and frames are prefixed by their channel
 * (1 stdout, 2 stderr, 3 status JSON).
 */
class ExecProtocolTest extends SimulatorTestSupport {

    static String ns;

    @BeforeAll
    static void start() {
        startCluster();
        ns = namespace("proto");
        create(podFor(OsFamily.LINUX, ns, "target", container("c", AGNHOST, "pause")).build());
        create(podFor(OsFamily.LINUX, ns, "bare-pause", container("p", "registry.k8s.io/pause:3.10.2")).build());
        waitRunningReady(ns, "target");
        waitRunningReady(ns, "bare-pause");
    }

    @AfterAll
    static void stop() {
        stopCluster();
    }

    @Test
    void execNegotiatesV4ChannelProtocolAndFramesOutputByChannel() throws Exception {
        List<String> frames = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        String url = cluster.masterUrl().replace("https://", "wss://") + "/api/v1/namespaces/" + ns
                + "/pods/target/exec?command=sh&command=-c&command=echo%20out%3B%20echo%20err%201%3E%262%3B%20exit%203"
                + "&container=c&stdout=true&stderr=true";
        // The real API server serves TLS only and authenticates the administrator by its client certificate.
        HttpClient https = HttpClient.newBuilder().sslContext(SSLUtils.sslContext(Config.fromKubeconfig(cluster.kubeconfigYaml())))
                .build();
        WebSocket ws = https.newWebSocketBuilder().subprotocols("v4.channel.k8s.io")
                .buildAsync(URI.create(url), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        frames.add(bytes[0] + ":" + new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8));
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(null);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(ws.getSubprotocol()).isEqualTo("v4.channel.k8s.io");
        closed.get(10, TimeUnit.SECONDS);
        // First an empty frame on the lowest writable channel, "to notify the client the connection is established"
        // (k8s.io/apiserver pkg/util/proxy/websocket.go and the kubelet's websocket.go, createWebSocketStreams).
        assertThat(frames).hasSize(4);
        assertThat(frames.get(0)).isEqualTo("1:");
        assertThat(frames.get(1)).isEqualTo("1:out\n");
        assertThat(frames.get(2)).isEqualTo("2:err\n");
        assertThat(frames.get(3)).startsWith("3:").contains("\"status\":\"Failure\"").contains("\"reason\":\"NonZeroExitCode\"")
                .contains("\"reason\":\"ExitCode\"").contains("\"message\":\"3\"");
    }

    /**
     * fabric8 8.0's Vert.x client starts the WebSocket connection, then registers the callback that
     * attaches its frame handlers. If the calling thread is preempted in between while the server already
     * answers, the frames are dropped and a close makes the callback throw "WebSocket is closed": the exec
     * hangs until the upgrade times out ("not ready after 10000 MILLISECONDS"). Here the caller pauses at
     * exactly that point on every exec (Vert.x calls the "ws" pool metrics on the calling thread right
     * after starting the connection), for less time than a runtime needs to start a process: every exec,
     * failing or not, must finish with its output.
     */
    @Test
    void everyExecFinishesWhenTheCallerIsPreemptedWhileTheStreamOpens() throws Exception {
        Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MetricsOptions().setEnabled(true)))
                .withMetrics(options -> new CallerPausingMetrics(Duration.ofMillis(10))).build();
        Config config = new ConfigBuilder(Config.fromKubeconfig(cluster.kubeconfigYaml())).withRequestTimeout(10_000).build();
        try (KubernetesClient preempted = new KubernetesClientBuilder().withConfig(config)
                .withHttpClientFactory(new Vertx5HttpClientFactory(vertx)).build()) {
            for (int i = 0; i < 5; i++) {
                ExecResult missing = exec(preempted, ns, "bare-pause", "p", List.of("sh", "-c", "echo hi"));
                assertThat(missing.exitCode()).as("exec %d in pause", i).isNotZero();
                assertThat(missing.stderr()).contains("exec: \"sh\": executable file not found in $PATH");
                ExecResult found = exec(preempted, ns, "target", "c", List.of("sh", "-c", "echo hi"));
                assertThat(found.exitCode()).as("exec %d in agnhost", i).isZero();
                assertThat(found.stdout()).isEqualTo("hi\n");
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Vert.x metrics whose only effect is to pause the thread that opens a WebSocket, after the connection started. */
    private record CallerPausingMetrics(Duration pause) implements VertxMetrics {

        @Override
        public HttpClientMetrics<?, ?> createHttpClientMetrics(HttpClientConfig config) {
            return new HttpClientMetrics<>() {
            };
        }

        @Override
        public PoolMetrics<?, ?> createPoolMetrics(String poolType, String poolName, int maxPoolSize) {
            return !"ws".equals(poolType) ? null : new PoolMetrics<Object, Object>() {
                @Override
                public Object enqueue() {
                    try {
                        Thread.sleep(pause.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return null;
                }
            };
        }
    }
}
