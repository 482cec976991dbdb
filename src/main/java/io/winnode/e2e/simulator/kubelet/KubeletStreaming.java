package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.winnode.e2e.framework.nodes.OsFamily;
import io.winnode.e2e.simulator.api.ApiPath;
import io.winnode.e2e.simulator.api.PodSubresources;
import io.winnode.e2e.simulator.api.StatusResponses;
import io.winnode.e2e.simulator.container.CommandOutcome;
import io.winnode.e2e.simulator.container.ContainerCommands;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * The kubelet streaming server behind {@code pods/exec} and {@code pods/log}. Exec speaks the
 * {@code v4.channel.k8s.io} WebSocket protocol fabric8 negotiates: each frame starts with its
 * channel (1 stdout, 2 stderr, 3 status), and the status frame is a Status — {@code Success}, or
 * {@code Failure}/{@code NonZeroExitCode} with a cause {@code ExitCode} whose message is the code.
 *
 * <p>Nothing is written before the runtime has had the time to start the process
 * ({@link Latencies#execStart}). fabric8 8.0's Vert.x client starts the WebSocket connection and only
 * then registers the callback that attaches its frame handlers; frames that arrive in between are
 * dropped, and a close that arrives in between makes that callback throw "WebSocket is closed" so the
 * exec never opens ("not ready after 10000 MILLISECONDS"). The client sends nothing the server could
 * wait for, so no server can rule this out; on a real node the process start is what keeps the window
 * shut, and a simulated command that answered within microseconds reopened it whenever the calling
 * thread was preempted at that point.
 */
public final class KubeletStreaming implements PodSubresources {

    private final RuntimeRegistry registry;
    private final Latencies latencies;
    private final ExecutorService executor;

    public KubeletStreaming(RuntimeRegistry registry, Latencies latencies, ExecutorService executor) {
        this.registry = registry;
        this.latencies = latencies;
        this.executor = executor;
    }

    @Override
    public MockResponse exec(ApiPath path) {
        PodSandbox sb = registry.find(path.namespace(), path.name()).orElse(null);
        if (sb == null) {
            return StatusResponses.toResponse(StatusResponses.notFound("pods", path.name()));
        }
        String containerName = path.queryValue("container");
        ContainerInstance c = containerName == null ? sb.containers.values().iterator().next() : sb.container(containerName);
        if (c == null || !c.running() || c.filesystem == null) {
            return StatusResponses.toResponse(StatusResponses.badRequest("unable to upgrade connection: container not found (\""
                    + (containerName == null ? "" : containerName) + "\")"));
        }
        List<String> argv = path.queryValues("command");
        SandboxEnvironment env = new SandboxEnvironment(sb, c, latencies);
        return stream(sb.os, ws -> {
            CommandOutcome outcome;
            try {
                outcome = ContainerCommands.run(argv, env);
            } catch (RuntimeException e) {
                outcome = CommandOutcome.fail(2, "simulator: " + e + "\n");
            }
            finish(ws, sb.os, outcome);
        });
    }

    /**
     * An exec whose start the runtime reports as failed: the stream opens and the kubelet reports the
     * failure on the status channel (a Failure Status with reason InternalError and the message, no exit
     * code), the way a runtime error during exec reaches the client; the message is also written to
     * stderr so that a client that reads only the output streams sees it. (A refused upgrade would hide
     * the message: clients report only the code.)
     */
    public MockResponse failedStart(ApiPath path, String message) {
        OsFamily os = registry.find(path.namespace(), path.name()).map(sb -> sb.os).orElse(OsFamily.LINUX);
        return stream(os, ws -> {
            send(ws, 2, message + "\n");
            send(ws, 3, Serialization.asJson(new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                    .withReason("InternalError").withMessage(message).withCode(500).build()));
        });
    }

    /** Upgrades at once; writes once the process start took its time, then closes as the kubelet does. */
    private MockResponse stream(OsFamily os, Consumer<WebSocket> write) {
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                executor.submit(() -> {
                    sleep(latencies.execStart(os));
                    write.accept(webSocket);
                    webSocket.close(1000, "");
                });
            }
        });
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void finish(WebSocket ws, OsFamily os, CommandOutcome outcome) {
        String stderr = outcome.stderr();
        if (outcome.startError() != null) {
            stderr = os == OsFamily.WINDOWS
                    ? "failed to exec in container: failed to start exec: " + outcome.startError() + ": unknown\r\n"
                    : "OCI runtime exec failed: exec failed: unable to start container process: " + outcome.startError()
                    + ": unknown\n";
        }
        send(ws, 1, outcome.stdout());
        send(ws, 2, stderr);
        send(ws, 3, Serialization.asJson(status(outcome.exitCode())));
    }

    private static Status status(int exitCode) {
        if (exitCode == 0) {
            return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Success").build();
        }
        return new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure")
                .withMessage("command terminated with non-zero exit code: error executing command [..], exit code " + exitCode)
                .withReason("NonZeroExitCode")
                .withNewDetails().addNewCause().withReason("ExitCode").withMessage(String.valueOf(exitCode)).endCause().endDetails()
                .build();
    }

    private static void send(WebSocket ws, int channel, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[bytes.length + 1];
        frame[0] = (byte) channel;
        System.arraycopy(bytes, 0, frame, 1, bytes.length);
        ws.send(frame);
    }

    @Override
    public MockResponse log(ApiPath path) {
        PodSandbox sb = registry.find(path.namespace(), path.name()).orElse(null);
        if (sb == null) {
            return StatusResponses.toResponse(StatusResponses.notFound("pods", path.name()));
        }
        String containerName = path.queryValue("container");
        if (containerName == null) {
            if (sb.containers.size() != 1) {
                return StatusResponses.toResponse(StatusResponses.badRequest("a container name must be specified for pod "
                        + sb.name + ", choose one of: " + sb.containers.keySet().stream().toList().toString().replace(",", "")));
            }
            containerName = sb.containers.keySet().iterator().next();
        }
        ContainerInstance c = sb.container(containerName);
        if (c == null) {
            return StatusResponses.toResponse(StatusResponses.badRequest("container " + containerName
                    + " is not valid for pod " + sb.name));
        }
        boolean previous = "true".equals(path.queryValue("previous"));
        if (!previous && c.containerId == null) {
            String why = c.phase == ContainerInstance.Phase.PULL_FAILED || c.phase == ContainerInstance.Phase.PULL_BACKOFF
                    ? "trying and failing to pull image" : "ContainerCreating";
            return StatusResponses.toResponse(StatusResponses.badRequest("container \"" + containerName + "\" in pod \""
                    + sb.name + "\" is waiting to start: " + why));
        }
        if (previous && c.lastContainerId == null) {
            return StatusResponses.toResponse(StatusResponses.badRequest("previous terminated container \"" + containerName
                    + "\" in pod \"" + sb.name + "\" not found"));
        }
        String text = c.logs(previous);
        String tail = path.queryValue("tailLines");
        if (tail != null) {
            String[] lines = text.split("(?<=\n)");
            int n = Integer.parseInt(tail);
            text = String.join("", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - n), lines.length));
        }
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody(text);
    }
}
