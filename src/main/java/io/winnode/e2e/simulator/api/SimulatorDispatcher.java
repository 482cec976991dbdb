package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;

/**
 * The simulated API server: fabric8's CRUD store behind the admission work a real API server does
 * synchronously (defaulting, generateName, RuntimeClass admission, OS validation, Service IP
 * allocation, dry-run, namespace termination, graceful pod deletion) and the kubelet-served pod
 * subresources ({@code exec}, {@code log}) that the CRUD store does not know.
 */
public final class SimulatorDispatcher extends Dispatcher {

    /** Subresources served here or by the CRUD store; anything else (portforward, proxy) is not simulated. */
    private static final java.util.Set<String> KNOWN_SUBRESOURCES = java.util.Set.of("status", "scale", "exec", "attach", "log",
            "finalize");

    private final KubernetesCrudDispatcher crud;
    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final MockDispatcher expectationDispatcher;
    private final PodAdmission podAdmission;
    private final ServiceAdmission serviceAdmission;
    private final NameGenerator names;
    private final boolean gracefulPodDeletion;
    private final GracefulPodDeletion gracefulDeletion;
    private static final java.util.regex.Pattern NODE_PROXY = java.util.regex.Pattern.compile("^/api/v1/nodes/([^/]+)/proxy(/[^?]*)(\\?.*)?$");

    private volatile PodSubresources podSubresources;
    private volatile NodeProxy nodeProxy;
    private volatile PodDeletionHold deletionHold;

    public SimulatorDispatcher(KubernetesCrudDispatcher crud, Map<ServerRequest, Queue<ServerResponse>> expectations,
                               long seed, boolean gracefulPodDeletion) {
        this.crud = crud;
        this.expectations = expectations;
        this.expectationDispatcher = new MockDispatcher(expectations);
        ApiStore store = new ApiStore(crud);
        this.podAdmission = new PodAdmission(store);
        this.serviceAdmission = new ServiceAdmission(store, seed);
        this.names = new NameGenerator(seed);
        this.gracefulPodDeletion = gracefulPodDeletion;
        this.gracefulDeletion = new GracefulPodDeletion(crud);
    }

    public ApiStore store() {
        return new ApiStore(crud);
    }

    public void setPodSubresources(PodSubresources subresources) {
        this.podSubresources = subresources;
    }

    public void setNodeProxy(NodeProxy proxy) {
        this.nodeProxy = proxy;
    }

    public void setPodDeletionHold(PodDeletionHold hold) {
        this.deletionHold = hold;
    }

    public void setPodTermination(PodTermination termination) {
        gracefulDeletion.setTermination(termination);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        Queue<ServerResponse> expected = expectations.get(new SimpleRequest(HttpMethod.valueOf(request.getMethod()), request.getPath()));
        if (expected != null && !expected.isEmpty()) {
            // /version and / are registered by KubernetesMockServer.onStart() as expectations.
            return expectationDispatcher.dispatch(request);
        }
        ApiPath path = ApiPath.parse(request.getPath());
        java.util.regex.Matcher nodeProxy = NODE_PROXY.matcher(request.getPath());
        if (nodeProxy.matches() && "GET".equals(request.getMethod()) && this.nodeProxy != null) {
            MockResponse answer = this.nodeProxy.get(nodeProxy.group(1), nodeProxy.group(2));
            if (answer != null) {
                return answer;
            }
        }
        if (path == null && request.getPath().matches("^/apis?/.*/(nodes|pods|services)/[^/?]+/proxy(/.*)?$")) {
            return StatusResponses.toResponse(StatusResponses.notFound("proxy", request.getPath()));
        }
        try {
            if (path != null) {
                MockResponse special = route(request, path);
                if (special != null) {
                    return special;
                }
            }
            return crud.dispatch(request);
        } catch (AdmissionException e) {
            return StatusResponses.toResponse(e.status());
        }
    }

    /** A graceful delete of a pod whose kubelet never confirms termination: answered, never carried out. */
    private MockResponse heldDeletion(RecordedRequest request, ApiPath path) {
        io.fabric8.kubernetes.api.model.Pod pod = store().get("/api/v1/namespaces/" + path.namespace() + "/pods/" + path.name(),
                io.fabric8.kubernetes.api.model.Pod.class).orElse(null);
        String body = request.getUtf8Body();
        boolean force = "0".equals(path.queryValue("gracePeriodSeconds"))
                || body != null && body.replace(" ", "").contains("\"gracePeriodSeconds\":0");
        if (pod == null || force || pod.getSpec().getNodeName() == null || !deletionHold.holds(pod)) {
            return null;
        }
        long grace = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30 : pod.getSpec().getTerminationGracePeriodSeconds();
        pod.getMetadata().setDeletionTimestamp(java.time.Instant.now().plusSeconds(grace).toString());
        pod.getMetadata().setDeletionGracePeriodSeconds(grace);
        return new MockResponse().setResponseCode(200).setBody(io.fabric8.kubernetes.client.utils.Serialization.asJson(pod));
    }

