package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the API server does synchronously to a Pod on create, in the real order: defaulting
 * (SetDefaults_Pod and friends), the RuntimeClass and DefaultTolerationSeconds admission plugins,
 * validation (required fields and the OS-conditional rules of {@link PodOsValidation}), then the
 * validating PodSecurity admission ({@link PodSecurityAdmission}).
 */
public final class PodAdmission {

    private final ApiStore store;
    private final PodSecurityAdmission podSecurity;

    public PodAdmission(ApiStore store) {
        this.store = store;
        this.podSecurity = new PodSecurityAdmission(store);
    }

    public Pod admit(Pod pod) {
        applyDefaults(pod);
        applyRuntimeClass(pod);
        addDefaultTolerationSeconds(pod.getSpec());
        List<StatusCause> causes = new ArrayList<>(basicValidation(pod));
        causes.addAll(PodOsValidation.validate(pod));
        if (!causes.isEmpty()) {
            throw new AdmissionException(StatusResponses.invalid("Pod", pod.getMetadata().getName(), causes));
        }
        podSecurity.admit(pod);
        return pod;
    }

    private static void applyDefaults(Pod pod) {
        PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
        pod.setSpec(spec);
        if (spec.getRestartPolicy() == null) {
            spec.setRestartPolicy("Always");
        }
        if (spec.getDnsPolicy() == null) {
            spec.setDnsPolicy("ClusterFirst");
        }
        if (spec.getTerminationGracePeriodSeconds() == null) {
            spec.setTerminationGracePeriodSeconds(30L);
        }
        if (spec.getSchedulerName() == null) {
            spec.setSchedulerName("default-scheduler");
        }
        if (spec.getSecurityContext() == null) {
            spec.setSecurityContext(new PodSecurityContext());
        }
        if (spec.getServiceAccountName() == null) {
            spec.setServiceAccountName(spec.getServiceAccount() != null ? spec.getServiceAccount() : "default");
        }
        if (spec.getServiceAccount() == null) {
            spec.setServiceAccount(spec.getServiceAccountName());
        }
        if (spec.getEnableServiceLinks() == null) {
            spec.setEnableServiceLinks(true);
        }
        if (spec.getPriority() == null) {
            spec.setPriority(0);
        }
        for (List<Container> list : containerLists(spec)) {
            for (Container c : list) {
                if (c.getImagePullPolicy() == null) {
                    String image = c.getImage() == null ? "" : c.getImage();
                    boolean latest = !image.substring(image.lastIndexOf('/') + 1).contains(":") || image.endsWith(":latest");
                    c.setImagePullPolicy(latest ? "Always" : "IfNotPresent");
                }
                if (c.getTerminationMessagePath() == null) {
                    c.setTerminationMessagePath("/dev/termination-log");
                }
                if (c.getTerminationMessagePolicy() == null) {
                    c.setTerminationMessagePolicy("File");
                }
            }
        }
        PodStatus status = new PodStatus();
        status.setPhase("Pending");
        status.setQosClass(qosClass(spec));
        pod.setStatus(status);
    }

