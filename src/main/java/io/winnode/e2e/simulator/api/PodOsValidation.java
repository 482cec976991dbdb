package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.StatusCause;

import java.util.ArrayList;
import java.util.List;

/**
 * The API server's OS-conditional pod validation (parity SCH-07, KEP-2802): with
 * {@code spec.os.name=windows} the Linux-only fields must be unset; with {@code spec.os.name=linux}
 * {@code securityContext.windowsOptions} must be unset. Field list from the PodSpec.os API field
 * documentation (25 fields), checked for init and regular containers.
 */
public final class PodOsValidation {

    private static final String NOT_FOR_WINDOWS = "cannot be set for a windows pod";
    private static final String NOT_FOR_LINUX = "windows options cannot be set for a linux pod";

    private PodOsValidation() {
    }

    public static List<StatusCause> validate(Pod pod) {
        PodSpec spec = pod.getSpec();
        List<StatusCause> causes = new ArrayList<>();
        if (spec == null || spec.getOs() == null || spec.getOs().getName() == null) {
            return causes;
        }
        String os = spec.getOs().getName();
        if ("windows".equals(os)) {
            forbidIfSet(causes, "spec.hostPID", Boolean.TRUE.equals(spec.getHostPID()));
            forbidIfSet(causes, "spec.hostIPC", Boolean.TRUE.equals(spec.getHostIPC()));
            forbidIfSet(causes, "spec.shareProcessNamespace", spec.getShareProcessNamespace() != null);
            forbidIfSet(causes, "spec.hostUsers", spec.getHostUsers() != null);
            forbidIfSet(causes, "spec.resources", spec.getResources() != null);
            PodSecurityContext psc = spec.getSecurityContext();
            if (psc != null) {
                String p = "spec.securityContext.";
                forbidIfSet(causes, p + "appArmorProfile", psc.getAppArmorProfile() != null);
                forbidIfSet(causes, p + "seLinuxOptions", psc.getSeLinuxOptions() != null);
                forbidIfSet(causes, p + "seccompProfile", psc.getSeccompProfile() != null);
                forbidIfSet(causes, p + "fsGroup", psc.getFsGroup() != null);
                forbidIfSet(causes, p + "fsGroupChangePolicy", psc.getFsGroupChangePolicy() != null);
                forbidIfSet(causes, p + "sysctls", psc.getSysctls() != null && !psc.getSysctls().isEmpty());
                forbidIfSet(causes, p + "runAsUser", psc.getRunAsUser() != null);
                forbidIfSet(causes, p + "runAsGroup", psc.getRunAsGroup() != null);
                forbidIfSet(causes, p + "supplementalGroups", psc.getSupplementalGroups() != null && !psc.getSupplementalGroups().isEmpty());
                forbidIfSet(causes, p + "supplementalGroupsPolicy", psc.getSupplementalGroupsPolicy() != null);
            }
            containers(spec.getInitContainers(), "spec.initContainers", causes);
            containers(spec.getContainers(), "spec.containers", causes);
        } else if ("linux".equals(os)) {
            if (spec.getSecurityContext() != null && spec.getSecurityContext().getWindowsOptions() != null) {
                causes.add(StatusResponses.forbiddenField("spec.securityContext.windowsOptions", NOT_FOR_LINUX));
            }
            linuxContainers(spec.getInitContainers(), "spec.initContainers", causes);
            linuxContainers(spec.getContainers(), "spec.containers", causes);
        }
        return causes;
    }

    private static void containers(List<Container> containers, String path, List<StatusCause> causes) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            SecurityContext sc = containers.get(i).getSecurityContext();
            if (sc == null) {
                continue;
            }
            String p = path + "[" + i + "].securityContext.";
            forbidIfSet(causes, p + "appArmorProfile", sc.getAppArmorProfile() != null);
            forbidIfSet(causes, p + "seLinuxOptions", sc.getSeLinuxOptions() != null);
            forbidIfSet(causes, p + "seccompProfile", sc.getSeccompProfile() != null);
            forbidIfSet(causes, p + "capabilities", sc.getCapabilities() != null);
            forbidIfSet(causes, p + "readOnlyRootFilesystem", sc.getReadOnlyRootFilesystem() != null);
            forbidIfSet(causes, p + "privileged", sc.getPrivileged() != null);
            forbidIfSet(causes, p + "allowPrivilegeEscalation", sc.getAllowPrivilegeEscalation() != null);
            forbidIfSet(causes, p + "procMount", sc.getProcMount() != null);
            forbidIfSet(causes, p + "runAsUser", sc.getRunAsUser() != null);
            forbidIfSet(causes, p + "runAsGroup", sc.getRunAsGroup() != null);
        }
    }

    private static void linuxContainers(List<Container> containers, String path, List<StatusCause> causes) {
        if (containers == null) {
            return;
        }
        for (int i = 0; i < containers.size(); i++) {
            SecurityContext sc = containers.get(i).getSecurityContext();
            if (sc != null && sc.getWindowsOptions() != null) {
                causes.add(StatusResponses.forbiddenField(path + "[" + i + "].securityContext.windowsOptions", NOT_FOR_LINUX));
            }
        }
    }

    private static void forbidIfSet(List<StatusCause> causes, String field, boolean set) {
        if (set) {
            causes.add(StatusResponses.forbiddenField(field, NOT_FOR_WINDOWS));
        }
    }
}
