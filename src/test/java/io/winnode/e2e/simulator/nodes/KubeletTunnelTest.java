package io.winnode.e2e.simulator.nodes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The API server's way to the nodes: HTTP CONNECT on a Unix socket, joined to the node's kubelet on loopback. */
class KubeletTunnelTest {

    @TempDir
    Path dir;

    @Test
    void aConnectToANodesKubeletPortIsJoinedToItsServerAndCarriesBytesBothWays() throws Exception {
        try (ServerSocket kubelet = new ServerSocket(0); KubeletTunnel tunnel = KubeletTunnel.start(dir.resolve("t.sock"))) {
            Thread echo = new Thread(() -> echoOnce(kubelet));
            echo.start();
            tunnel.route("172.18.0.9", kubelet.getLocalPort());
            try (SocketChannel apiServer = connect(tunnel)) {
                send(apiServer, "CONNECT 172.18.0.9:10250 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

                assertThat(readUntilBlankLine(apiServer)).startsWith("HTTP/1.1 200");
                send(apiServer, "hello kubelet");
                assertThat(read(apiServer, "hello kubelet".length())).isEqualTo("hello kubelet");
            }
            echo.join(5000);
        }
    }

    @Test
    void anAddressNoNodeAnswersOnIsABadGateway() throws Exception {
        try (KubeletTunnel tunnel = KubeletTunnel.start(dir.resolve("t.sock")); SocketChannel apiServer = connect(tunnel)) {
            tunnel.route("172.18.0.9", 1);
            send(apiServer, "CONNECT 172.18.0.77:10250 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

            assertThat(readUntilBlankLine(apiServer)).startsWith("HTTP/1.1 502");
        }
    }

    private static SocketChannel connect(KubeletTunnel tunnel) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(tunnel.socket()));
        return channel;
    }

    private static void echoOnce(ServerSocket server) {
        try (Socket s = server.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buffer = new byte[1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the test ends the connection
        }
    }

    private static void send(SocketChannel channel, String text) throws IOException {
        channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String readUntilBlankLine(SocketChannel channel) throws IOException {
        StringBuilder b = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!b.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (channel.read(one) < 0) {
                break;
            }
            b.append((char) one.get(0));
        }
        return b.toString();
    }

    private static String read(SocketChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }
}