    private MockResponse route(RecordedRequest request, ApiPath path) {
        String method = request.getMethod();
        if (path.name() != null && path.subresource() != null && !KNOWN_SUBRESOURCES.contains(path.subresource())) {
            // The CRUD store would answer an unknown subresource with a list of everything it holds.
            return StatusResponses.toResponse(StatusResponses.notFound(path.plural() + "/" + path.subresource(), path.name()));
        }
        if (path.is("", "pods") && path.name() != null && path.subresource() != null) {
            PodSubresources sub = podSubresources;
            if (sub != null && ("exec".equals(path.subresource()) || "attach".equals(path.subresource()))) {
                return sub.exec(path);
            }
            if (sub != null && "log".equals(path.subresource()) && "GET".equals(method)) {
                return sub.log(path);
            }
        }
        if (path.is("", "namespaces") && path.name() != null) {
            if ("DELETE".equals(method) && path.subresource() == null) {
                return NamespaceTermination.markTerminating(crud, path.name());
            }
            if ("PUT".equals(method) && "finalize".equals(path.subresource())) {
                return NamespaceTermination.finalizeNamespace(crud, path.name(), request.getUtf8Body());
            }
        }
        if ("DELETE".equals(method) && path.is("", "pods") && path.name() != null && path.subresource() == null
                && deletionHold != null) {
            MockResponse held = heldDeletion(request, path);
            if (held != null) {
                return held;
            }
        }
        if ("DELETE".equals(method) && path.is("", "pods") && path.name() != null && path.subresource() == null
                && gracefulPodDeletion) {
            return gracefulDeletion.delete(request, path);
        }
        if ("POST".equals(method) && path.name() == null) {
            return create(request, path);
        }
        String contentType = request.getHeader("Content-Type");
        if ("PATCH".equals(method) && contentType != null && contentType.startsWith("application/strategic-merge-patch+json")) {
            // The CRUD store refuses strategic merge (415). Apply it as a JSON merge patch: identical for maps
            // (labels, annotations, replicas, rollout restarts); lists are replaced instead of merged by key.
            return crud.handlePatch(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
                    request.getHeaders().newBuilder().set("Content-Type", "application/merge-patch+json").build(),
                    new Buffer(request.getBody().getBytes())));
        }
        if ("GET".equals(method)) {
            MockResponse events = EventsApiView.get(crud, path);
            return events != null ? events : FieldSelectors.list(crud, request.getPath(), path);
        }
        return null;
    }

    private MockResponse create(RecordedRequest request, ApiPath path) {
        String body = request.getUtf8Body();
        ObjectNode tree = (ObjectNode) Serialization.jsonMapper().readTree(body);
        ObjectNode metadata = tree.has("metadata") && tree.get("metadata").isObject()
                ? (ObjectNode) tree.get("metadata") : tree.putObject("metadata");
        JsonNode generateName = metadata.get("generateName");
        if ((!metadata.has("name") || metadata.get("name").asString().isEmpty()) && generateName != null) {
            metadata.put("name", generateName.asString() + names.suffix());
        }
        if (path.namespace() != null && !metadata.has("namespace")) {
            metadata.put("namespace", path.namespace());
        }
        if (path.namespace() != null && !path.is("", "events") && isTerminating(path.namespace())) {
            return StatusResponses.toResponse(StatusResponses.forbidden(path.plural(), metadata.path("name").asString(),
                    "unable to create new content in namespace " + path.namespace() + " because it is being terminated"));
        }
        String admitted;
        if (path.is("", "pods")) {
            admitted = Serialization.asJson(podAdmission.admit(Serialization.jsonMapper().treeToValue(tree, Pod.class)));
        } else if (path.is("", "services")) {
            admitted = Serialization.asJson(serviceAdmission.admit(Serialization.jsonMapper().treeToValue(tree, Service.class)));
        } else if (path.is("", "namespaces")) {
            Namespace ns = Serialization.jsonMapper().treeToValue(tree, Namespace.class);
            ns.setStatus(new io.fabric8.kubernetes.api.model.NamespaceStatus(null, "Active"));
            java.util.Map<String, String> labels = ns.getMetadata().getLabels() == null
                    ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(ns.getMetadata().getLabels());
            labels.put("kubernetes.io/metadata.name", ns.getMetadata().getName());
            ns.getMetadata().setLabels(labels);
            admitted = Serialization.asJson(ns);
        } else if (path.is("", "secrets")) {
            admitted = Serialization.asJson(SecretDefaulting.admit(Serialization.jsonMapper().treeToValue(tree,
                    io.fabric8.kubernetes.api.model.Secret.class)));
        } else {
            admitted = Serialization.jsonMapper().writeValueAsString(tree);
        }
        if ("All".equals(path.queryValue("dryRun"))) {
            return dryRunResponse(admitted);
        }
        return crud.handleCreate(rewrite(request, admitted));
    }

    private boolean isTerminating(String namespace) {
        return new ApiStore(crud).get("/api/v1/namespaces/" + namespace, Namespace.class)
                .map(ns -> ns.getMetadata().getDeletionTimestamp() != null).orElse(false);
    }

    /** Dry run: admitted and validated like a create, answered like one, never stored. */
    private static MockResponse dryRunResponse(String admitted) {
        HasMetadata object = Serialization.unmarshal(admitted);
        object.getMetadata().setUid(UUID.randomUUID().toString());
        object.getMetadata().setCreationTimestamp(Instant.now().toString());
        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(object));
    }

    static RecordedRequest rewrite(RecordedRequest original, String body) {
        return new RecordedRequest(original.getHttpVersion(), original.method(), original.getPath(), original.getHeaders(),
                new Buffer(body.getBytes(StandardCharsets.UTF_8)));
    }

    static RecordedRequest request(HttpMethod method, String path, String body, String contentType) {
        Headers headers = Headers.builder().add("Content-Type", contentType).build();
        return new RecordedRequest("HTTP/1.1", method, path, headers,
                new Buffer(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void shutdown() {
        gracefulDeletion.close();
        crud.shutdown();
    }

    @Override
    public void releaseResources() {
        crud.releaseResources();
    }
}
