package io.winnode.e2e.simulator.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The network between the control plane and the simulated nodes: an HTTP CONNECT proxy on a Unix
 * socket, which the API server's egress selector sends every connection to a kubelet through (the
 * "cluster" egress, as a Konnectivity server carries it; k8s.io/apiserver pkg/server/egressselector,
 * KEP-1281). The API server asks for {@code CONNECT <node InternalIP>:10250}; the tunnel joins it to
 * that node's kubelet server on loopback. An address no node answers on is refused with 502, as a
 * proxy reports an unreachable backend.
 */
public final class KubeletTunnel implements AutoCloseable {

    /** The kubelet port every simulated node reports, as real kubelets do by default. */
    public static final int KUBELET_PORT = 10250;
    private static final int MAX_REQUEST_HEADER = 8192;

    private final Path socket;
    private final ServerSocketChannel server;
    private final Map<String, Integer> routes = new ConcurrentHashMap<>();
    private final ExecutorService pumps;

    private KubeletTunnel(Path socket, ServerSocketChannel server, ExecutorService pumps) {
        this.socket = socket;
        this.server = server;
        this.pumps = pumps;
    }

    /** Listens on {@code socket} (replacing a stale socket file) until closed. */
    public static KubeletTunnel start(Path socket) {
        try {
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            AtomicInteger threads = new AtomicInteger();
            ExecutorService pumps = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "kubelet-tunnel-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            KubeletTunnel tunnel = new KubeletTunnel(socket, server, pumps);
            pumps.submit(tunnel::accept);
            return tunnel;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + socket + " for the API server's connections to the nodes", e);
        }
    }

    public Path socket() {
        return socket;
    }

    /** From now on, connections to {@code nodeIp:10250} reach the kubelet server listening on loopback {@code localPort}. */
    public void route(String nodeIp, int localPort) {
        routes.put(nodeIp + ":" + KUBELET_PORT, localPort);
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                pumps.submit(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            String target = readConnectTarget(client);
            Integer port = target == null ? null : routes.get(target);
            if (port == null) {
                write(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            try (SocketChannel kubelet = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
                write(client, "HTTP/1.1 200 Connection established\r\n\r\n");
                var upstream = pumps.submit(() -> pump(client, kubelet));
                pump(kubelet, client);
                upstream.get();
            }
        } catch (Exception e) {
            // The API server or the kubelet went away mid-stream: that connection ends, nothing else does.
        }
    }

    /** The {@code host:port} of a {@code CONNECT host:port HTTP/1.1} request, reading exactly up to its blank line. */
    private static String readConnectTarget(SocketChannel client) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        StringBuilder header = new StringBuilder();
        while (header.length() < MAX_REQUEST_HEADER && !header.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (client.read(one) < 0) {
                return null;
            }
            header.append((char) one.get(0));
        }
        String[] requestLine = header.toString().split("\r\n", 2)[0].split(" ");
        return requestLine.length == 3 && requestLine[0].equals("CONNECT") ? requestLine[1] : null;
    }

    private static void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side closed: the other direction ends with it
        }
    }

    private static void write(SocketChannel channel, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // already gone
        }
        pumps.shutdownNow();
    }
}
