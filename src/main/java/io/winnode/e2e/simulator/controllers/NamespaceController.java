package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The namespace controller: for a Terminating namespace, deletes every namespaced object the
 * simulator knows (workloads first, then pods, services, config), and once no pods remain calls
 * {@code PUT /api/v1/namespaces/NAME/finalize} with empty finalizers, which removes the namespace.
 */
public final class NamespaceController implements Controller {

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final String masterUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public NamespaceController(KubernetesClient client, ClusterCache cache, String masterUrl) {
        this.client = client;
        this.cache = cache;
        this.masterUrl = masterUrl;
    }

    @Override
    public String name() {
        return "namespace-controller";
    }

    @Override
    public void reconcile() {
        for (Namespace ns : cache.namespaces.getStore().list()) {
            if (ns.getMetadata().getDeletionTimestamp() == null) {
                continue;
            }
            String name = ns.getMetadata().getName();
            List<Runnable> deletions = List.of(
                    () -> client.apps().deployments().inNamespace(name).delete(),
                    () -> client.apps().daemonSets().inNamespace(name).delete(),
                    () -> client.apps().replicaSets().inNamespace(name).delete(),
                    () -> client.batch().v1().jobs().inNamespace(name).delete(),
                    () -> client.pods().inNamespace(name).withGracePeriod(0).delete(),
                    () -> client.services().inNamespace(name).delete(),
                    () -> client.discovery().v1().endpointSlices().inNamespace(name).delete(),
                    () -> client.configMaps().inNamespace(name).delete(),
                    () -> client.secrets().inNamespace(name).delete(),
                    () -> client.serviceAccounts().inNamespace(name).delete(),
                    () -> client.persistentVolumeClaims().inNamespace(name).delete(),
                    () -> client.v1().events().inNamespace(name).delete());
            for (Runnable deletion : deletions) {
                try {
                    deletion.run();
                } catch (KubernetesClientException e) {
                    // one kind failing must not stop the others; retried on the next pass
                }
            }
            try {
                if (client.pods().inNamespace(name).list().getItems().isEmpty()) {
                    finalizeNamespace(name);
                }
            } catch (KubernetesClientException e) {
                // retried on the next pass
            }
        }
    }

    private void finalizeNamespace(String name) {
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name
                + "\"},\"spec\":{\"finalizers\":[]}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(masterUrl + "/api/v1/namespaces/" + name + "/finalize"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer simulator-internal")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(10)).build();
        try {
            http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            // retried on the next pass
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
