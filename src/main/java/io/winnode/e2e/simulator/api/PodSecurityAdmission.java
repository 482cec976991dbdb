package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The PodSecurity admission plugin in {@code enforce} mode, for the controls the suite exercises
 * (pod-security-standards.md). Baseline: host namespaces, privileged, hostProcess, hostPath volumes,
 * host ports, added capabilities outside the default set. Restricted adds: volume types,
 * runAsNonRoot, runAsUser=0, and — only when {@code spec.os.name} is not {@code windows}, "Linux only
 * policy in v1.25+" (parity SEC-11) — allowPrivilegeEscalation, capabilities drop ALL and seccomp.
 * Rejections are 403 with the plugin's wording: {@code violates PodSecurity "restricted:latest": ...}.
 */
final class PodSecurityAdmission {

    static final String ENFORCE = "pod-security.kubernetes.io/enforce";
    private static final Set<String> BASELINE_CAPABILITIES = Set.of("AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID",
            "KILL", "MKNOD", "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT");

    private final ApiStore store;

    PodSecurityAdmission(ApiStore store) {
        this.store = store;
    }

    void admit(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        Namespace ns = namespace == null ? null : store.get("/api/v1/namespaces/" + namespace, Namespace.class).orElse(null);
        Map<String, String> labels = ns == null || ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
        String level = labels.getOrDefault(ENFORCE, "privileged");
        if (!level.equals("baseline") && !level.equals("restricted")) {
            return;
        }
        List<String> violations = new ArrayList<>(baseline(pod.getSpec()));
        if (level.equals("restricted")) {
            violations.addAll(restricted(pod.getSpec()));
        }
        if (!violations.isEmpty()) {
            throw new AdmissionException(StatusResponses.forbidden("pods", pod.getMetadata().getName(),
                    "violates PodSecurity \"" + level + ":latest\": " + String.join(", ", violations)));
        }
    }

    private static List<Container> containers(PodSpec spec) {
        List<Container> all = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        all.addAll(spec.getContainers());
        return all;
    }

    private static String names(List<Container> containers) {
        return containers.stream().map(c -> "\"" + c.getName() + "\"").collect(Collectors.joining(", "));
    }

    private static String containerWord(List<Container> containers) {
        return containers.size() == 1 ? "container" : "containers";
    }

    private static List<Container> matching(PodSpec spec, Function<SecurityContext, Boolean> bad) {
        return containers(spec).stream().filter(c -> c.getSecurityContext() != null && Boolean.TRUE.equals(bad.apply(c.getSecurityContext())))
                .toList();
    }

