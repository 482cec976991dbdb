package io.winnode.e2e.simulator.kubelet;

import io.vertx.core.MultiMap;

import java.util.List;

/**
 * Which streams an exec or attach asked for, from the query the API server builds
 * ({@code pkg/registry/core/pod/strategy.go}, streamParams: {@code input}, {@code output},
 * {@code error}, {@code tty} set to {@code 1}, {@code command} repeated) and read the way the
 * streaming library reads it ({@code remotecommand/httpstream.go}, NewOptions): only {@code "1"}
 * switches a stream on, and a terminal has no separate stderr.
 */
record StreamOptions(boolean stdin, boolean stdout, boolean stderr, boolean tty, List<String> command) {

    static StreamOptions of(MultiMap query) {
        boolean tty = "1".equals(query.get("tty"));
        return new StreamOptions("1".equals(query.get("input")), "1".equals(query.get("output")),
                "1".equals(query.get("error")) && !tty, tty, List.copyOf(query.getAll("command")));
    }

    /** The kubelet refuses a stream with nothing to carry (400, same message as NewOptions). */
    String problem() {
        return stdin || stdout || stderr ? null : "you must specify at least 1 of stdin, stdout, stderr";
    }

    /** The channel the "connection established" empty frame goes to: the lowest writable one (websocket.go). */
    int firstWritableChannel() {
        return stdout ? ChannelProtocol.STDOUT : stderr ? ChannelProtocol.STDERR : ChannelProtocol.ERROR;
    }
}
