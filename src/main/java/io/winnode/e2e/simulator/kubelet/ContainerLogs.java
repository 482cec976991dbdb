package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.winnode.e2e.simulator.faults.Mechanisms.SubresourceFault;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kubelet's {@code /containerLogs/{ns}/{pod}/{container}} ({@code pkg/kubelet/server/server.go},
 * getContainerLogs): query errors (400/422, {@link LogOptions}), a pod not on this node (404
 * {@code pod "p" does not exist}), a name that is no container of the pod's spec, init and ephemeral
 * containers included (404 {@code container "c" not found in pod "p"}), then the run to read
 * ({@link LogSelection}, 400 with the kubelet's text when there is none) and the output as plain text.
 * The API server relays a non-2xx answer as an API error: 400 BadRequest, 404 NotFound, 500
 * InternalError "Internal error occurred: ..." ({@code apiserver pkg/registry/generic/rest/response_checker.go}).
 *
 * <p>{@code follow} on a running container keeps the answer open and sends what the container writes
 * next, until it stops, is restarted, the byte limit is reached or the client leaves (the runtime's
 * log reader follows the current container only). Simulated containers write their output when they
 * start, so a follow mostly waits for the end.
 */
final class ContainerLogs {

    private static final Duration FOLLOW_POLL = Duration.ofMillis(50);

    private final String nodeName;
    private final RuntimeRegistry registry;
    private final SubresourceFaults faults;
    private final Vertx vertx;

    ContainerLogs(String nodeName, RuntimeRegistry registry, SubresourceFaults faults, Vertx vertx) {
        this.nodeName = nodeName;
        this.registry = registry;
        this.faults = faults;
        this.vertx = vertx;
    }

    void serve(HttpServerRequest req, StreamTarget target) {
        LogOptions options;
        try {
            options = LogOptions.of(req.params(), Instant.now());
        } catch (LogOptions.Refused e) {
            Replies.text(req, e.code, e.getMessage());
            return;
        }
        PodSandbox sb = registry.find(target.namespace(), target.pod()).filter(s -> nodeName.equals(s.nodeName)).orElse(null);
        if (sb == null) {
            Replies.text(req, 404, "pod \"" + target.pod() + "\" does not exist");
            return;
        }
        if (!inSpec(sb.pod.getSpec(), target.container())) {
            Replies.text(req, 404, "container \"" + target.container() + "\" not found in pod \"" + target.pod() + "\"");
            return;
        }
        Optional<SubresourceFault> fault = faults.forPod("logs", sb.pod);
        if (fault.filter(SubresourceFaults::fails).isPresent()) {
            // The runtime cannot read the log (D-65): answered as a kubelet error the API server relays as a 500.
            Replies.text(req, 500, fault.get().message());
            return;
        }
        Duration hang = SubresourceFaults.hang(fault);
        if (hang.isZero()) {
            answer(req, sb, target.container(), options);
        } else {
            vertx.setTimer(hang.toMillis(), id -> answer(req, sb, target.container(), options));
        }
    }

    private void answer(HttpServerRequest req, PodSandbox sb, String containerName, LogOptions options) {
        ContainerInstance c = sb.container(containerName);
        if (c == null) {
            // Ephemeral containers are in the spec but never run here.
            Replies.text(req, 400, "container \"" + containerName + "\" in pod \"" + sb.name + "\" is not available");
            return;
        }
        LogSelection selection = LogSelection.of(sb, c, options.previous());
        if (selection.refused()) {
            Replies.text(req, 400, selection.refusal());
            return;
        }
        if (req.response().ended() || req.response().closed()) {
            return;
        }
        // The kubelet streams logs chunked (server.go sets Transfer-Encoding: chunked before copying).
        req.response().setStatusCode(200).setChunked(true).putHeader("Content-Type", Replies.TEXT);
        byte[] first = options.select(selection.output(), selection.writtenAt());
        boolean followed = options.follow() && selection.currentRun() && c.running() && !options.limitReached(first.length);
        if (!followed) {
            req.response().end(Buffer.buffer(first));
            return;
        }
        req.response().write(Buffer.buffer(first));
        follow(req, c, options, selection.output().length(), first.length);
    }

    /** Polls the running container's output and sends what is new; ends the answer when the run is over. */
    private void follow(HttpServerRequest req, ContainerInstance c, LogOptions options, int seen, long sent) {
        String containerId = c.containerId;
        int[] seenChars = {seen};
        long[] sentBytes = {sent};
        vertx.setPeriodic(FOLLOW_POLL.toMillis(), id -> {
            if (req.response().closed() || req.response().ended()) {
                vertx.cancelTimer(id);
                return;
            }
            boolean sameRun = containerId != null && containerId.equals(c.containerId);
            String output = sameRun ? c.logs(false) : "";
            if (output.length() > seenChars[0]) {
                byte[] more = options.continuation(output.substring(seenChars[0]), Instant.now(), sentBytes[0]);
                seenChars[0] = output.length();
                sentBytes[0] += more.length;
                req.response().write(Buffer.buffer(more));
            }
            if (!sameRun || !c.running() || options.limitReached(sentBytes[0])) {
                vertx.cancelTimer(id);
                req.response().end();
            }
        });
    }

    private static boolean inSpec(PodSpec spec, String name) {
        List<Container> containers = spec.getContainers() == null ? List.of() : spec.getContainers();
        List<Container> init = spec.getInitContainers() == null ? List.of() : spec.getInitContainers();
        List<EphemeralContainer> ephemeral = spec.getEphemeralContainers() == null ? List.of() : spec.getEphemeralContainers();
        return Stream.concat(containers.stream(), init.stream()).anyMatch(c -> name.equals(c.getName()))
                || ephemeral.stream().anyMatch(c -> name.equals(c.getName()));
    }
}
