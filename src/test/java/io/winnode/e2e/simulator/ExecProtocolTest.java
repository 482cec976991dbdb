package io.winnode.e2e.simulator;

import io.winnode.e2e.framework.nodes.OsFamily;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
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
        waitRunningReady(ns, "target");
    }

    @AfterAll
    static void stop() {
        stopCluster();
    }

    @Test
    void execNegotiatesV4ChannelProtocolAndFramesOutputByChannel() throws Exception {
        List<String> frames = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        String url = cluster.masterUrl().replace("http://", "ws://") + "/api/v1/namespaces/" + ns
                + "/pods/target/exec?command=sh&command=-c&command=echo%20out%3B%20echo%20err%201%3E%262%3B%20exit%203"
                + "&container=c&stdout=true&stderr=true";
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("v4.channel.k8s.io")
                .header("Authorization", "Bearer test")
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
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isEqualTo("1:out\n");
        assertThat(frames.get(1)).isEqualTo("2:err\n");
        assertThat(frames.get(2)).startsWith("3:").contains("\"status\":\"Failure\"").contains("\"reason\":\"NonZeroExitCode\"")
                .contains("\"reason\":\"ExitCode\"").contains("\"message\":\"3\"");
    }
}
