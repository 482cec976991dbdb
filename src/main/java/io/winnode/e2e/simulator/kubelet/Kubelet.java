package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.winnode.e2e.framework.nodes.OsFamily;
import io.winnode.e2e.simulator.container.CommandOutcome;
import io.winnode.e2e.simulator.container.ContainerCommands;
import io.winnode.e2e.simulator.container.ContainerFilesystem;
import io.winnode.e2e.simulator.container.FileTree;
import io.winnode.e2e.simulator.container.ImageProfile;
import io.winnode.e2e.simulator.container.Mount;
import io.winnode.e2e.simulator.container.PathStyle;
import io.winnode.e2e.simulator.controllers.Controller;
import io.winnode.e2e.simulator.controllers.EventRecorder;
import io.winnode.e2e.simulator.network.ClusterDns;
import io.winnode.e2e.simulator.network.ClusterNetwork;
import io.winnode.e2e.simulator.network.PodNetworkAccess;
import io.winnode.e2e.simulator.network.ResolverConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

/**
 * One node's kubelet: watches the pods bound to its node, admits them (OS checks, parity SCH-06),
 * sets up volumes and the pod IP, pulls images (RT-09), starts containers in order (init first),
 * restarts them per restartPolicy with crash-loop back-off, and reports status and Events through the API.
 */
public final class Kubelet implements Controller {

    private static final String COMPONENT = "kubelet";

    /** What the kubelet needs from the rest of the simulator. */
    public record Dependencies(KubernetesClient client, SharedIndexInformer<Pod> pods, EventRecorder events,
                               ImagePuller puller, Latencies latencies, RuntimeRegistry registry, ClusterNetwork network,
                               ClusterDns dns, String clusterDnsIp, ExecutorService processes) {
    }

    private final NodeIdentity node;
    private final Dependencies deps;
    private final Map<String, PodSandbox> sandboxes = new HashMap<>();
    private final Set<String> images = new HashSet<>();
    private final FileTree hostFilesystem = new FileTree();
    private final PodIpAllocator ips;
    private final VolumeSetup volumes;

    public Kubelet(io.fabric8.kubernetes.api.model.Node node, Dependencies deps) {
        this.node = NodeIdentity.of(node);
        this.deps = deps;
        this.ips = new PodIpAllocator(this.node.podCidr());
        this.volumes = new VolumeSetup(deps.client(), hostFilesystem);
    }

    @Override
    public String name() {
        return "kubelet/" + node.name();
    }

    @Override
    public void reconcile() {
        Set<String> seen = new HashSet<>();
        for (Pod pod : deps.pods().getStore().list()) {
            if (!node.name().equals(pod.getSpec().getNodeName())) {
                continue;
            }
            String uid = pod.getMetadata().getUid();
            seen.add(uid);
            PodSandbox sandbox = sandboxes.get(uid);
            if (sandbox == null) {
                sandbox = admit(pod);
                sandboxes.put(uid, sandbox);
                deps.registry().add(sandbox);
            }
            sandbox.pod = pod;
            synchronized (sandbox) {
                step(sandbox);
            }
            writeStatus(sandbox);
        }
        for (PodSandbox gone : new ArrayList<>(sandboxes.values())) {
            if (!seen.contains(gone.uid)) {
                teardown(gone);
            }
        }
    }

    /** Kubelet admission: the pod's OS (field, then selector) must be the node's (KL-ADM predicate.go). */
    private PodSandbox admit(Pod pod) {
        PodSandbox sandbox = new PodSandbox(pod, node.name(), node.os());
        sandbox.hostIp = node.internalIp();
        String osField = pod.getSpec().getOs() == null ? null : pod.getSpec().getOs().getName();
        String osSelector = pod.getSpec().getNodeSelector() == null ? null : pod.getSpec().getNodeSelector().get(OsFamily.LABEL);
        if (osSelector != null && !osSelector.equals(node.os().label())) {
            reject(sandbox, "PodOSSelectorNodeLabelDoesNotMatch",
                    "Failed to admit pod as the `kubernetes.io/os` label doesn't match node label");
        } else if (osField != null && !osField.equals(node.os().label())) {
            reject(sandbox, "PodOSNotSupported", "Failed to admit pod as the OS field doesn't match node OS");
        }
        return sandbox;
    }

