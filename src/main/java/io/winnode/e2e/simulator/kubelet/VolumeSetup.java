package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.winnode.e2e.simulator.container.FileTree;
import io.winnode.e2e.simulator.container.Mount;
import io.winnode.e2e.simulator.container.PathStyle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kubelet's volume manager, for the volume types the suite uses: emptyDir (one tree per pod,
 * shared by its containers, parity STO-01), hostPath (the node's own filesystem, STO-03), configMap
 * and secret (keys as files, secret values base64-decoded, STO-06). A missing configMap/secret that
 * is not optional blocks the pod with a {@code FailedMount} reason, as the real kubelet does;
 * projected volumes ({@link ProjectedVolume}), such as the service account volume every pod gets.
 */
final class VolumeSetup {

    /** Thrown when a volume cannot be set up yet; the message is the kubelet's FailedMount text. */
    static final class NotReady extends Exception {
        NotReady(String message) {
            super(message);
        }
    }

    private final KubernetesClient client;
    private final FileTree hostFilesystem;

    VolumeSetup(KubernetesClient client, FileTree hostFilesystem) {
        this.client = client;
        this.hostFilesystem = hostFilesystem;
    }

    /** Volume name → (tree, prefix inside the tree). */
    Map<String, Mount> prepare(Pod pod, PathStyle style) throws NotReady {
        Map<String, Mount> volumes = new HashMap<>();
        String ns = pod.getMetadata().getNamespace();
        for (Volume v : pod.getSpec().getVolumes() == null ? List.<Volume>of() : pod.getSpec().getVolumes()) {
            if (v.getHostPath() != null) {
                String key = style.key(v.getHostPath().getPath());
                hostFilesystem.mkdirs(key);
                volumes.put(v.getName(), new Mount("/", hostFilesystem, key, false));
            } else if (v.getConfigMap() != null) {
                ConfigMap cm = client.configMaps().inNamespace(ns).withName(v.getConfigMap().getName()).get();
                FileTree tree = new FileTree();
                if (cm == null && !Boolean.TRUE.equals(v.getConfigMap().getOptional())) {
                    throw new NotReady("MountVolume.SetUp failed for volume \"" + v.getName() + "\" : configmap \""
                            + v.getConfigMap().getName() + "\" not found");
                }
                if (cm != null) {
                    Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
                    project(tree, style, data, v.getConfigMap().getItems());
                }
                volumes.put(v.getName(), new Mount("/", tree, "/", true));
            } else if (v.getSecret() != null) {
                Secret secret = client.secrets().inNamespace(ns).withName(v.getSecret().getSecretName()).get();
                FileTree tree = new FileTree();
                if (secret == null && !Boolean.TRUE.equals(v.getSecret().getOptional())) {
                    throw new NotReady("MountVolume.SetUp failed for volume \"" + v.getName() + "\" : secret \""
                            + v.getSecret().getSecretName() + "\" not found");
                }
                if (secret != null) {
                    Map<String, String> decoded = new HashMap<>();
                    if (secret.getData() != null) {
                        secret.getData().forEach((k, val) -> decoded.put(k,
                                new String(Base64.getDecoder().decode(val), StandardCharsets.UTF_8)));
                    }
                    if (secret.getStringData() != null) {
                        decoded.putAll(secret.getStringData());
                    }
                    project(tree, style, decoded, v.getSecret().getItems());
                }
                volumes.put(v.getName(), new Mount("/", tree, "/", true));
            } else if (v.getProjected() != null) {
                FileTree tree = new FileTree();
                tree.mkdirs("/");
                for (Map.Entry<String, String> file : ProjectedVolume.files(client, pod, v.getName(), v.getProjected()).entrySet()) {
                    tree.write(style.key(file.getKey()), style.fileName(file.getKey()), file.getValue(), false);
                }
                volumes.put(v.getName(), new Mount("/", tree, "/", true));
            } else {
                // emptyDir and anything else the simulator does not distinguish: a fresh, pod-wide directory.
                FileTree tree = new FileTree();
                tree.mkdirs("/");
                volumes.put(v.getName(), new Mount("/", tree, "/", false));
            }
        }
        return volumes;
    }

    private static void project(FileTree tree, PathStyle style, Map<String, String> data, List<KeyToPath> items) {
        if (items == null || items.isEmpty()) {
            data.forEach((k, val) -> tree.write(style.key(k), k, val, false));
            return;
        }
        for (KeyToPath item : items) {
            String value = data.get(item.getKey());
            if (value != null) {
                tree.write(style.key(item.getPath()), style.fileName(item.getPath()), value, false);
            }
        }
    }

    /** The container's mounts: each volumeMount placed at its mountPath; configMap/secret are always read-only. */
    static List<Mount> mounts(Container c, Map<String, Mount> volumes, PathStyle style) {
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount vm : c.getVolumeMounts() == null ? List.<VolumeMount>of() : c.getVolumeMounts()) {
            Mount volume = volumes.get(vm.getName());
            if (volume == null) {
                continue;
            }
            String prefix = volume.treePrefix();
            if (vm.getSubPath() != null && !vm.getSubPath().isEmpty()) {
                String sub = style.key(vm.getSubPath());
                prefix = prefix.equals("/") ? sub : prefix + sub;
            }
            boolean readOnly = Boolean.TRUE.equals(vm.getReadOnly()) || volume.readOnly();
            mounts.add(new Mount(style.key(vm.getMountPath()), volume.tree(), prefix, readOnly));
        }
        return mounts;
    }
}
