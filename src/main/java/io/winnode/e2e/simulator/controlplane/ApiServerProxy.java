package io.winnode.e2e.simulator.controlplane;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import tools.jackson.databind.json.JsonMapper;

/**
 * The API server as one client sees it through bad weather: {@code controlplane api-proxy} (controlplane/apiproxy.go)
 * on a loopback port in front of kube-apiserver, answering some requests 429 or 503, resetting connections, delaying
 * answers or ending watches as {@link ApiServerWeather} says. It authenticates the client (certificate or bearer
 * token) and forwards under kube-apiserver's authenticating-proxy headers, so the API server sees the same user.
 *
 * <p>Only clients given {@link #kubeconfigYaml} go through it; the control-plane components and the simulated
 * kubelets keep their direct connection, as on a cluster where one client's load balancer misbehaves. Like the
 * other components it exits when this JVM ends (its stdin pipe, controlplane/stdin.go).
 */
public final class ApiServerProxy implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What the proxy did so far (controlplane/apiproxy.go, type counters). */
    public record Counts(long requests, long throttled, long unavailable, long resets, long delayed, long watches,
            long watchesDropped) {}

    private final Process process;
    private final OutputStream stdin; // held open: its end tells the proxy to exit
    private final String url;
    private final Path countersFile;
    private final Path log;
    private final ClusterCertificates certificates;

    private ApiServerProxy(Process process, String url, Path countersFile, Path log, ClusterCertificates certificates) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.url = url;
        this.countersFile = countersFile;
        this.log = log;
        this.certificates = certificates;
    }

    /**
     * Starts the proxy in front of {@code upstream}; returns once it accepts connections.
     *
     * @param directory where its log and counters go (a subdirectory per proxy is created)
     * @param repositoryRoot the directory holding {@code controlplane/go.mod}: the proxy is a subcommand of our module,
     *        built (or found in the cache) even when the control plane itself runs official binaries
     * @param seed chooses which requests the weather hits, so that a run can be repeated
     */
    public static ApiServerProxy start(ControlPlaneEndpoint upstream, ApiServerWeather weather, Path directory,
            Path repositoryRoot, long seed, Consumer<String> progress) {
        Path binary = ControlPlaneBuild.of(repositoryRoot.resolve("controlplane"), System.getenv()).ensureBuilt(progress);
        ClusterCertificates certificates = upstream.certificates();
        int port = ControlPlane.freeLoopbackPorts(1)[0];
        Path own = directory.toAbsolutePath().resolve("api-proxy-" + port);
        Path counters = own.resolve("counters.json");
        Path log = own.resolve("api-proxy.log");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "api-proxy",
                "--listen=127.0.0.1:" + port,
                "--upstream=" + upstream.apiServerUrl(),
                "--ca-file=" + certificates.caCertificate(),
                // The API server's own serving certificate: its SANs name 127.0.0.1, where the proxy listens too.
                "--tls-cert-file=" + certificates.apiServerServing().certificate(),
                "--tls-private-key-file=" + certificates.apiServerServing().privateKey(),
                "--proxy-client-cert-file=" + certificates.frontProxy().client().certificate(),
                "--proxy-client-key-file=" + certificates.frontProxy().client().privateKey(),
                "--counters-file=" + counters,
                "--seed=" + Long.toUnsignedString(seed)));
        command.addAll(weather.flags());
        try {
            Files.createDirectories(own);
            Files.writeString(log, "# " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().put(ComponentProcess.EXIT_ON_STDIN_EOF_ENV, "1");
            ApiServerProxy proxy = new ApiServerProxy(builder.start(), "https://127.0.0.1:" + port, counters, log, certificates);
            proxy.awaitListening(port);
            progress.accept("API-server weather (" + weather.describe() + ") applied by a proxy at " + proxy.url + " (log " + log + ")");
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the API-server proxy (" + binary + ")", e);
        }
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The API-server proxy exited with code " + process.exitValue() + ": "
                        + lastLines());
            }
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("The API-server proxy did not listen on port " + port + " within "
                            + START_DEADLINE.toSeconds() + " s: " + lastLines());
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("Interrupted while starting the API-server proxy", e);
            }
        }
    }

    private String lastLines() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code https://127.0.0.1:<port>}: where clients reach the API server through the weather. */
    public String url() {
        return url;
    }

    /** The administrator's kubeconfig ({@link ControlPlaneEndpoint#kubeconfigYaml} "admin") with the proxy as server. */
    public String adminKubeconfigYaml() {
        String cn = ClusterCertificates.commonNameOf("admin", List.of());
        return Kubeconfig.yaml(url, certificates.caCertificate(), certificates.client(cn), cn);
    }

    /** What the weather did so far, as the proxy last wrote it. */
    public Counts counts() {
        try {
            return JSON.readValue(Files.readString(countersFile, StandardCharsets.UTF_8), Counts.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the API-server proxy's counters " + countersFile, e);
        }
    }

    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the proxy has gone already
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