    private void reject(PodSandbox sandbox, String reason, String message) {
        sandbox.rejectedReason = reason;
        sandbox.rejectedMessage = "Pod was rejected: " + message;
        deps.events().warning(sandbox.pod, reason, message, COMPONENT, node.name());
    }

    private void step(PodSandbox sb) {
        if (sb.rejectedReason != null) {
            return;
        }
        if (!sb.volumesReady && !prepareSandbox(sb)) {
            return;
        }
        boolean initDone = true;
        for (ContainerInstance c : sb.initContainers.values()) {
            if (c.exitedSuccessfully()) {
                continue;
            }
            advance(sb, c);
            if (!c.exitedSuccessfully()) {
                initDone = false;
                break;
            }
        }
        if (initDone) {
            for (ContainerInstance c : sb.containers.values()) {
                advance(sb, c);
            }
        }
    }

    private boolean prepareSandbox(PodSandbox sb) {
        PathStyle style = PathStyle.of(node.os());
        Map<String, Mount> prepared;
        try {
            prepared = volumes.prepare(sb.pod, style);
        } catch (VolumeSetup.NotReady e) {
            deps.events().warning(sb.pod, "FailedMount", e.getMessage(), COMPONENT, node.name());
            return false;
        } catch (KubernetesClientException e) {
            return false;
        }
        for (ContainerInstance c : sb.all()) {
            c.filesystem = new ContainerFilesystem(style, VolumeSetup.mounts(c.spec, prepared, style), new FileTree());
        }
        boolean hostProcess = sb.pod.getSpec().getSecurityContext() != null
                && sb.pod.getSpec().getSecurityContext().getWindowsOptions() != null
                && Boolean.TRUE.equals(sb.pod.getSpec().getSecurityContext().getWindowsOptions().getHostProcess());
        boolean wantsHostNetwork = Boolean.TRUE.equals(sb.pod.getSpec().getHostNetwork());
        // hostNetwork on an ordinary Windows pod has no effect: it gets a container IP (parity NET-04).
        sb.hostNetwork = wantsHostNetwork && (node.os() == OsFamily.LINUX || hostProcess);
        sb.podIp = sb.hostNetwork ? node.internalIp() : ips.allocate();
        ResolverConfig resolver = ResolverConfig.forPod(sb.pod, node.os(), deps.clusterDnsIp(), deps.dns().domain());
        sb.network = new PodNetworkAccess(deps.network(), deps.dns(), resolver, deps.clusterDnsIp(), sb.podIp, node.os(),
                d -> sleep(deps.latencies().scaled(d)));
        sb.startTime = Instant.now();
        sb.volumesReady = true;
        return true;
    }

