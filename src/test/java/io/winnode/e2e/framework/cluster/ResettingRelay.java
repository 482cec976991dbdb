package io.winnode.e2e.framework.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a test server that resets its first connections once a request has begun
 * (an RST, as a load balancer or an API server restart does) and relays every later one unchanged.
 */
final class ResettingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger resetsLeft;
    private final AtomicInteger resetsDone = new AtomicInteger();

    ResettingRelay(int targetPort, int resets) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.resetsLeft = new AtomicInteger(resets);
        Thread acceptor = new Thread(this::acceptLoop, "resetting-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    int resetsDone() {
        return resetsDone.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (resetsLeft.getAndDecrement() > 0) {
                    client.getInputStream().read(new byte[1024]); // the request has begun
                    client.setSoLinger(true, 0);                  // close() now sends an RST
                    client.close();
                    resetsDone.incrementAndGet();
                } else {
                    Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    pipe(client.getInputStream(), server.getOutputStream());
                    pipe(server.getInputStream(), client.getOutputStream());
                }
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pipe(InputStream in, OutputStream out) {
        Thread t = new Thread(() -> {
            try (in; out) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // one side closed: the relay of this connection ends
            }
        }, "resetting-relay-pipe");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
