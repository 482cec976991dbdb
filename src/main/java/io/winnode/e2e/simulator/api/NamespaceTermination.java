package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.MockResponse;

import java.time.Instant;
import java.util.List;

/**
 * Namespace deletion as the API server does it: DELETE does not remove the namespace but marks it
 * {@code Terminating} (deletionTimestamp set); the namespace controller empties it and then calls
 * {@code PUT .../namespaces/NAME/finalize}, which removes it. The CRUD store only keeps an object
 * with a deletionTimestamp while it has a finalizer, so the terminating namespace also carries the
 * {@code kubernetes} finalizer in metadata (the real server keeps it in {@code spec.finalizers}).
 */
final class NamespaceTermination {

    static final String FINALIZER = "kubernetes";
    private static final java.util.Set<String> PROTECTED = java.util.Set.of("default", "kube-system", "kube-public");

    private NamespaceTermination() {
    }

    static MockResponse markTerminating(KubernetesCrudDispatcher crud, String name) {
        String path = "/api/v1/namespaces/" + name;
        Namespace ns = new ApiStore(crud).get(path, Namespace.class).orElse(null);
        if (ns == null) {
            return StatusResponses.toResponse(StatusResponses.notFound("namespaces", name));
        }
        if (PROTECTED.contains(name)) {
            // The NamespaceLifecycle admission plugin refuses to delete the system namespaces.
            return StatusResponses.toResponse(StatusResponses.forbidden("namespaces", name, "this namespace may not be deleted"));
        }
        if (ns.getMetadata().getDeletionTimestamp() == null) {
            ns.getMetadata().setDeletionTimestamp(Instant.now().toString());
            ns.getMetadata().setFinalizers(List.of(FINALIZER));
            ns.setSpec(new io.fabric8.kubernetes.api.model.NamespaceSpec(List.of(FINALIZER)));
            ns.getStatus().setPhase("Terminating");
            ns.getMetadata().setResourceVersion(null);
            MockResponse updated = crud.handleUpdate(SimulatorDispatcher.request(HttpMethod.PUT, path,
                    Serialization.asJson(ns), "application/json"));
            return updated.setResponseCode(200);
        }
        return new MockResponse().setResponseCode(200).setBody(Serialization.asJson(ns));
    }

    static MockResponse finalizeNamespace(KubernetesCrudDispatcher crud, String name, String body) {
        String path = "/api/v1/namespaces/" + name;
        Namespace ns = new ApiStore(crud).get(path, Namespace.class).orElse(null);
        if (ns == null) {
            return StatusResponses.toResponse(StatusResponses.notFound("namespaces", name));
        }
        Namespace requested = Serialization.unmarshal(body, Namespace.class);
        boolean finalizersEmpty = requested.getSpec() == null || requested.getSpec().getFinalizers() == null
                || requested.getSpec().getFinalizers().isEmpty();
        if (ns.getMetadata().getDeletionTimestamp() != null && finalizersEmpty) {
            ns.getMetadata().setFinalizers(List.of());
            ns.setSpec(new io.fabric8.kubernetes.api.model.NamespaceSpec(List.of()));
            ns.getMetadata().setResourceVersion(null);
            crud.handleUpdate(SimulatorDispatcher.request(HttpMethod.PUT, path, Serialization.asJson(ns), "application/json"));
        }
        return new MockResponse().setResponseCode(200).setBody(Serialization.asJson(ns));
    }
}