    private void advance(PodSandbox sb, ContainerInstance c) {
        Instant now = Instant.now();
        if (now.isBefore(c.nextStepAt)) {
            return;
        }
        String image = c.spec.getImage();
        String field = (c.init ? "spec.initContainers{" : "spec.containers{") + c.name() + "}";
        switch (c.phase) {
            case NEW -> {
                String ref = ImagePuller.normalize(image);
                boolean present = images.contains(ref);
                String policy = c.spec.getImagePullPolicy();
                if (present && !"Always".equals(policy)) {
                    event(sb, "Normal", "Pulled", "Container image \"" + image + "\" already present on machine", field);
                    c.image = profile(image);
                    starting(c, now);
                } else if ("Never".equals(policy)) {
                    c.pullError = "Container image \"" + image + "\" is not present with pull policy of Never";
                    c.phase = ContainerInstance.Phase.PULL_FAILED;
                    c.nextStepAt = Instant.MAX;
                    event(sb, "Warning", "ErrImageNeverPull", c.pullError, field);
                } else {
                    pulling(sb, c, now, field);
                }
            }
            case PULLING -> {
                ImagePuller.Pull pull = deps.puller().pull(image, node.os(), node.arch(), node.windowsBuild());
                if (pull.succeeded()) {
                    images.add(ImagePuller.normalize(image));
                    c.image = profile(image);
                    Duration took = deps.latencies().imagePull(node.os());
                    event(sb, "Normal", "Pulled", "Successfully pulled image \"" + image + "\" in " + seconds(took) + " ("
                            + seconds(took) + " including waiting). Image size: " + imageSize(image) + " bytes.", field);
                    starting(c, now);
                } else {
                    c.pullFailures++;
                    c.pullError = pull.error();
                    event(sb, "Warning", "Failed", "Failed to pull image \"" + image + "\": " + pull.error(), field);
                    event(sb, "Warning", "Failed", "Error: ErrImagePull", field);
                    c.phase = ContainerInstance.Phase.PULL_FAILED;
                    c.nextStepAt = now.plus(deps.latencies().syncPeriod().multipliedBy(4));
                }
            }
            case PULL_FAILED -> {
                event(sb, "Normal", "BackOff", "Back-off pulling image \"" + image + "\"", field);
                event(sb, "Warning", "Failed", "Error: ImagePullBackOff", field);
                c.phase = ContainerInstance.Phase.PULL_BACKOFF;
                c.nextStepAt = now.plus(deps.latencies().imagePullBackOff(c.pullFailures));
            }
            case PULL_BACKOFF -> pulling(sb, c, now, field);
            case STARTING -> start(sb, c, now, field);
            case RUNNING -> {
                collectExit(sb, c, now, field);
                if (c.running() && c.outcome != null && !c.init) {
                    probe(sb, c, now, field);
                }
            }
            case EXITED -> {
                if (willRestart(sb, c)) {
                    Duration backOff = deps.latencies().crashLoopBackOff(c.restartCount);
                    if (backOff.isZero()) {
                        restart(sb, c, now, field);
                    } else {
                        c.phase = ContainerInstance.Phase.CRASH_BACKOFF;
                        c.nextStepAt = now.plus(backOff);
                        c.terminationMessage = "back-off " + humanDuration(backOff) + " restarting failed container="
                                + c.name() + " pod=" + sb.name + "_" + sb.namespace + "(" + sb.uid + ")";
                        event(sb, "Warning", "BackOff", "Back-off restarting failed container " + c.name() + " in pod "
                                + sb.name + "_" + sb.namespace + "(" + sb.uid + ")", field);
                    }
                }
            }
            case CRASH_BACKOFF -> restart(sb, c, now, field);
            default -> {
            }
        }
    }

    private void pulling(PodSandbox sb, ContainerInstance c, Instant now, String field) {
        event(sb, "Normal", "Pulling", "Pulling image \"" + c.spec.getImage() + "\"", field);
        c.phase = ContainerInstance.Phase.PULLING;
        c.nextStepAt = now.plus(deps.latencies().imagePull(node.os()));
    }

    private void starting(ContainerInstance c, Instant now) {
        c.phase = ContainerInstance.Phase.STARTING;
        c.nextStepAt = now.plus(deps.latencies().containerStart(node.os()));
    }

    private ImageProfile profile(String image) {
        String repository = deps.puller().find(image).map(i -> i.repository())
                .orElse(ImagePuller.normalize(image).replaceAll("^.*/", "").replaceAll(":.*$", ""));
        return ImageProfile.of(repository, node.os());
    }

    /** ENTRYPOINT/CMD override rules: {@code command} replaces ENTRYPOINT (and drops CMD), {@code args} replaces CMD. */
    private static List<String> argv(ContainerInstance c) {
        List<String> argv = new ArrayList<>();
        boolean hasCommand = c.spec.getCommand() != null && !c.spec.getCommand().isEmpty();
        argv.addAll(hasCommand ? c.spec.getCommand() : c.image.entrypoint());
        boolean hasArgs = c.spec.getArgs() != null && !c.spec.getArgs().isEmpty();
        if (hasArgs) {
            argv.addAll(c.spec.getArgs());
        } else if (!hasCommand) {
            argv.addAll(c.image.cmd());
        }
        return argv;
    }

