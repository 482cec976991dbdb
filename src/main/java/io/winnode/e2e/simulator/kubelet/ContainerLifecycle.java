package io.winnode.e2e.simulator.kubelet;

import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.simulator.container.CommandOutcome;
import io.winnode.e2e.simulator.container.ContainerCommands;
import io.winnode.e2e.simulator.container.ImageProfile;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * One container's life on a node, one step per kubelet pass: image pull (with ErrImagePull and
 * ImagePullBackOff, parity RT-09), create/start (StartError when the executable is missing),
 * running and exiting by what its process does, probes (RT-06), and restarts per restartPolicy with
 * crash-loop back-off. Emits the kubelet's Events for each step.
 */
final class ContainerLifecycle {

    private static final String COMPONENT = "kubelet";

    private final NodeIdentity node;
    private final Kubelet.Dependencies deps;
    private final Set<String> images;
    private final KubeletFaults faults;
    private final SerialPulls pulls = new SerialPulls();

    ContainerLifecycle(NodeIdentity node, Kubelet.Dependencies deps, Set<String> images, KubeletFaults faults) {
        this.node = node;
        this.deps = deps;
        this.images = images;
        this.faults = faults;
    }

    private static String attempt(PodSandbox sb, ContainerInstance c) {
        return sb.uid + "/" + c.name();
    }

    /** Picks up the result of a process that has finished (or has started serving) since the last pass. */
    void collect(PodSandbox sb, ContainerInstance c) {
        collectExit(sb, c, Instant.now(), (c.init ? "spec.initContainers{" : "spec.containers{") + c.name() + "}");
    }

