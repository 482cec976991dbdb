package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.simulator.container.ContainerFilesystem;
import io.winnode.e2e.simulator.container.FileTree;
import io.winnode.e2e.simulator.container.Mount;
import io.winnode.e2e.simulator.container.PathStyle;
import io.winnode.e2e.simulator.network.ClusterDns;
import io.winnode.e2e.simulator.network.ClusterNetwork;
import io.winnode.e2e.simulator.network.PodNetworkAccess;
import io.winnode.e2e.simulator.network.ResolverConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * One node's kubelet: watches the pods the scheduler bound to its node, admits them (OS checks,
 * parity SCH-06), sets up volumes and the pod IP, pulls images (RT-09), starts containers in order
 * (init first), restarts them per restartPolicy with crash-loop back-off ({@link ContainerLifecycle}),
 * stops them when the API server marks the pod for graceful deletion, and reports status and Events
 * through the API, authenticated as its node ({@code system:node:NAME}).
 */
public final class Kubelet {

    private static final String COMPONENT = "kubelet";

    /**
     * What the kubelet needs from the rest of the simulator: {@code client} authenticates as this node,
     * {@code pods} watches the pods bound to it ({@code spec.nodeName} field selector, which the Node
     * authorizer requires), {@code events} writes as this node.
     */
    public record Dependencies(KubernetesClient client, SharedIndexInformer<Pod> pods, EventRecorder events,
                               ImagePuller puller, Latencies latencies, RuntimeRegistry registry, ClusterNetwork network,
                               ClusterDns dns, String clusterDnsIp, ExecutorService processes,
                               io.winnode.e2e.simulator.faults.ActiveFaults faults) {
    }

    private final NodeIdentity node;
    private final Dependencies deps;
    private final Map<String, PodSandbox> sandboxes = new HashMap<>();
    private final Set<String> images = new HashSet<>();
    private final FileTree hostFilesystem = new FileTree();
    private final PodIpAllocator ips;
    private final VolumeSetup volumes;
    private final ContainerLifecycle lifecycle;
    private final KubeletFaults faults;

    /** {@code hostName}: the name the node's host reports itself (its computer name), which may differ from the node's. */
    public Kubelet(io.fabric8.kubernetes.api.model.Node node, String hostName, Dependencies deps) {
        this.node = NodeIdentity.of(node, hostName);
        this.deps = deps;
        this.ips = new PodIpAllocator(this.node.podCidr());
        this.volumes = new VolumeSetup(deps.client(), hostFilesystem);
        this.faults = new KubeletFaults(deps.faults(), this.node.name());
        this.lifecycle = new ContainerLifecycle(this.node, deps, images, faults);
    }

    public String name() {
        return "kubelet/" + node.name();
    }

