package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.PodStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the PodStatus the kubelet reports from its sandbox: phase (Pending, Running, Succeeded,
 * Failed), the conditions PodReadyToStartContainers/Initialized/ContainersReady/Ready (keeping the
 * scheduler's PodScheduled), IPs and one containerStatus per container with state and lastState.
 */
final class PodStatusComposer {

    private PodStatusComposer() {
    }

    static PodStatus compose(PodSandbox sb, boolean windows) {
        PodStatus previous = sb.pod.getStatus() == null ? new PodStatus() : sb.pod.getStatus();
        PodStatus status = new PodStatus();
        status.setQosClass(previous.getQosClass());
        List<PodCondition> conditions = new ArrayList<>();
        previous.getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).forEach(conditions::add);
        if (sb.rejectedReason != null) {
            status.setPhase("Failed");
            status.setReason(sb.rejectedReason);
            status.setMessage(sb.rejectedMessage);
            status.setConditions(conditions);
            return status;
        }
        status.setHostIP(sb.hostIp);
        status.setHostIPs(List.of(new HostIP(sb.hostIp)));
        if (sb.podIp != null) {
            status.setPodIP(sb.podIp);
            status.setPodIPs(List.of(new PodIP(sb.podIp)));
        }
        if (sb.startTime != null) {
            status.setStartTime(sb.startTime.toString());
        }
        boolean initDone = sb.initContainers.values().stream().allMatch(ContainerInstance::exitedSuccessfully);
        boolean initFailed = sb.initContainers.values().stream()
                .anyMatch(c -> c.phase == ContainerInstance.Phase.EXITED && !c.exitedSuccessfully()
                        && "Never".equals(sb.pod.getSpec().getRestartPolicy()));
        String phase = phase(sb, initDone, initFailed);
        status.setPhase(phase);
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed");

        conditions.add(condition(previous, "PodReadyToStartContainers", sb.volumesReady, null, null));
        List<String> incompleteInit = sb.initContainers.values().stream().filter(c -> !c.exitedSuccessfully())
                .map(ContainerInstance::name).toList();
        conditions.add(condition(previous, "Initialized", incompleteInit.isEmpty(), "ContainersNotInitialized",
                "containers with incomplete status: " + bracket(incompleteInit)));
        List<String> unready = sb.containers.values().stream().filter(c -> !c.ready()).map(ContainerInstance::name).toList();
        boolean ready = unready.isEmpty() && !terminal;
        String reason = terminal ? "PodCompleted" : "ContainersNotReady";
        String message = terminal ? null : "containers with unready status: " + bracket(unready);
        conditions.add(condition(previous, "ContainersReady", ready, reason, message));
        conditions.add(condition(previous, "Ready", ready, reason, message));
        status.setConditions(conditions);

        status.setInitContainerStatuses(statuses(sb.initContainers.values(), false));
        status.setContainerStatuses(statuses(sb.containers.values(), !initDone));
        return status;
    }

    private static String phase(PodSandbox sb, boolean initDone, boolean initFailed) {
        if (initFailed) {
            return "Failed";
        }
        if (!initDone) {
            return "Pending";
        }
        String policy = sb.pod.getSpec().getRestartPolicy();
        Collection<ContainerInstance> main = sb.containers.values();
        boolean allExitedForGood = main.stream().allMatch(c -> c.phase == ContainerInstance.Phase.EXITED
                && ("Never".equals(policy) || ("OnFailure".equals(policy) && c.exitedSuccessfully())));
        if (allExitedForGood) {
            return main.stream().allMatch(ContainerInstance::exitedSuccessfully) ? "Succeeded" : "Failed";
        }
        boolean started = main.stream().anyMatch(c -> c.running() || c.phase == ContainerInstance.Phase.EXITED
                || c.phase == ContainerInstance.Phase.CRASH_BACKOFF || c.restartCount > 0);
        return started ? "Running" : "Pending";
    }

    private static String bracket(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    private static PodCondition condition(PodStatus previous, String type, boolean isTrue, String reason, String message) {
        String status = isTrue ? "True" : "False";
        PodCondition old = previous.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String since = old != null && status.equals(old.getStatus()) ? old.getLastTransitionTime() : Instant.now().toString();
        PodCondition c = new PodCondition();
        c.setType(type);
        c.setStatus(status);
        c.setLastTransitionTime(since);
        if (!isTrue) {
            c.setReason(reason);
            c.setMessage(message);
        }
        return c;
    }

    private static List<ContainerStatus> statuses(Collection<ContainerInstance> containers, boolean blockedByInit) {
        return containers.stream().map(c -> status(c, blockedByInit)).collect(Collectors.toList());
    }

    private static ContainerStatus status(ContainerInstance c, boolean blockedByInit) {
        String image = ImagePuller.normalize(c.spec.getImage());
        ContainerStatusBuilder b = new ContainerStatusBuilder().withName(c.name()).withImage(image)
                .withImageID(c.image == null ? "" : image.replaceAll(":[^:/]+$", "") + "@sha256:" + sha(image))
                .withRestartCount(c.restartCount)
                .withReady(c.init ? c.exitedSuccessfully() : c.ready())
                .withStarted(c.running())
                .withState(state(c, blockedByInit));
        if (c.containerId != null && (c.running() || c.phase == ContainerInstance.Phase.EXITED)) {
            b.withContainerID(c.containerId);
        }
        if (c.lastExitCode != null) {
            b.withLastState(new ContainerStateBuilder().withNewTerminated().withExitCode(c.lastExitCode)
                    .withReason(c.lastReason).withStartedAt(str(c.lastStartedAt)).withFinishedAt(str(c.lastFinishedAt))
                    .withContainerID(c.lastContainerId).endTerminated().build());
        }
        return b.build();
    }

    private static ContainerState state(ContainerInstance c, boolean blockedByInit) {
        ContainerStateBuilder s = new ContainerStateBuilder();
        return switch (c.phase) {
            case NEW, PULLING, STARTING -> s.withNewWaiting().withReason(blockedByInit ? "PodInitializing" : "ContainerCreating")
                    .endWaiting().build();
            case PULL_FAILED -> s.withNewWaiting().withReason(c.pullError != null && c.pullError.contains("pull policy of Never")
                    ? "ErrImageNeverPull" : "ErrImagePull").withMessage(c.pullError).endWaiting().build();
            case PULL_BACKOFF -> s.withNewWaiting().withReason("ImagePullBackOff")
                    .withMessage("Back-off pulling image \"" + c.spec.getImage() + "\": ErrImagePull: " + c.pullError)
                    .endWaiting().build();
            case CREATE_FAILED -> s.withNewWaiting().withReason(c.waitingReason).withMessage(c.waitingMessage).endWaiting().build();
            case RUNNING -> s.withNewRunning().withStartedAt(str(c.startedAt)).endRunning().build();
            case EXITED -> s.withNewTerminated().withExitCode(c.exitCode).withReason(c.terminationReason)
                    .withMessage(c.terminationMessage).withStartedAt(str(c.startedAt)).withFinishedAt(str(c.finishedAt))
                    .withContainerID(c.containerId).endTerminated().build();
            case CRASH_BACKOFF -> s.withNewWaiting().withReason("CrashLoopBackOff").withMessage(c.terminationMessage)
                    .endWaiting().build();
        };
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }

    /** Image digests, computed once per image: the status is composed every sync pass. */
    private static final java.util.Map<String, String> DIGESTS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String sha(String image) {
        return DIGESTS.computeIfAbsent(image, PodStatusComposer::digest);
    }

    private static String digest(String image) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(image.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (byte x : d) {
                sb.append(String.format("%02x", x));
            }
            return sb.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
