package io.winnode.e2e.framework.exec;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.winnode.e2e.framework.cluster.ApiAnswers;
import io.qameta.allure.Allure;
import io.winnode.e2e.framework.wait.Timeouts;
import io.winnode.e2e.framework.wait.Waits;
import io.winnode.e2e.framework.workloads.RunningPod;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the in-pod vocabulary ({@link CommandLines}) in a container through the exec subresource
 * and returns what it printed. Each operation is an Allure step showing the command and result.
 */
public final class InPod {

    private static final Logger LOG = LoggerFactory.getLogger(InPod.class);
    /** Starts of one exec whose upgrade got no answer, as many as ClusterConnection's retries of a request plus one. */
    private static final int START_ATTEMPTS = 11;
    private static final Duration FIRST_RESTART_AFTER = Duration.ofMillis(250);

    private final KubernetesClient client;
    private final Timeouts timeouts;

    public InPod(KubernetesClient client, Timeouts timeouts) {
        this.client = client;
        this.timeouts = timeouts;
    }

    public ExecResult connect(RunningPod from, String container, String host, int port) {
        return run(from, container, CommandLines.connect(from.os(), host, port, Duration.ofSeconds(5)));
    }

    public ExecResult httpGet(RunningPod from, String container, String url) {
        return run(from, container, CommandLines.httpGet(from.os(), url, Duration.ofSeconds(5)));
    }

    /** Resolves a name with dig; stdout holds one address per line, empty when the name does not exist (both OSes). */
    public ExecResult resolve(RunningPod from, String container, String name) {
        return run(from, container, CommandLines.resolve(from.os(), name));
    }

    public ExecResult readFile(RunningPod in, String container, String path) {
        return run(in, container, CommandLines.readFile(in.os(), path));
    }

    public ExecResult writeFile(RunningPod in, String container, String path, String content) {
        return run(in, container, CommandLines.writeFile(in.os(), path, content));
    }

    public ExecResult listDirectory(RunningPod in, String container, String path) {
        return run(in, container, CommandLines.listDirectory(in.os(), path));
    }

    public ExecResult whoAmI(RunningPod in, String container) {
        return run(in, container, CommandLines.whoAmI(in.os()));
    }

    /** The host name the container's processes see (stdout, with the OS's line ending). */
    public ExecResult hostname(RunningPod in, String container) {
        return run(in, container, CommandLines.hostname(in.os()));
    }

    /** The container's IPv4 interface listing ({@code ip -4 addr} / {@code ipconfig}); read it with {@link CommandLines#interfaceAddresses}. */
    public ExecResult interfaces(RunningPod in, String container) {
        return run(in, container, CommandLines.interfaces(in.os()));
    }

    /**
     * Repeats an operation until it succeeds or the connectivity timeout passes, and returns the
     * last result either way: networks converge after endpoints turn ready (upstream allows 30 s),
     * and a scenario reports what it finally saw instead of a bare timeout.
     */
    public ExecResult untilSucceeds(String what, Supplier<ExecResult> operation) {
        return untilDecided(what, operation, ExecResult::succeeded);
    }

    /** Like {@link #untilSucceeds}, stopping early on any result {@code decided} accepts as final. */
    public ExecResult untilDecided(String what, Supplier<ExecResult> operation, Predicate<ExecResult> decided) {
        return Waits.lastSeen(what, timeouts.connectivity(), operation, decided);
    }

    /**
     * Resolves a name until the resolver gives a definite answer: addresses, or that the name does
     * not exist. Timeouts and server failures are retried (DNS converges after a Service appears).
     */
    public ExecResult resolveUntilAnswered(RunningPod from, String container, String name) {
        return untilDecided("resolving " + name + " from " + from, () -> resolve(from, container, name),
                r -> (r.succeeded() && !r.stdout().isBlank()) || CommandLines.nameDoesNotExist(from.os(), r));
    }

    /** Runs a command line and waits for its exit code. */
    public ExecResult run(RunningPod pod, String container, List<String> command) {
        return Allure.step("exec in " + pod.name() + "/" + container + ": " + String.join(" ", command), step -> {
            ExecResult result = exec(pod, container, command);
            step.parameter("result", result.toString());
            return result;
        });
    }

    private ExecResult exec(RunningPod pod, String container, List<String> command) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try (ExecWatch watch = start(pod, container, command, out, err)) {
            int exitCode = watch.exitCode().get(timeouts.exec().toMillis(), TimeUnit.MILLISECONDS);
            return new ExecResult(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            throw new AssertionError("exec of '" + String.join(" ", command) + "' in " + pod + " container " + container
                    + " did not finish within " + timeouts.exec().toSeconds() + " s; output so far: "
                    + out.toString(StandardCharsets.UTF_8), e);
        } catch (ExecutionException e) {
            throw new AssertionError("exec of '" + String.join(" ", command) + "' in " + pod + " container " + container
                    + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /**
     * Starts the exec, again when its connection was cut before the API server answered the upgrade: the command then
     * never ran, so starting it again is safe, as client-go retries a request that got no answer. fabric8 retries the
     * upgrade after a 429, a 5xx or an IOException, but a connection closed during the WebSocket handshake fails as
     * netty's WebSocketHandshakeException, which it does not retry (StandardHttpClient.shouldRetry). An answer (a 403, a
     * 404, a 429 after fabric8's own retries) is final; so is a failure after the start (the exit code's future).
     */
    private ExecWatch start(RunningPod pod, String container, List<String> command, ByteArrayOutputStream out,
                            ByteArrayOutputStream err) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.pods().inNamespace(pod.namespace()).withName(pod.name()).inContainer(container)
                        .writingOutput(out).writingError(err).exec(command.toArray(String[]::new));
            } catch (RuntimeException e) {
                if (!gotNoAnswer(e) || attempt >= START_ATTEMPTS) {
                    throw e;
                }
                LOG.info("exec in {} container {}: the API server did not answer the upgrade ({}); starting it again",
                        pod, container, e.getMessage());
                ApiAnswers.ofThisJvm().startedAgain("exec restarts");
                try {
                    Thread.sleep(FIRST_RESTART_AFTER.toMillis() * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Whether the upgrade request got no HTTP answer: its connection failed (an IOException), or closed while the
     * WebSocket handshake was under way (vert.x's WebSocketHandshakeInboundHandler.channelInactive). An answer shows
     * as a KubernetesClientException with its status code.
     */
    static boolean gotNoAnswer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException answered && answered.getCode() != 0) {
                return false;
            }
            if (t instanceof java.io.IOException || t instanceof WebSocketHandshakeException
                    && String.valueOf(t.getMessage()).startsWith("Connection closed")) {
                return true;
            }
        }
        return false;
    }

    /** How Allure shows this test parameter (it prints every argument of a test). */
    @Override
    public String toString() {
        return "in-pod commands";
    }
}
