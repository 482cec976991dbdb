package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes core/v1 Events the way client-go's recorder does: one Event per (object, reason, message,
 * source); a repeat bumps {@code count} and {@code lastTimestamp} instead of creating a new one.
 * Events go into the object's namespace ({@code default} for cluster-scoped objects such as Nodes).
 * A repeat is a merge patch, not a read-modify-write: the Node authorizer lets a kubelet create and
 * patch events but not read them (bootstrappolicy NodeRules, kubernetes/kubernetes
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go).
 */
public final class EventRecorder {

    private record Key(String uid, String reason, String message, String component) {
    }

    private record Recorded(String namespace, String name, int count) {
    }

    private final KubernetesClient client;
    private final Map<Key, Recorded> recorded = new ConcurrentHashMap<>();

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    public void normal(HasMetadata object, String reason, String message, String component, String host) {
        record(object, "Normal", reason, message, component, host, null);
    }

    public void warning(HasMetadata object, String reason, String message, String component, String host) {
        record(object, "Warning", reason, message, component, host, null);
    }

    /** {@code fieldPath} points at a container, e.g. {@code spec.containers{app}}, as kubelet events do. */
    public void record(HasMetadata object, String type, String reason, String message, String component, String host,
                       String fieldPath) {
        String ns = object.getMetadata().getNamespace() == null ? "default" : object.getMetadata().getNamespace();
        String now = Instant.now().toString();
        Key key = new Key(object.getMetadata().getUid() + "/" + fieldPath, reason, message, component);
        try {
            Recorded previous = recorded.get(key);
            if (previous != null) {
                int count = previous.count() + 1;
                Event updated = client.v1().events().inNamespace(previous.namespace()).withName(previous.name())
                        .patch(PatchContext.of(PatchType.JSON_MERGE),
                                "{\"count\":" + count + ",\"lastTimestamp\":\"" + now + "\"}");
                if (updated != null) {
                    recorded.put(key, new Recorded(previous.namespace(), previous.name(), count));
                    return;
                }
            }
            String name = object.getMetadata().getName() + "." + Long.toHexString(System.nanoTime());
            Event event = new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder().withKind(object.getKind())
                            .withApiVersion(object.getApiVersion()).withName(object.getMetadata().getName())
                            .withNamespace(object.getMetadata().getNamespace()).withUid(object.getMetadata().getUid())
                            .withResourceVersion(object.getMetadata().getResourceVersion()).withFieldPath(fieldPath).build())
                    .withReason(reason).withMessage(message).withType(type).withCount(1)
                    .withFirstTimestamp(now).withLastTimestamp(now)
                    .withNewSource().withComponent(component).withHost(host).endSource()
                    .withReportingComponent(component).withReportingInstance(host == null ? "" : host)
                    .build();
            client.v1().events().inNamespace(ns).resource(event).create();
            recorded.put(key, new Recorded(ns, name, 1));
        } catch (RuntimeException e) {
            // An event that cannot be written (namespace being deleted, server stopping) is dropped, as client-go does.
        }
    }
}