    /** One sync pass over the pods bound to this node. */
    public void reconcile() {
        Set<String> seen = new HashSet<>();
        for (Pod stored : deps.pods().getStore().list()) {
            if (!node.name().equals(stored.getSpec().getNodeName())) {
                continue;
            }
            Pod pod = IgnoredFields.apply(stored, faults.ignoredFields(stored));
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
                if (stored.getMetadata().getDeletionTimestamp() != null && sandbox.terminationDeadline == null) {
                    sandbox.terminationDeadline = Instant.now().plus(gracePeriod(sandbox));
                }
                if (sandbox.terminationDeadline != null) {
                    stopping(sandbox);
                    continue;
                }
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

    /**
     * The grace period the API server recorded on deletion ({@code metadata.deletionGracePeriodSeconds},
     * from the DELETE options or {@code spec.terminationGracePeriodSeconds}). A kubelet that ignores the
     * spec field ({@code ignoredField}) works from a copy without it and falls back to the default 30 s,
     * whatever the delete asked for. FAST compresses the wait like every in-container wait.
     */
    private Duration gracePeriod(PodSandbox sb) {
        Long recorded = sb.pod.getMetadata().getDeletionGracePeriodSeconds();
        long seconds = recorded == null ? 30 : recorded;
        if (seconds > 0 && sb.pod.getSpec().getTerminationGracePeriodSeconds() == null) {
            seconds = 30;
        }
        return deps.latencies().scaled(Duration.ofSeconds(seconds));
    }

    /** Kubelet admission: the pod's OS (field, then selector) must be the node's (KL-ADM predicate.go). */
    private PodSandbox admit(Pod pod) {
        PodSandbox sandbox = new PodSandbox(pod, node.name(), node.hostName(), node.os());
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
            lifecycle.advance(sb, c);
            if (!c.exitedSuccessfully()) {
                initDone = false;
                break;
            }
        }
        if (initDone) {
            for (ContainerInstance c : sb.containers.values()) {
                lifecycle.advance(sb, c);
            }
        }
    }

    private boolean prepareSandbox(PodSandbox sb) {
        Instant now = Instant.now();
        if (now.isBefore(sb.nextSandboxAttempt)) {
            return false;
        }
        var sandboxFault = faults.failing("sandbox", sb.pod, sb.uid);
        if (sandboxFault.isPresent()) {
            // The runtime could not create the sandbox; the pod stays ContainerCreating and the kubelet retries.
            // Each attempt is a new sandbox with a new 64-hex id that containerd quotes in its error
            // ("failed to start sandbox container task %q: %w", internal/cri/server/podsandbox/sandbox_run.go),
            // so every retry is a distinct Event message and client-go does not fold them into one count.
            deps.events().warning(sb.pod, reason(sandboxFault.get(), "FailedCreatePodSandBox"),
                    SandboxFailure.message(SandboxFailure.newSandboxId(), sandboxFault.get().message()), COMPONENT, node.name());
            sb.nextSandboxAttempt = now.plus(deps.latencies().syncPeriod().multipliedBy(8));
            return false;
        }
        PathStyle style = PathStyle.of(node.os());
        Map<String, Mount> prepared;
        var mountFault = faults.failing("volumeMount", sb.pod, sb.uid);
        try {
            if (mountFault.isPresent()) {
                throw new VolumeSetup.NotReady(mountFault.get().message());
            }
            prepared = volumes.prepare(sb.pod, style);
        } catch (VolumeSetup.NotReady e) {
            deps.events().warning(sb.pod, mountFault.map(f -> reason(f, "FailedMount")).orElse("FailedMount"), e.getMessage(),
                    COMPONENT, node.name());
            sb.nextSandboxAttempt = now.plus(deps.latencies().syncPeriod().multipliedBy(8));
            return false;
        } catch (KubernetesClientException e) {
            return false;
        }
        boolean hostProcess = sb.pod.getSpec().getSecurityContext() != null
                && sb.pod.getSpec().getSecurityContext().getWindowsOptions() != null
                && Boolean.TRUE.equals(sb.pod.getSpec().getSecurityContext().getWindowsOptions().getHostProcess());
        boolean wantsHostNetwork = Boolean.TRUE.equals(sb.pod.getSpec().getHostNetwork());
        // hostNetwork on an ordinary Windows pod has no effect: it gets a container IP (parity NET-04).
        sb.hostNetwork = wantsHostNetwork && (node.os() == OsFamily.LINUX || hostProcess);
        sb.podIp = sb.hostNetwork ? node.internalIp() : ips.allocate();
        for (ContainerInstance c : sb.all()) {
            FileTree layer = new FileTree();
            if (!sb.hostNetwork) {
                // A pod on the host network sees the node's own hosts file; others get the kubelet-managed one.
                String hostsKey = style.key(HostsFile.path(node.os()));
                layer.mkdirs(hostsKey.substring(0, Math.max(1, hostsKey.lastIndexOf('/'))));
                layer.write(hostsKey, "hosts", HostsFile.content(sb.pod, sb.podIp, sb.hostname(), deps.dns().domain(), node.os()),
                        false);
            }
            c.filesystem = new ContainerFilesystem(style, VolumeSetup.mounts(c.spec, prepared, style), layer);
        }
        ResolverConfig resolver = ResolverConfig.forPod(sb.pod, node.os(), deps.clusterDnsIp(), deps.dns().domain());
        sb.network = new PodNetworkAccess(deps.network(), deps.dns(), resolver, deps.clusterDnsIp(), sb.podIp, node.os(),
                sb.hostNetwork, d -> sleep(deps.latencies().scaled(d)),
                new io.winnode.e2e.simulator.network.SourceFaults(deps.faults(), node.name(),
                        io.winnode.e2e.simulator.faults.PodFacts.of(sb.pod)),
                () -> deps.latencies().jitter(), HostsFile.entries(sb.pod));
        sb.startTime = Instant.now();
        sb.volumesReady = true;
        return true;
    }


    /**
     * Graceful stop (RT-03): each running container gets SIGTERM. agnhost's servers and pause exit at
     * once; a shell or sleep running as PID 1 ignores SIGTERM and is killed when the grace period
     * ends. When all have stopped the pod object is deleted with grace 0.
     */
    private void stopping(PodSandbox sb) {
        java.time.Instant now = java.time.Instant.now();
        String component = "kubelet";
        if (!sb.killingReported) {
            sb.killingReported = true;
            for (ContainerInstance c : sb.all()) {
                if (c.running()) {
                    deps.events().record(sb.pod, "Normal", "Killing", "Stopping container " + c.name(), component, node.name(),
                            (c.init ? "spec.initContainers{" : "spec.containers{") + c.name() + "}");
                }
            }
        }
        boolean deadlinePassed = !now.isBefore(sb.terminationDeadline);
        boolean allStopped = true;
        for (ContainerInstance c : sb.all()) {
            lifecycle.collect(sb, c);
            if (!c.running()) {
                continue;
            }
            boolean handlesSigterm = c.outcome != null && c.outcome.server() != null
                    || (c.outcome != null && c.outcome.keepsRunning() && "pause".equals(c.image.repository()));
            if (handlesSigterm || deadlinePassed) {
                c.phase = ContainerInstance.Phase.EXITED;
                c.exitCode = handlesSigterm ? 0 : 137;
                c.terminationReason = handlesSigterm ? "Completed" : "Error";
                c.finishedAt = now;
                if (c.process != null) {
                    c.process.cancel(true);
                }
            } else {
                allStopped = false;
            }
        }
        if (allStopped && faults.failing("termination", sb.pod, sb.uid).isEmpty()) {
            try {
                // The kubelet's final delete: grace 0, only for this incarnation of the pod (kubelet status_manager.go).
                deps.client().pods().inNamespace(sb.namespace).withName(sb.name).withGracePeriod(0).delete();
            } catch (KubernetesClientException e) {
                // retried on the next pass
            }
        }
    }

    static String reason(io.winnode.e2e.simulator.faults.Mechanisms.FailingStepFault f, String kubeletReason) {
        return f.reason() != null ? f.reason() : kubeletReason;
    }

    private void writeStatus(PodSandbox sb) {
        PodStatus status;
        synchronized (sb) {
            status = PodStatusComposer.compose(sb, node.os() == OsFamily.WINDOWS);
        }
        // Compared as objects (the model's equals), not as JSON: the status is composed every sync pass.
        if (status.equals(sb.lastWrittenStatus)) {
            return;
        }
        Pod stored = deps.pods().getStore().getByKey(sb.namespace + "/" + sb.name);
        if (stored == null || !sb.uid.equals(stored.getMetadata().getUid())) {
            return;
        }
        // The whole pod as last seen, with the new status, PUT to the status subresource: the API server
        // takes only the status from it, and refuses it (409) if the pod changed since, in which case the
        // next pass writes again from the fresher copy.
        Pod update = new PodBuilder(stored).withStatus(status).build();
        try {
            deps.client().pods().inNamespace(sb.namespace).resource(update).updateStatus();
            sb.lastWrittenStatus = status;
        } catch (KubernetesClientException e) {
            // Conflict, the pod is gone, or the server is stopping; the next pass sees the current state.
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


    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