    private void start(PodSandbox sb, ContainerInstance c, Instant now, String field) {
        List<String> argv = argv(c);
        c.containerId = "containerd://" + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        c.startedAt = now;
        c.outcome = null;
        c.exitCode = null;
        event(sb, "Normal", "Created", "Created container: " + c.name(), field);
        if (argv.isEmpty() || !c.image.has(argv.get(0))) {
            String what = argv.isEmpty() ? "no command specified" : node.os() == OsFamily.WINDOWS
                    ? "hcs::System::CreateProcess: The system cannot find the file specified."
                    : "exec: \"" + argv.get(0) + "\": executable file not found in $PATH";
            String message = node.os() == OsFamily.WINDOWS
                    ? "failed to create containerd task: failed to create shim task: " + what + ": unknown"
                    : "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: "
                    + "unable to start container process: error during container init: " + what + ": unknown";
            c.phase = ContainerInstance.Phase.EXITED;
            c.exitCode = 128;
            c.terminationReason = "StartError";
            c.terminationMessage = message;
            c.finishedAt = now;
            event(sb, "Warning", "Failed", "Error: " + message, field);
            return;
        }
        event(sb, "Normal", "Started", "Started container " + c.name(), field);
        SandboxEnvironment env = new SandboxEnvironment(sb, c, deps.latencies());
        c.process = deps.processes().submit(() -> ContainerCommands.run(argv, env));
        c.phase = ContainerInstance.Phase.RUNNING;
        collectExit(sb, c, now, field);
    }

    private void collectExit(PodSandbox sb, ContainerInstance c, Instant now, String field) {
        if (c.outcome != null || c.process == null || !c.process.isDone()) {
            return;
        }
        CommandOutcome outcome;
        try {
            outcome = c.process.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            outcome = CommandOutcome.fail(2, "simulator: " + e.getCause() + "\n");
        }
        c.outcome = outcome;
        c.appendLog(outcome.stdout() + outcome.stderr());
        if (!outcome.keepsRunning()) {
            c.phase = ContainerInstance.Phase.EXITED;
            c.exitCode = outcome.exitCode();
            c.terminationReason = outcome.exitCode() == 0 ? "Completed" : "Error";
            c.terminationMessage = null;
            c.finishedAt = now;
        }
    }

    /**
     * Runs the readiness and liveness probes when due (after initialDelaySeconds, every periodSeconds,
     * scaled by the latency profile). A liveness failure past failureThreshold kills the container,
     * which then restarts per restartPolicy.
     */
    private void probe(PodSandbox sb, ContainerInstance c, Instant now, String field) {
        if (now.isBefore(c.nextProbeAt)) {
            return;
        }
        io.fabric8.kubernetes.api.model.Probe readiness = c.spec.getReadinessProbe();
        io.fabric8.kubernetes.api.model.Probe liveness = c.spec.getLivenessProbe();
        if (readiness == null && liveness == null) {
            return;
        }
        io.fabric8.kubernetes.api.model.Probe timing = readiness != null ? readiness : liveness;
        Duration delay = Duration.ofSeconds(timing.getInitialDelaySeconds() == null ? 0 : timing.getInitialDelaySeconds());
        if (now.isBefore(c.startedAt.plus(deps.latencies().scaled(delay)))) {
            return;
        }
        int period = timing.getPeriodSeconds() == null ? 10 : timing.getPeriodSeconds();
        c.nextProbeAt = now.plus(deps.latencies().profile() == io.winnode.e2e.simulator.LatencyProfile.FAST
                ? deps.latencies().syncPeriod() : Duration.ofSeconds(period));
        SandboxEnvironment env = new SandboxEnvironment(sb, c, deps.latencies());
        if (readiness != null) {
            Prober.Result r = Prober.probe(readiness, sb, c, env);
            if (!r.success()) {
                event(sb, "Warning", "Unhealthy", "Readiness probe failed: " + r.message(), field);
            }
            c.readinessPassed = r.success();
        }
        if (liveness != null) {
            Prober.Result r = Prober.probe(liveness, sb, c, env);
            c.livenessFailures = r.success() ? 0 : c.livenessFailures + 1;
            int threshold = liveness.getFailureThreshold() == null ? 3 : liveness.getFailureThreshold();
            if (!r.success()) {
                event(sb, "Warning", "Unhealthy", "Liveness probe failed: " + r.message(), field);
            }
            if (c.livenessFailures >= threshold) {
                event(sb, "Normal", "Killing", "Container " + c.name() + " failed liveness probe, will be restarted", field);
                c.phase = ContainerInstance.Phase.EXITED;
                // SIGKILL after the grace period; 137 on Linux. Windows exit codes differ (RT-05), so do not assert them.
                c.exitCode = node.os() == OsFamily.WINDOWS ? 1 : 137;
                c.terminationReason = "Error";
                c.finishedAt = now;
                c.livenessFailures = 0;
                c.readinessPassed = false;
            }
        }
    }

