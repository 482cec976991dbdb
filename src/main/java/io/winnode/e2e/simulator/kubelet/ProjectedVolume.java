package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DownwardAPIVolumeFile;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ProjectedVolumeSource;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a {@code projected} volume, above all the {@code kube-api-access-*} volume the
 * ServiceAccount admission plugin adds to every pod: a service account token the kubelet requests
 * for the pod through the TokenRequest API (bound to the pod, as the kubelet's token manager does,
 * kubernetes/kubernetes pkg/kubelet/token/token_manager.go), the {@code kube-root-ca.crt} ConfigMap's
 * {@code ca.crt} and the pod's namespace from the downward API. Secret and ConfigMap sources honour
 * {@code items} and {@code optional} like the plain volume types.
 */
final class ProjectedVolume {

    private ProjectedVolume() {
    }

    /** Path inside the volume → content. */
    static Map<String, String> files(KubernetesClient client, Pod pod, String volumeName, ProjectedVolumeSource source)
            throws VolumeSetup.NotReady {
        Map<String, String> files = new LinkedHashMap<>();
        String ns = pod.getMetadata().getNamespace();
        for (VolumeProjection p : source.getSources() == null ? List.<VolumeProjection>of() : source.getSources()) {
            if (p.getServiceAccountToken() != null) {
                files.put(p.getServiceAccountToken().getPath(), token(client, pod, volumeName, p.getServiceAccountToken()));
            } else if (p.getConfigMap() != null) {
                ConfigMap cm = client.configMaps().inNamespace(ns).withName(p.getConfigMap().getName()).get();
                if (cm == null && !Boolean.TRUE.equals(p.getConfigMap().getOptional())) {
                    throw new VolumeSetup.NotReady("MountVolume.SetUp failed for volume \"" + volumeName + "\" : configmap \""
                            + p.getConfigMap().getName() + "\" not found");
                }
                if (cm != null) {
                    select(files, cm.getData(), p.getConfigMap().getItems());
                }
            } else if (p.getSecret() != null) {
                Secret secret = client.secrets().inNamespace(ns).withName(p.getSecret().getName()).get();
                if (secret == null && !Boolean.TRUE.equals(p.getSecret().getOptional())) {
                    throw new VolumeSetup.NotReady("MountVolume.SetUp failed for volume \"" + volumeName + "\" : secret \""
                            + p.getSecret().getName() + "\" not found");
                }
                if (secret != null && secret.getData() != null) {
                    Map<String, String> decoded = new LinkedHashMap<>();
                    secret.getData().forEach((k, v) -> decoded.put(k,
                            new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
                    select(files, decoded, p.getSecret().getItems());
                }
            } else if (p.getDownwardAPI() != null && p.getDownwardAPI().getItems() != null) {
                for (DownwardAPIVolumeFile item : p.getDownwardAPI().getItems()) {
                    if (item.getFieldRef() != null) {
                        files.put(item.getPath(), field(pod, item.getFieldRef().getFieldPath()));
                    }
                }
            }
        }
        return files;
    }

    private static void select(Map<String, String> files, Map<String, String> data, List<KeyToPath> items) {
        if (data == null) {
            return;
        }
        if (items == null || items.isEmpty()) {
            files.putAll(data);
            return;
        }
        for (KeyToPath item : items) {
            if (data.containsKey(item.getKey())) {
                files.put(item.getPath(), data.get(item.getKey()));
            }
        }
    }

    /** The downward API fields a projected volume may name (kubernetes/kubernetes pkg/apis/core/validation). */
    private static String field(Pod pod, String path) {
        return switch (path) {
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.uid" -> pod.getMetadata().getUid();
            default -> "";
        };
    }

    private static String token(KubernetesClient client, Pod pod, String volumeName, ServiceAccountTokenProjection projection)
            throws VolumeSetup.NotReady {
        String account = pod.getSpec().getServiceAccountName() == null ? "default" : pod.getSpec().getServiceAccountName();
        TokenRequest request = new TokenRequestBuilder().withNewSpec()
                .withAudiences(projection.getAudience() == null ? null : List.of(projection.getAudience()))
                .withExpirationSeconds(projection.getExpirationSeconds() == null ? 3607L : projection.getExpirationSeconds())
                .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod").withName(pod.getMetadata().getName())
                    .withUid(pod.getMetadata().getUid()).endBoundObjectRef()
                .endSpec().build();
        try {
            return client.serviceAccounts().inNamespace(pod.getMetadata().getNamespace()).withName(account)
                    .tokenRequest(request).getStatus().getToken();
        } catch (KubernetesClientException e) {
            throw new VolumeSetup.NotReady("MountVolume.SetUp failed for volume \"" + volumeName
                    + "\" : failed to fetch token: " + e.getMessage());
        }
    }
}
