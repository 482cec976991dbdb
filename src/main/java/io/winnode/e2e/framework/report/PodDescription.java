package io.winnode.e2e.framework.report;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A pod as {@code kubectl describe pod} shows it (kubectl's describe.go, {@code describePod}): where it
 * runs, its conditions, each container's image, state, last state, readiness and restarts, its
 * environment, mounts and volumes, and the pod's events. Like kubectl it names where a value from a
 * Secret comes from and never prints it ({@code <set to the key 'k' in secret 's'>}).
 */
final class PodDescription {

    private final StringBuilder out = new StringBuilder();

    private PodDescription() {
    }

    static String of(Pod pod, List<Event> events) {
        var d = new PodDescription();
        d.describe(pod, events);
        return d.out.toString();
    }

    private void describe(Pod pod, List<Event> events) {
        var meta = pod.getMetadata();
        var spec = pod.getSpec();
        var status = Optional.ofNullable(pod.getStatus());
        field(0, "Name", meta.getName());
        field(0, "Namespace", meta.getNamespace());
        field(0, "Node", Optional.ofNullable(spec.getNodeName()).orElse("<none>")
                + status.map(s -> s.getHostIP()).map(ip -> "/" + ip).orElse(""));
        field(0, "Start Time", status.map(s -> s.getStartTime()).orElse("<none>"));
        field(0, "Labels", map(meta.getLabels()));
        field(0, "Status", status.map(s -> s.getPhase()).orElse("<unknown>"));
        status.map(s -> s.getReason()).ifPresent(r -> field(0, "Reason", r));
        status.map(s -> s.getMessage()).ifPresent(m -> field(0, "Message", m));
        field(0, "IP", status.map(s -> s.getPodIP()).orElse("<none>"));
        field(0, "OS", spec.getOs() == null ? "<unset>" : spec.getOs().getName());
        field(0, "Node-Selectors", map(spec.getNodeSelector()));
        field(0, "Tolerations", spec.getTolerations() == null ? "<none>" : String.join(", ", spec.getTolerations().stream()
                .map(t -> Optional.ofNullable(t.getKey()).orElse("") + (t.getValue() == null ? "" : "=" + t.getValue())
                        + ":" + Optional.ofNullable(t.getEffect()).orElse("") + " op=" + t.getOperator()).toList()));
        containers(0, "Init Containers", spec.getInitContainers(), status.map(s -> s.getInitContainerStatuses()).orElse(null));
        containers(0, "Containers", spec.getContainers(), status.map(s -> s.getContainerStatuses()).orElse(null));
        line(0, "Conditions:");
        List<PodCondition> conditions = status.map(s -> s.getConditions()).orElse(List.of());
        if (conditions.isEmpty()) {
            line(1, "<none>");
        }
        conditions.forEach(c -> line(1, c.getType() + " " + c.getStatus()
                + (c.getReason() == null ? "" : " (" + c.getReason() + (c.getMessage() == null ? "" : ": " + c.getMessage()) + ")")));
        line(0, "Volumes:");
        for (Volume v : spec.getVolumes() == null ? List.<Volume>of() : spec.getVolumes()) {
            line(1, v.getName() + ": " + volumeSource(v));
        }
        line(0, "Events:");
        if (events.isEmpty()) {
            line(1, "<none>");
        }
        events.forEach(e -> line(1, time(e) + " " + e.getType() + " " + e.getReason() + " ("
                + Optional.ofNullable(e.getCount()).orElse(1) + "x, " + source(e) + "): " + e.getMessage()));
    }

    private void containers(int indent, String title, List<Container> containers, List<ContainerStatus> statuses) {
        if (containers == null || containers.isEmpty()) {
            return;
        }
        line(indent, title + ":");
        for (Container c : containers) {
            line(indent + 1, c.getName() + ":");
            field(indent + 2, "Image", c.getImage());
            field(indent + 2, "Command", c.getCommand() == null ? "<none>" : String.join(" ", c.getCommand()));
            field(indent + 2, "Args", c.getArgs() == null ? "<none>" : String.join(" ", c.getArgs()));
            Optional<ContainerStatus> s = statuses == null ? Optional.empty()
                    : statuses.stream().filter(st -> c.getName().equals(st.getName())).findFirst();
            field(indent + 2, "Image ID", s.map(ContainerStatus::getImageID).orElse("<none>"));
            field(indent + 2, "State", s.map(ContainerStatus::getState).map(PodDescription::state).orElse("<unknown>"));
            s.map(ContainerStatus::getLastState).map(PodDescription::state).filter(st -> !st.isEmpty())
                    .ifPresent(st -> field(indent + 2, "Last State", st));
            field(indent + 2, "Ready", s.map(ContainerStatus::getReady).map(String::valueOf).orElse("<unknown>"));
            field(indent + 2, "Restart Count", s.map(ContainerStatus::getRestartCount).map(String::valueOf).orElse("0"));
            line(indent + 2, "Environment:");
            if (c.getEnv() == null || c.getEnv().isEmpty()) {
                line(indent + 3, "<none>");
            } else {
                c.getEnv().forEach(e -> line(indent + 3, e.getName() + ": " + envValue(e)));
            }
            line(indent + 2, "Mounts:");
            if (c.getVolumeMounts() == null || c.getVolumeMounts().isEmpty()) {
                line(indent + 3, "<none>");
            } else {
                c.getVolumeMounts().forEach(m -> line(indent + 3, m.getMountPath() + " from " + m.getName()
                        + (Boolean.TRUE.equals(m.getReadOnly()) ? " (ro)" : " (rw)")));
            }
        }
    }

    /** As kubectl: a literal value is shown, a value from elsewhere names its source only. */
    private static String envValue(EnvVar e) {
        EnvVarSource from = e.getValueFrom();
        if (from == null) {
            return e.getValue() == null ? "" : e.getValue();
        }
        if (from.getSecretKeyRef() != null) {
            return "<set to the key '" + from.getSecretKeyRef().getKey() + "' in secret '" + from.getSecretKeyRef().getName() + "'>";
        }
        if (from.getConfigMapKeyRef() != null) {
            return "<set to the key '" + from.getConfigMapKeyRef().getKey() + "' of config map '"
                    + from.getConfigMapKeyRef().getName() + "'>";
        }
        if (from.getFieldRef() != null) {
            return "(" + from.getFieldRef().getFieldPath() + ")";
        }
        return "<set from a resource field>";
    }

    private static String state(ContainerState state) {
        if (state.getRunning() != null) {
            return "Running (started " + state.getRunning().getStartedAt() + ")";
        }
        if (state.getWaiting() != null) {
            return "Waiting (" + state.getWaiting().getReason()
                    + (state.getWaiting().getMessage() == null ? "" : ": " + state.getWaiting().getMessage()) + ")";
        }
        if (state.getTerminated() != null) {
            var t = state.getTerminated();
            return "Terminated (" + t.getReason() + ", exit code " + t.getExitCode() + ", started " + t.getStartedAt()
                    + ", finished " + t.getFinishedAt() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
        }
        return "";
    }

    private static String volumeSource(Volume v) {
        if (v.getSecret() != null) {
            return "Secret " + v.getSecret().getSecretName();
        }
        if (v.getConfigMap() != null) {
            return "ConfigMap " + v.getConfigMap().getName();
        }
        if (v.getEmptyDir() != null) {
            return "EmptyDir" + (v.getEmptyDir().getMedium() == null ? "" : " (" + v.getEmptyDir().getMedium() + ")");
        }
        if (v.getHostPath() != null) {
            return "HostPath " + v.getHostPath().getPath();
        }
        if (v.getProjected() != null) {
            return "Projected (" + v.getProjected().getSources().size() + " source(s))";
        }
        if (v.getPersistentVolumeClaim() != null) {
            return "PersistentVolumeClaim " + v.getPersistentVolumeClaim().getClaimName();
        }
        return "other";
    }

    /**
     * When an event last happened: {@code lastTimestamp} of core/v1 events, else {@code eventTime}, which
     * events.k8s.io/v1 reporters such as the scheduler set instead.
     */
    static String time(Event e) {
        if (e.getLastTimestamp() != null) {
            return e.getLastTimestamp();
        }
        return e.getEventTime() == null ? "<unknown time>" : e.getEventTime().getTime();
    }

    private static String source(Event e) {
        return Stream.of(e.getReportingComponent(), e.getSource() == null ? null : e.getSource().getComponent())
                .filter(s -> s != null && !s.isEmpty()).findFirst().orElse("?");
    }

    private static String map(Map<String, String> map) {
        return map == null || map.isEmpty() ? "<none>"
                : String.join(", ", map.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
    }

    private void field(int indent, String name, Object value) {
        line(indent, String.format("%-15s %s", name + ":", value));
    }

    private void line(int indent, String text) {
        out.append("  ".repeat(indent)).append(text).append('\n');
    }
}