    void advance(PodSandbox sb, ContainerInstance c) {
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
                    c.image = profile(sb, c, image);
                    starting(sb, c, now);
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
                var registryError = faults.registryError(sb.pod, attempt(sb, c));
                ImagePuller.Pull pull = registryError.isPresent()
                        ? new ImagePuller.Pull(null, RegistryErrors.text(registryError.get(), ImagePuller.normalize(image)))
                        : deps.puller().pull(image, node.os(), node.arch(), node.windowsBuild());
                var pullFault = faults.failing("imagePull", sb.pod, attempt(sb, c));
                if (pullFault.isPresent()) {
                    pull = new ImagePuller.Pull(null, pullFault.get().message());
                }
                if (pull.succeeded()) {
                    images.add(ImagePuller.normalize(image));
                    c.image = profile(sb, c, image);
                    // The kubelet's text (pkg/kubelet/images/image_manager.go): the pull's own time, then the time
                    // including the wait behind this node's earlier pulls (serializeImagePulls).
                    Duration took = c.pullTook == null ? Duration.ZERO : c.pullTook;
                    Duration waited = c.pullRequestedAt == null ? took : Duration.between(c.pullRequestedAt, now);
                    event(sb, "Normal", "Pulled", "Successfully pulled image \"" + image + "\" in " + seconds(took) + " ("
                            + seconds(waited.compareTo(took) < 0 ? took : waited) + " including waiting). Image size: "
                            + imageSize(image) + " bytes.", field);
                    starting(sb, c, now);
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
            case STARTING, CREATE_FAILED -> start(sb, c, now, field);
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
        c.pullRequestedAt = now;
        c.pullTook = deps.latencies().imagePull(node.os()).plus(faults.extraPull(sb.pod));
        c.nextStepAt = pulls.done(now, c.pullTook);
    }

    private void starting(ContainerInstance c, Instant now) {
        c.phase = ContainerInstance.Phase.STARTING;
        c.nextStepAt = now.plus(deps.latencies().containerStart(node.os()));
    }

    private void starting(PodSandbox sb, ContainerInstance c, Instant now) {
        starting(c, now);
        c.nextStepAt = c.nextStepAt.plus(faults.extraStart(sb.pod));
    }

    /**
     * The runtime refused to create the container: it stays waiting with the reason, a Failed event
     * says why, and the kubelet retries after a back-off (CreateContainerError, CreateContainerConfigError).
     */
    private void createFailed(PodSandbox sb, ContainerInstance c, Instant now, String field, String reason, String message) {
        c.phase = ContainerInstance.Phase.CREATE_FAILED;
        c.waitingReason = reason;
        c.waitingMessage = message;
        c.nextStepAt = now.plus(deps.latencies().imagePullBackOff(1));
        event(sb, "Warning", "Failed", "Error: " + message, field);
    }

    /** Which lifecycle step creating this container is: a restart, the first main container after init, or a plain create. */
    private java.util.Optional<io.winnode.e2e.simulator.faults.Mechanisms.FailingStepFault> createFault(PodSandbox sb,
                                                                                                    ContainerInstance c) {
        if (c.restartCount > 0) {
            var f = faults.failing("restart", sb.pod, attempt(sb, c));
            if (f.isPresent()) {
                return f;
            }
        }
        if (!c.init && !sb.initContainers.isEmpty() && c.restartCount == 0) {
            var f = faults.failing("initToMain", sb.pod, attempt(sb, c));
            if (f.isPresent()) {
                return f;
            }
        }
        return faults.failing("containerCreate", sb.pod, attempt(sb, c));
    }

    /** Kubelet's runAsNonRoot check (verifyRunAsNonRoot): refuses a container that would run as root. */
    private String nonRootViolation(PodSandbox sb, ContainerInstance c) {
        var sc = c.spec.getSecurityContext();
        var psc = sb.pod.getSpec().getSecurityContext();
        Boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : psc == null ? null : psc.getRunAsNonRoot();
        if (!Boolean.TRUE.equals(nonRoot)) {
            return null;
        }
        String user = new SandboxEnvironment(sb, c, deps.latencies()).userName();
        if (node.os() == OsFamily.WINDOWS) {
            return "ContainerAdministrator".equalsIgnoreCase(user)
                    ? "container's runAsUserName (ContainerAdministrator) which will be regarded as root identity and will break non-root policy (pod: \""
                    + sb.name + "_" + sb.namespace + "(" + sb.uid + ")\", container: " + c.name() + ")" : null;
        }
        return "root".equals(user) || "0".equals(user)
                ? "container has runAsNonRoot and image will run as root (pod: \"" + sb.name + "_" + sb.namespace + "(" + sb.uid
                + ")\", container: " + c.name() + ")" : null;
    }

    private ImageProfile profile(PodSandbox sb, ContainerInstance c, String image) {
        ImageProfile profile = ImageProfile.of(ImagePuller.repositoryName(image), node.os());
        // A HostProcess container's processes run on the host and find the host's tools on the host's
        // PATH; the image is only mounted at %CONTAINER_SANDBOX_MOUNT_POINT% (create-hostprocess-pod.md).
        return node.os() == OsFamily.WINDOWS && hostProcess(sb, c) ? profile.asHostProcess() : profile;
    }

    /** The container's windowsOptions.hostProcess, else the pod's (create-hostprocess-pod.md: set at either level). */
    private static boolean hostProcess(PodSandbox sb, ContainerInstance c) {
        var sc = c.spec.getSecurityContext();
        if (sc != null && sc.getWindowsOptions() != null && sc.getWindowsOptions().getHostProcess() != null) {
            return sc.getWindowsOptions().getHostProcess();
        }
        var psc = sb.pod.getSpec().getSecurityContext();
        return psc != null && psc.getWindowsOptions() != null && Boolean.TRUE.equals(psc.getWindowsOptions().getHostProcess());
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
        String nonRoot = nonRootViolation(sb, c);
        if (nonRoot != null) {
            createFailed(sb, c, now, field, "CreateContainerConfigError", nonRoot);
            return;
        }
        var createFault = createFault(sb, c);
        if (createFault.isPresent()) {
            createFailed(sb, c, now, field, Kubelet.reason(createFault.get(), "CreateContainerError"), createFault.get().message());
            return;
        }
        c.waitingReason = null;
        c.waitingMessage = null;
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
        starting(sb, c, now);
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
}
