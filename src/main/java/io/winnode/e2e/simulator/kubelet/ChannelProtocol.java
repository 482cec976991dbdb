package io.winnode.e2e.simulator.kubelet;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The WebSocket subprotocols the kubelet's container streaming server accepts for exec and attach,
 * and how each one frames a channel. The set is the one the CRI streaming library registers
 * ({@code k8s.io/cri-streaming pkg/streaming/remotecommand/websocket.go}, createWebSocketStreams; the
 * package lived in {@code k8s.io/kubelet pkg/cri/streaming} before 1.36): no subprotocol,
 * {@code channel.k8s.io}, {@code base64.channel.k8s.io}, {@code v4.channel.k8s.io} and
 * {@code v4.base64.channel.k8s.io}. fabric8 offers only {@code v4.channel.k8s.io}
 * (real-control-plane.md §3.3).
 *
 * <p>{@code v5.channel.k8s.io} (v4 plus a client half-close frame {@code [255, channel]}) is what
 * client-go and kubectl offer. A 1.37 kubelet takes it itself when its {@code ExtendWebSocketsToKubelet}
 * gate is on, the default since 1.36 ({@code pkg/features/kube_features.go}): as soon as a client
 * offers v5, getExec/getAttach hand the request to the stream translator, which accepts v5 only and
 * speaks SPDY to the runtime ({@code pkg/kubelet/server/server.go};
 * {@code apiserver pkg/util/proxy/streamtranslator.go, websocket.go}). The API server passes v5 through
 * only to nodes that declare the feature (§3.3); otherwise it translates before the kubelet.
 *
 * <p>Framing ({@code k8s.io/streaming pkg/httpstream/wsstream/conn.go}, Conn.write): binary
 * protocols send one binary message per write whose first byte is the channel; base64 protocols send
 * a text message whose first character is {@code '0' + channel}, followed by the payload in standard
 * base64. The v4 protocols write the error channel as a JSON Status, success included; the older
 * ones write only a failure, as its message text ({@code remotecommand/httpstream.go},
 * v1WriteStatusFunc / v4WriteStatusFunc).
 */
enum ChannelProtocol {
    NONE("", false, false),
    CHANNEL("channel.k8s.io", false, false),
    BASE64_CHANNEL("base64.channel.k8s.io", true, false),
    V4_CHANNEL("v4.channel.k8s.io", false, true),
    V4_BASE64_CHANNEL("v4.base64.channel.k8s.io", true, true),
    V5_CHANNEL("v5.channel.k8s.io", false, true);

    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int ERROR = 3;

    private final String header;
    private final boolean base64;
    private final boolean statusAsJson;

    ChannelProtocol(String header, boolean base64, boolean statusAsJson) {
        this.header = header;
        this.base64 = base64;
        this.statusAsJson = statusAsJson;
    }

    String header() {
        return header;
    }

    /** The names a server lists to its WebSocket handshaker (all but the empty one). */
    static List<String> offerable() {
        return List.of(V5_CHANNEL.header, CHANNEL.header, BASE64_CHANNEL.header, V4_CHANNEL.header, V4_BASE64_CHANNEL.header);
    }

    /**
     * The first offered subprotocol the server supports, in the client's order, or none when the client
     * offered only unsupported ones; no offer at all means the unnamed protocol. Same rule as the
     * handshake in {@code wsstream/conn.go}. Any offer of v5 goes to the translator, which takes v5.
     */
    static Optional<ChannelProtocol> negotiate(List<String> offered) {
        if (offered.isEmpty()) {
            return Optional.of(NONE);
        }
        if (offered.contains(V5_CHANNEL.header)) {
            return Optional.of(V5_CHANNEL);
        }
        for (String name : offered) {
            for (ChannelProtocol p : values()) {
                if (p != NONE && p.header.equals(name)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The protocol a completed handshake agreed on ({@code null} or empty = none). */
    static ChannelProtocol of(String negotiated) {
        if (negotiated == null || negotiated.isEmpty()) {
            return NONE;
        }
        for (ChannelProtocol p : values()) {
            if (p.header.equals(negotiated)) {
                return p;
            }
        }
        throw new IllegalArgumentException("not a channel protocol: " + negotiated);
    }

    /**
     * Whether the kubelet's stream translator serves this protocol: the runtime's outcome then reaches
     * the client after one more round of Status handling (see {@link StreamStatuses}).
     */
    boolean translated() {
        return this == V5_CHANNEL;
    }

    boolean writesStatusAsJson() {
        return statusAsJson;
    }

    void write(ServerWebSocket ws, int channel, byte[] payload) {
        if (base64) {
            ws.writeTextMessage((char) ('0' + channel) + Base64.getEncoder().encodeToString(payload));
        } else {
            ws.writeBinaryMessage(Buffer.buffer(payload.length + 1).appendByte((byte) channel).appendBytes(payload));
        }
    }
}
