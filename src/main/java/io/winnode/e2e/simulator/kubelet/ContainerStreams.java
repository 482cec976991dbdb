package io.winnode.e2e.simulator.kubelet;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.simulator.container.CommandOutcome;
import io.winnode.e2e.simulator.container.ContainerCommands;
import io.winnode.e2e.simulator.faults.Mechanisms.SubresourceFault;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The kubelet's {@code /exec} and {@code /attach} over WebSocket, as the API server proxies
 * {@code pods/exec} and {@code pods/attach} to it unchanged for fabric8's {@code v4.channel.k8s.io}
 * (real-control-plane.md §3.3).
 *
 * <p>Checks, in the kubelet's order ({@code pkg/kubelet/server/server.go} getExec/getAttach,
 * {@code pkg/kubelet/kubelet_pods.go} GetExec/GetAttach): the stream options (400), the pod on this
 * node (404 "pod does not exist"), a running container of that name (500 through the streaming
 * library's WriteError, which maps errors without a gRPC NotFound code to 500: exec says
 * {@code container not found ("c")}, attach {@code container c not found in pod p_ns}); then the
 * upgrade, which the kubelet's upgrade-aware proxy requires (500 "Upgrade request required"), and the
 * subprotocol (403 with no body when none offered is supported: golang.org/x/net/websocket's server
 * handshake). The container name itself was checked by the API server already
 * ({@code pkg/registry/core/pod/strategy.go}, validateContainer), so none of its messages is repeated.
 * The pod uid in the path is not compared: the runtime looks the pod up by full name first
 * ({@code kubecontainer.Pods.FindPod}).
 *
 * <p>Nothing is written before the runtime has had the time to start the process
 * ({@link Latencies#execStart}). fabric8 8.0's Vert.x client starts the WebSocket connection and only
 * then registers the callback that attaches its frame handlers; frames that arrive in between are
 * dropped, and a close that arrives in between makes that callback throw "WebSocket is closed" so the
 * exec never opens ("not ready after 10000 MILLISECONDS"). The client sends nothing the server could
 * wait for, so no server can rule this out; on a real node the process start is what keeps the window
 * shut, and a simulated command that answered within microseconds reopened it whenever the calling
 * thread was preempted at that point. For the same reason the streaming library's empty "connected"
 * frame goes out when the process has started, just before its output, not at the upgrade.
 *
 * <p>Not simulated: stdin (frames from the client, channel 0, terminal resizes, channel 4, and v5's
 * half-close frames are read and dropped: simulated commands take no input) and SPDY, which only kubectl and client-go speak
 * (answered 400, see {@link #refuseNonWebSocket}).
 */
final class ContainerStreams {

    private final String nodeName;
    private final RuntimeRegistry registry;
    private final Latencies latencies;
    private final ExecutorService processes;
    private final ScheduledExecutorService timer;
    private final SubresourceFaults faults;

    ContainerStreams(String nodeName, RuntimeRegistry registry, Latencies latencies, ExecutorService processes,
                     ScheduledExecutorService timer, SubresourceFaults faults) {
        this.nodeName = nodeName;
        this.registry = registry;
        this.latencies = latencies;
        this.processes = processes;
        this.timer = timer;
        this.faults = faults;
    }

    void exec(HttpServerRequest req, StreamTarget target) {
        serve(req, target, "exec", "container not found (\"" + target.container() + "\")");
    }

    void attach(HttpServerRequest req, StreamTarget target) {
        serve(req, target, "attach", "container " + target.container() + " not found in pod " + target.podFullName());
    }

    private void serve(HttpServerRequest req, StreamTarget target, String kind, String notFound) {
        StreamOptions options = StreamOptions.of(req.params());
        if (options.problem() != null) {
            Replies.text(req, 400, options.problem());
            return;
        }
        PodSandbox sb = registry.find(target.namespace(), target.pod()).filter(s -> nodeName.equals(s.nodeName)).orElse(null);
        if (sb == null) {
            Replies.text(req, 404, "pod does not exist");
            return;
        }
        // Read without the sandbox lock on purpose: the kubelet holds it while it steps the pod, and the
        // runtime's own container list is a snapshot too; one step stale is what a real kubelet sees.
        ContainerInstance c = sb.container(target.container());
        if (c == null || !c.running() || c.filesystem == null) {
            Replies.text(req, 500, notFound);
            return;
        }
        if (!refuseNonWebSocket(req) || !negotiable(req)) {
            return;
        }
        Optional<SubresourceFault> fault = faults.forPod(kind, sb.pod);
        req.toWebSocket().onSuccess(ws -> {
            StreamSession session = new StreamSession(ws, options);
            // Client input (stdin, resize) is consumed and dropped; see the class comment.
            ws.handler(frame -> { });
            Duration start = latencies.execStart(sb.os).plus(SubresourceFaults.hang(fault));
            Runnable work;
            if (fault.filter(SubresourceFaults::fails).isPresent()) {
                work = () -> failedStart(session, fault.get().message());
            } else if (kind.equals("exec")) {
                work = () -> run(session, sb, c, options.command());
            } else {
                work = () -> follow(session, c);
            }
            timer.schedule(() -> processes.submit(work), start.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /**
     * The kubelet proxies exec to the runtime with an upgrade required: a plain request gets the
     * proxy's BadRequest through the kubelet's responder, i.e. 500 "Upgrade request required"
     * ({@code apimachinery pkg/util/proxy/upgradeaware.go}; server.go, responder.Error). An SPDY upgrade
     * would work on a real kubelet; this simulation speaks WebSocket only and says so with a 400.
     */
    private static boolean refuseNonWebSocket(HttpServerRequest req) {
        if (req.canUpgradeToWebSocket()) {
            return true;
        }
        String upgrade = req.getHeader(HttpHeaders.UPGRADE);
        if (upgrade != null && upgrade.toUpperCase(java.util.Locale.ROOT).startsWith("SPDY")) {
            Replies.text(req, 400, "the simulated kubelet streams over WebSocket only (v4.channel.k8s.io); SPDY is not simulated");
        } else {
            Replies.text(req, 500, "Upgrade request required\n");
        }
        return false;
    }

    /**
     * A client offering only subprotocols the streaming server does not know gets 403 and no body.
     * Otherwise the request is left offering just the protocol the kubelet picks, so that the WebSocket
     * handshake (which would take the client's first supported one) agrees with it when v5 is not first.
     */
    private static boolean negotiable(HttpServerRequest req) {
        String header = req.getHeader("Sec-WebSocket-Protocol");
        List<String> offered = header == null ? List.of()
                : Arrays.stream(header.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Optional<ChannelProtocol> chosen = ChannelProtocol.negotiate(offered);
        if (chosen.isEmpty()) {
            Replies.text(req, 403, "");
            return false;
        }
        if (chosen.get() != ChannelProtocol.NONE) {
            req.headers().set("Sec-WebSocket-Protocol", chosen.get().header());
        }
        return true;
    }

    private void run(StreamSession session, PodSandbox sb, ContainerInstance c, List<String> argv) {
        if (session.clientGone()) {
            return;
        }
        CommandOutcome outcome;
        try {
            outcome = ContainerCommands.run(argv, new SandboxEnvironment(sb, c, latencies));
        } catch (RuntimeException e) {
            outcome = CommandOutcome.fail(2, "simulator: " + e + "\n");
        }
        session.connected();
        session.stdout(outcome.stdout());
        session.stderr(startErrorText(sb.os, outcome));
        int code = outcome.exitCode();
        session.finish(code == 0 ? StreamStatuses.success()
                : session.translated() ? StreamStatuses.exitCodeTranslated(code) : StreamStatuses.exitCode(argv, code));
    }

    /**
     * A command the runtime could not start (no such executable) reports the runtime's message on
     * stderr, worded as runc (Linux) or the host compute service via containerd (Windows) word it.
     */
    private static String startErrorText(OsFamily os, CommandOutcome outcome) {
        if (outcome.startError() == null) {
            return outcome.stderr();
        }
        return os == OsFamily.WINDOWS
                ? "failed to exec in container: failed to start exec: " + outcome.startError() + ": unknown\r\n"
                : "OCI runtime exec failed: exec failed: unable to start container process: " + outcome.startError()
                + ": unknown\n";
    }

    /**
     * An exec or attach whose start the runtime reports as failed ({@code subresource} fault
     * {@code fail}): the stream opens and the failure arrives on the error channel as the InternalError
     * ServeExec writes for a runtime error; the message is also written to stderr so that a client that
     * reads only the output streams sees it. (A refused upgrade would hide the message: clients report
     * only the code.)
     */
    private static void failedStart(StreamSession session, String message) {
        session.connected();
        session.stderr(message + "\n");
        session.finish(session.translated() ? StreamStatuses.runtimeErrorTranslated(message) : StreamStatuses.runtimeError(message));
    }

    /**
     * Attach: streams what the container writes from now on, until its process ends (the runtime's
     * attach then returns without error: Success) or the client leaves. A simulated container writes
     * its output when it starts, so an attach usually sees nothing until the container stops.
     */
    private void follow(StreamSession session, ContainerInstance c) {
        session.connected();
        String containerId = c.containerId;
        int[] sent = {c.logs(false).length()};
        AtomicReference<ScheduledFuture<?>> poll = new AtomicReference<>();
        poll.set(timer.scheduleWithFixedDelay(() -> {
            if (session.clientGone()) {
                stop(poll);
                return;
            }
            boolean sameRun = containerId != null && containerId.equals(c.containerId);
            String text = sameRun ? c.logs(false) : "";
            if (text.length() > sent[0]) {
                session.stdout(text.substring(sent[0]));
                sent[0] = text.length();
            }
            if (!sameRun || !c.running()) {
                session.finish(StreamStatuses.success());
                stop(poll);
            }
        }, latencies.syncPeriod().toMillis(), latencies.syncPeriod().toMillis(), TimeUnit.MILLISECONDS));
    }

    private static void stop(AtomicReference<ScheduledFuture<?>> poll) {
        ScheduledFuture<?> f = poll.get();
        if (f != null) {
            f.cancel(false);
        }
    }
}
