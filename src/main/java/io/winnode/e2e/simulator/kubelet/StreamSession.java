package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.vertx.core.http.ServerWebSocket;

import java.nio.charset.StandardCharsets;

/**
 * One upgraded exec or attach stream: writes the channels the client asked for in the negotiated
 * framing, ends with the status, then closes as the streaming server does once the command returns
 * (normal closure). Writes to a stream the client did not request are dropped, like wsstream's
 * ignored channels; once the client has gone, nothing is written.
 */
final class StreamSession {

    private final ServerWebSocket ws;
    private final ChannelProtocol protocol;
    private final StreamOptions options;
    private boolean finished;

    StreamSession(ServerWebSocket ws, StreamOptions options) {
        this.ws = ws;
        this.protocol = ChannelProtocol.of(ws.subProtocol());
        this.options = options;
    }

    /** Whether the kubelet's v5 stream translator (not the runtime's server) answers this stream. */
    boolean translated() {
        return protocol.translated();
    }

    boolean clientGone() {
        return ws.isClosed();
    }

    /** The empty frame that tells the client the streams are set up (websocket.go, createWebSocketStreams). */
    void connected() {
        write(options.firstWritableChannel(), new byte[0]);
    }

    void stdout(String text) {
        if (options.stdout()) {
            write(ChannelProtocol.STDOUT, text);
        }
    }

    /** With a terminal the process's stderr is the terminal too, so it reaches the client on stdout. */
    void stderr(String text) {
        if (options.stderr()) {
            write(ChannelProtocol.STDERR, text);
        } else if (options.tty()) {
            stdout(text);
        }
    }

    synchronized void finish(Status status) {
        if (finished) {
            return;
        }
        finished = true;
        if (protocol.writesStatusAsJson()) {
            write(ChannelProtocol.ERROR, Serialization.asJson(status));
        } else if (!"Success".equals(status.getStatus())) {
            write(ChannelProtocol.ERROR, status.getMessage());
        }
        if (!ws.isClosed()) {
            ws.close();
        }
    }

    private void write(int channel, String text) {
        if (text != null && !text.isEmpty()) {
            write(channel, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void write(int channel, byte[] payload) {
        if (!ws.isClosed()) {
            protocol.write(ws, channel, payload);
        }
    }
}
