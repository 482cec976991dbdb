package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import io.winnode.e2e.foundation.os.OsFamily;

/**
 * The kubelet-managed hosts file of a pod not on the host network (pkg/kubelet/kubelet_pods.go
 * {@code managedHostsFileContent}): localhost entries, the pod's IP and hostname, then the
 * {@code hostAliases}. Linux {@code /etc/hosts}; Windows {@code C:\Windows\System32\drivers\etc\hosts}
 * (containerd mounts the same kubelet-written file), with CRLF line ends there.
 */
final class HostsFile {

    static final String LINUX_PATH = "/etc/hosts";
    static final String WINDOWS_PATH = "C:\\Windows\\System32\\drivers\\etc\\hosts";

    private HostsFile() {
    }

    static String path(OsFamily os) {
        return os == OsFamily.WINDOWS ? WINDOWS_PATH : LINUX_PATH;
    }

    /** The hostAliases as name → address, for lookups that read the hosts file (curl, agnhost connect). */
    static java.util.Map<String, String> entries(Pod pod) {
        java.util.Map<String, String> entries = new java.util.HashMap<>();
        if (pod.getSpec().getHostAliases() != null) {
            for (HostAlias alias : pod.getSpec().getHostAliases()) {
                alias.getHostnames().forEach(h -> entries.putIfAbsent(h.toLowerCase(java.util.Locale.ROOT), alias.getIp()));
            }
        }
        return java.util.Map.copyOf(entries);
    }

    static String content(Pod pod, String podIp, String hostname, String domain, OsFamily os) {
        StringBuilder b = new StringBuilder("# Kubernetes-managed hosts file.\n")
                .append("127.0.0.1\tlocalhost\n")
                .append("::1\tlocalhost ip6-localhost ip6-loopback\n")
                .append("fe00::0\tip6-localnet\n")
                .append("fe00::0\tip6-mcastprefix\n")
                .append("fe00::1\tip6-allnodes\n")
                .append("fe00::2\tip6-allrouters\n");
        String subdomain = pod.getSpec().getSubdomain();
        if (subdomain != null && !subdomain.isEmpty()) {
            b.append(podIp).append('\t').append(hostname).append('.').append(subdomain).append('.')
                    .append(pod.getMetadata().getNamespace()).append(".svc.").append(domain).append('\t').append(hostname).append('\n');
        } else {
            b.append(podIp).append('\t').append(hostname).append('\n');
        }
        if (pod.getSpec().getHostAliases() != null && !pod.getSpec().getHostAliases().isEmpty()) {
            b.append("\n# Entries added by HostAliases.\n");
            for (HostAlias alias : pod.getSpec().getHostAliases()) {
                b.append(alias.getIp()).append('\t').append(String.join("\t", alias.getHostnames())).append('\n');
            }
        }
        String text = b.toString();
        return os == OsFamily.WINDOWS ? text.replace("\n", "\r\n") : text;
    }
}