    private static List<String> baseline(PodSpec spec) {
        List<String> v = new ArrayList<>();
        List<String> hostNs = new ArrayList<>();
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            hostNs.add("hostNetwork=true");
        }
        if (Boolean.TRUE.equals(spec.getHostPID())) {
            hostNs.add("hostPID=true");
        }
        if (Boolean.TRUE.equals(spec.getHostIPC())) {
            hostNs.add("hostIPC=true");
        }
        if (!hostNs.isEmpty()) {
            v.add("host namespaces (" + String.join(", ", hostNs) + ")");
        }
        List<Container> privileged = matching(spec, sc -> Boolean.TRUE.equals(sc.getPrivileged()));
        if (!privileged.isEmpty()) {
            v.add("privileged (" + containerWord(privileged) + " " + names(privileged) + " must not set securityContext.privileged=true)");
        }
        PodSecurityContext psc = spec.getSecurityContext();
        boolean podHostProcess = psc != null && psc.getWindowsOptions() != null && Boolean.TRUE.equals(psc.getWindowsOptions().getHostProcess());
        List<Container> hostProcess = matching(spec, sc -> sc.getWindowsOptions() != null && Boolean.TRUE.equals(sc.getWindowsOptions().getHostProcess()));
        if (podHostProcess) {
            v.add("hostProcess (pod must not set securityContext.windowsOptions.hostProcess=true)");
        } else if (!hostProcess.isEmpty()) {
            v.add("hostProcess (" + containerWord(hostProcess) + " " + names(hostProcess)
                    + " must not set securityContext.windowsOptions.hostProcess=true)");
        }
        List<Container> caps = matching(spec, sc -> sc.getCapabilities() != null && sc.getCapabilities().getAdd() != null
                && sc.getCapabilities().getAdd().stream().anyMatch(c -> !BASELINE_CAPABILITIES.contains(c)));
        if (!caps.isEmpty()) {
            String added = caps.stream().flatMap(c -> c.getSecurityContext().getCapabilities().getAdd().stream())
                    .filter(c -> !BASELINE_CAPABILITIES.contains(c)).distinct().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
            v.add("non-default capabilities (" + containerWord(caps) + " " + names(caps) + " must not include " + added
                    + " in securityContext.capabilities.add)");
        }
        List<String> hostPaths = volumes(spec).stream().filter(vol -> vol.getHostPath() != null).map(vol -> "\"" + vol.getName() + "\"").toList();
        if (!hostPaths.isEmpty()) {
            v.add("hostPath volumes (" + (hostPaths.size() == 1 ? "volume " : "volumes ") + String.join(", ", hostPaths) + ")");
        }
        List<String> hostPorts = containers(spec).stream().filter(c -> c.getPorts() != null)
                .flatMap(c -> c.getPorts().stream()).map(ContainerPort::getHostPort).filter(p -> p != null && p != 0)
                .map(String::valueOf).toList();
        if (!hostPorts.isEmpty()) {
            v.add("hostPort (" + containerWord(containers(spec)) + " " + names(containers(spec)) + " uses "
                    + (hostPorts.size() == 1 ? "hostPort " : "hostPorts ") + String.join(", ", hostPorts) + ")");
        }
        return v;
    }

    private static List<Volume> volumes(PodSpec spec) {
        return spec.getVolumes() == null ? List.of() : spec.getVolumes();
    }

    private static List<String> restricted(PodSpec spec) {
        List<String> v = new ArrayList<>();
        boolean windows = spec.getOs() != null && "windows".equals(spec.getOs().getName());
        List<String> badVolumes = volumes(spec).stream().filter(vol -> vol.getHostPath() == null && !restrictedType(vol))
                .map(vol -> "\"" + vol.getName() + "\"").toList();
        if (!badVolumes.isEmpty()) {
            v.add("restricted volume types (" + (badVolumes.size() == 1 ? "volume " : "volumes ") + String.join(", ", badVolumes)
                    + " uses a restricted volume type)");
        }
        PodSecurityContext psc = spec.getSecurityContext();
        List<Container> all = containers(spec);
        if (!windows) {
            List<Container> escalation = all.stream().filter(c -> c.getSecurityContext() == null
                    || !Boolean.FALSE.equals(c.getSecurityContext().getAllowPrivilegeEscalation())).toList();
            if (!escalation.isEmpty()) {
                v.add("allowPrivilegeEscalation != false (" + containerWord(escalation) + " " + names(escalation)
                        + " must set securityContext.allowPrivilegeEscalation=false)");
            }
            List<Container> capabilities = all.stream().filter(c -> {
                Capabilities caps = c.getSecurityContext() == null ? null : c.getSecurityContext().getCapabilities();
                return caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL");
            }).toList();
            if (!capabilities.isEmpty()) {
                v.add("unrestricted capabilities (" + containerWord(capabilities) + " " + names(capabilities)
                        + " must set securityContext.capabilities.drop=[\"ALL\"])");
            }
        }
        boolean podNonRoot = psc != null && Boolean.TRUE.equals(psc.getRunAsNonRoot());
        List<Container> root = all.stream().filter(c -> c.getSecurityContext() == null || c.getSecurityContext().getRunAsNonRoot() == null
                ? !podNonRoot : !c.getSecurityContext().getRunAsNonRoot()).toList();
        if (!root.isEmpty()) {
            v.add("runAsNonRoot != true (pod or " + containerWord(root) + " " + names(root) + " must set securityContext.runAsNonRoot=true)");
        }
        boolean podUid0 = psc != null && Long.valueOf(0).equals(psc.getRunAsUser());
        List<Container> uid0 = matching(spec, sc -> Long.valueOf(0).equals(sc.getRunAsUser()));
        if (podUid0 || !uid0.isEmpty()) {
            v.add("runAsUser=0 (" + (podUid0 ? "pod" : containerWord(uid0) + " " + names(uid0)) + " must not set runAsUser=0)");
        }
        if (!windows) {
            boolean podSeccomp = psc != null && psc.getSeccompProfile() != null
                    && Set.of("RuntimeDefault", "Localhost").contains(psc.getSeccompProfile().getType());
            List<Container> seccomp = all.stream().filter(c -> {
                SecurityContext sc = c.getSecurityContext();
                if (sc != null && sc.getSeccompProfile() != null) {
                    return !Set.of("RuntimeDefault", "Localhost").contains(sc.getSeccompProfile().getType());
                }
                return !podSeccomp;
            }).toList();
            if (!seccomp.isEmpty()) {
                v.add("seccompProfile (pod or " + containerWord(seccomp) + " " + names(seccomp)
                        + " must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");
            }
        }
        return v;
    }

    /** The volume types restricted allows: configMap, csi, downwardAPI, emptyDir, ephemeral, PVC, projected, secret. */
    private static boolean restrictedType(Volume vol) {
        return vol.getConfigMap() != null || vol.getCsi() != null || vol.getDownwardAPI() != null || vol.getEmptyDir() != null
                || vol.getEphemeral() != null || vol.getPersistentVolumeClaim() != null || vol.getProjected() != null
                || vol.getSecret() != null;
    }
}
