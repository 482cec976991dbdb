package io.winnode.e2e.simulator.kubelet;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * What the API server does towards a kubelet, over real HTTPS: it does not verify the kubelet's
 * serving certificate (no {@code --kubelet-certificate-authority}), so neither does this client.
 */
final class KubeletTestClient {

    /** One received WebSocket message: its channel, payload and when it arrived (nanoTime). */
    record Frame(int channel, String text, long arrivedNanos) {
        @Override
        public String toString() {
            return channel + ":" + text;
        }
    }

    /** An upgraded stream's outcome: negotiated subprotocol, the frames, the close code, and when the handshake completed. */
    record Stream(String subprotocol, List<Frame> frames, int closeCode, long openedNanos) {
        List<String> rendered() {
            return frames.stream().map(Frame::toString).toList();
        }
    }

    /** A refused upgrade: the HTTP status and body the kubelet answered instead of 101. */
    record Refusal(int status, String body) {
    }

    private final HttpClient http;
    private final int port;

    KubeletTestClient(int port) {
        this.port = port;
        this.http = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("https", path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("https", path)).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a stream and reads it to its close; base64 protocols are decoded so frames read alike. */
    Stream stream(String path, String... subprotocols) throws Exception {
        List<Frame> frames = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        WebSocket ws = builder.buildAsync(uri("wss", path), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                long at = System.nanoTime();
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                frames.add(new Frame(bytes[0], new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8), at));
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    String message = text.toString();
                    text.setLength(0);
                    frames.add(new Frame(message.charAt(0) - '0',
                            new String(Base64.getDecoder().decode(message.substring(1)), StandardCharsets.UTF_8), System.nanoTime()));
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.completeExceptionally(error);
            }
        }).get(10, TimeUnit.SECONDS);
        long opened = System.nanoTime();
        int code = closed.get(10, TimeUnit.SECONDS);
        return new Stream(ws.getSubprotocol(), new ArrayList<>(frames), code, opened);
    }

    /** Attempts an upgrade that the kubelet is expected to refuse. */
    Refusal refusedStream(String path, String... subprotocols) throws Exception {
        try {
            Stream s = stream(path, subprotocols);
            throw new AssertionError("expected the upgrade to be refused, but a stream opened: " + s.rendered());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                Object body = h.getResponse().body();
                return new Refusal(h.getResponse().statusCode(), body == null ? "" : body.toString());
            }
            throw e;
        }
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ctx;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
