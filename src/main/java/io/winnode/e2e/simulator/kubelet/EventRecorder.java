package io.winnode.e2e.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes core/v1 Events the way client-go's recorder does: one Event per (object, reason, message,
 * source); a repeat bumps {@code count} and {@code lastTimestamp} instead of creating a new one.
 * Events go into the object's namespace ({@code default} for cluster-scoped objects such as Nodes).
 * A repeat updates the event as the API server last returned it, without reading it first: the
 * Node authorizer lets a kubelet create, update and patch events but not read them (bootstrappolicy
 * NodeRules, kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go), and
 * fabric8's patch reads the object before patching it.
 */
public final class EventRecorder {

    private record Key(String uid, String reason, String message, String component) {
    }

    /** The event as the API server last returned it: its resourceVersion makes the next update a plain PUT. */
    private record Recorded(Event event) {
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
                Event repeat = new EventBuilder(previous.event()).withCount(previous.event().getCount() + 1)
                        .withLastTimestamp(now).build();
                Event updated = client.v1().events().inNamespace(repeat.getMetadata().getNamespace()).resource(repeat).update();
                recorded.put(key, new Recorded(updated));
                return;
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
            recorded.put(key, new Recorded(client.v1().events().inNamespace(ns).resource(event).create()));
        } catch (RuntimeException e) {
            // An event that cannot be written (namespace being deleted, server stopping) is dropped, as client-go does.
        }
    }
}