    private static boolean willRestart(PodSandbox sb, ContainerInstance c) {
        String policy = sb.pod.getSpec().getRestartPolicy();
        boolean failed = c.exitCode == null || c.exitCode != 0;
        if (c.init) {
            return failed && !"Never".equals(policy);
        }
        return "Always".equals(policy) || ("OnFailure".equals(policy) && failed);
    }

    private void restart(PodSandbox sb, ContainerInstance c, Instant now, String field) {
        c.lastExitCode = c.exitCode;
        c.lastReason = c.terminationReason;
        c.lastStartedAt = c.startedAt;
        c.lastFinishedAt = c.finishedAt;
        c.lastContainerId = c.containerId;
        c.restartCount++;
        c.rotateLogs();
        c.terminationMessage = null;
        c.nextProbeAt = Instant.EPOCH;
        c.readinessPassed = false;
        event(sb, "Normal", "Pulled", "Container image \"" + c.spec.getImage() + "\" already present on machine", field);
        starting(c, now);
    }

    private void writeStatus(PodSandbox sb) {
        PodStatus status;
        synchronized (sb) {
            status = PodStatusComposer.compose(sb, node.os() == OsFamily.WINDOWS);
        }
        String json = Serialization.asJson(status);
        if (json.equals(sb.lastWrittenStatus)) {
            return;
        }
        Pod update = new PodBuilder().withNewMetadata().withName(sb.name).withNamespace(sb.namespace).endMetadata()
                .withStatus(status).build();
        try {
            deps.client().pods().inNamespace(sb.namespace).resource(update).updateStatus();
            sb.lastWrittenStatus = json;
        } catch (KubernetesClientException e) {
            // The pod is gone or the server is stopping; the next pass sees the current state.
        }
    }

    private void teardown(PodSandbox sb) {
        sandboxes.remove(sb.uid);
        deps.registry().remove(sb);
        if (!sb.hostNetwork) {
            ips.release(sb.podIp);
        }
        for (ContainerInstance c : sb.all()) {
            if (c.process != null) {
                c.process.cancel(true);
            }
        }
    }

    private void event(PodSandbox sb, String type, String reason, String message, String field) {
        deps.events().record(sb.pod, type, reason, message, COMPONENT, node.name(), field);
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3fs", d.toMillis() / 1000.0);
    }

    private static String humanDuration(Duration d) {
        long s = d.toSeconds();
        if (s == 0) {
            return d.toMillis() + "ms";
        }
        return s >= 60 ? (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s") : s + "s";
    }

    private long imageSize(String image) {
        long base = node.os() == OsFamily.WINDOWS ? 120_000_000L : 12_000_000L;
        return base + Math.abs(ImagePuller.normalize(image).hashCode() % 50_000_000);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
