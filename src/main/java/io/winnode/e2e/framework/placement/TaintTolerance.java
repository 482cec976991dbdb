package io.winnode.e2e.framework.placement;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.winnode.e2e.framework.nodes.ClusterNode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether tolerations tolerate taints, by the rules the scheduler applies (k8s.io/api core/v1
 * toleration.go, {@code ToleratesTaint}): an empty effect matches every effect; operator
 * {@code Exists} matches any value of the key (and, with an empty key, every taint); {@code Equal}
 * (the default operator) needs the value equal; any other operator tolerates nothing here.
 */
final class TaintTolerance {

    private TaintTolerance() {
    }

    static boolean toleratesAll(List<Toleration> tolerations, List<Taint> taints) {
        return taints.stream().allMatch(taint -> tolerations.stream().anyMatch(t -> tolerates(t, taint)));
    }

    static boolean tolerates(Toleration toleration, Taint taint) {
        String effect = toleration.getEffect();
        if (effect != null && !effect.isEmpty() && !effect.equals(taint.getEffect())) {
            return false;
        }
        String key = toleration.getKey();
        if (key != null && !key.isEmpty() && !key.equals(taint.getKey())) {
            return false;
        }
        String operator = toleration.getOperator() == null || toleration.getOperator().isEmpty() ? "Equal" : toleration.getOperator();
        return switch (operator) {
            case "Exists" -> true;
            case "Equal" -> nullToEmpty(toleration.getValue()).equals(nullToEmpty(taint.getValue()));
            default -> false;
        };
    }

    /** {@code win-1: os=windows:NoSchedule, CriticalAddonsOnly=true:NoSchedule}, for a reason message. */
    static String describeTaints(List<ClusterNode> nodes) {
        return nodes.stream().map(n -> n.name() + ": " + (n.schedulingTaints().isEmpty() ? "none"
                        : n.schedulingTaints().stream().map(t -> t.getKey() + (t.getValue() == null || t.getValue().isEmpty() ? "" : "=" + t.getValue())
                        + ":" + t.getEffect()).collect(Collectors.joining(", "))))
                .collect(Collectors.joining("; "));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