    private static List<List<Container>> containerLists(PodSpec spec) {
        List<List<Container>> lists = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            lists.add(spec.getInitContainers());
        }
        if (spec.getContainers() != null) {
            lists.add(spec.getContainers());
        }
        return lists;
    }

    private static String qosClass(PodSpec spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : spec.getContainers() == null ? List.<Container>of() : spec.getContainers()) {
            Map<String, Quantity> req = c.getResources() == null ? null : c.getResources().getRequests();
            Map<String, Quantity> lim = c.getResources() == null ? null : c.getResources().getLimits();
            any |= (req != null && !req.isEmpty()) || (lim != null && !lim.isEmpty());
            for (String r : List.of("cpu", "memory")) {
                Quantity l = lim == null ? null : lim.get(r);
                Quantity q = req == null ? null : req.get(r);
                if (l == null || (q != null && q.compareTo(l) != 0)) {
                    guaranteed = false;
                }
            }
        }
        return !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    }

    /** RuntimeClass admission (SCH-09, RES-09): merge scheduling constraints, set the overhead. */
    private void applyRuntimeClass(Pod pod) {
        PodSpec spec = pod.getSpec();
        String name = spec.getRuntimeClassName();
        if (name == null || name.isEmpty()) {
            return;
        }
        RuntimeClass rc = store.get("/apis/node.k8s.io/v1/runtimeclasses/" + name, RuntimeClass.class)
                .orElseThrow(() -> new AdmissionException(StatusResponses.forbidden("pods", pod.getMetadata().getName(),
                        "pod rejected: RuntimeClass \"" + name + "\" not found")));
        if (rc.getOverhead() != null && rc.getOverhead().getPodFixed() != null) {
            if (spec.getOverhead() != null && !spec.getOverhead().isEmpty()
                    && !spec.getOverhead().equals(rc.getOverhead().getPodFixed())) {
                throw new AdmissionException(StatusResponses.forbidden("pods", pod.getMetadata().getName(),
                        "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead"));
            }
            spec.setOverhead(new LinkedHashMap<>(rc.getOverhead().getPodFixed()));
        }
        if (rc.getScheduling() == null) {
            return;
        }
        Map<String, String> selector = rc.getScheduling().getNodeSelector();
        if (selector != null && !selector.isEmpty()) {
            Map<String, String> merged = spec.getNodeSelector() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(spec.getNodeSelector());
            for (Map.Entry<String, String> e : selector.entrySet()) {
                String existing = merged.get(e.getKey());
                if (existing != null && !existing.equals(e.getValue())) {
                    throw new AdmissionException(StatusResponses.forbidden("pods", pod.getMetadata().getName(),
                            "pod rejected: conflict: runtimeClass.scheduling.nodeSelector[" + e.getKey() + "] = " + e.getValue()
                                    + "; pod.spec.nodeSelector[" + e.getKey() + "] = " + existing));
                }
                merged.put(e.getKey(), e.getValue());
            }
            spec.setNodeSelector(merged);
        }
        if (rc.getScheduling().getTolerations() != null) {
            List<Toleration> tolerations = spec.getTolerations() == null ? new ArrayList<>() : new ArrayList<>(spec.getTolerations());
            for (Toleration t : rc.getScheduling().getTolerations()) {
                if (!tolerations.contains(t)) {
                    tolerations.add(t);
                }
            }
            spec.setTolerations(tolerations);
        }
    }

    /** DefaultTolerationSeconds admission: tolerate not-ready/unreachable NoExecute for 300 s. */
    private static void addDefaultTolerationSeconds(PodSpec spec) {
        List<Toleration> tolerations = spec.getTolerations() == null ? new ArrayList<>() : new ArrayList<>(spec.getTolerations());
        for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
            boolean present = tolerations.stream().anyMatch(t -> key.equals(t.getKey()) && "NoExecute".equals(t.getEffect())
                    || t.getKey() == null && "Exists".equals(t.getOperator()));
            if (!present) {
                tolerations.add(new TolerationBuilder().withKey(key).withOperator("Exists").withEffect("NoExecute")
                        .withTolerationSeconds(300L).build());
            }
        }
        spec.setTolerations(tolerations);
    }

    private static List<StatusCause> basicValidation(Pod pod) {
        List<StatusCause> causes = new ArrayList<>();
        PodSpec spec = pod.getSpec();
        if (spec.getContainers() == null || spec.getContainers().isEmpty()) {
            causes.add(StatusResponses.requiredField("spec.containers"));
            return causes;
        }
        Set<String> names = new HashSet<>();
        List<Container> all = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        all.addAll(spec.getContainers());
        for (int i = 0; i < spec.getContainers().size(); i++) {
            Container c = spec.getContainers().get(i);
            if (c.getName() == null || c.getName().isEmpty()) {
                causes.add(StatusResponses.requiredField("spec.containers[" + i + "].name"));
            }
            if (c.getImage() == null || c.getImage().isEmpty()) {
                causes.add(StatusResponses.requiredField("spec.containers[" + i + "].image"));
            }
        }
        for (Container c : all) {
            if (c.getName() != null && !names.add(c.getName())) {
                StatusCause dup = new StatusCause();
                dup.setReason("FieldValueDuplicate");
                dup.setField("spec.containers[" + spec.getContainers().indexOf(c) + "].name");
                dup.setMessage("Duplicate value: \"" + c.getName() + "\"");
                causes.add(dup);
            }
        }
        return causes;
    }

    /** The PodScheduled=False condition the scheduler sets; kept here so both share the wording. */
    public static PodCondition condition(String type, String status, String reason, String message, String now) {
        PodCondition c = new PodCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastTransitionTime(now);
        return c;
    }
}
