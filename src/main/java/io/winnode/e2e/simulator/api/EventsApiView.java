package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code events.k8s.io/v1} reads of the core/v1 Events: the real API server stores Events once and
 * serves both versions (regarding = involvedObject, note = message, reportingController =
 * reportingComponent, deprecatedCount/First/LastTimestamp). List and get only; field selectors are
 * matched against the events.k8s.io field names (e.g. {@code regarding.name}, {@code reason}).
 */
final class EventsApiView {

    private EventsApiView() {
    }

    static MockResponse get(KubernetesCrudDispatcher crud, ApiPath path) {
        if (!"events.k8s.io".equals(path.group()) || !"events".equals(path.plural()) || path.subresource() != null
                || "true".equals(path.queryValue("watch"))) {
            return null;
        }
        String core = "/api/v1" + (path.namespace() == null ? "" : "/namespaces/" + path.namespace()) + "/events"
                + (path.name() == null ? "" : "/" + path.name());
        MockResponse response = crud.handleGet(core);
        if (response.code() != 200) {
            return response;
        }
        String body = ApiStore.body(response);
        if (path.name() != null) {
            return json(Serialization.asJson(convert(Serialization.unmarshal(body, Event.class))));
        }
        List<io.fabric8.kubernetes.api.model.events.v1.Event> items = new ArrayList<>();
        for (JsonNode item : Serialization.jsonMapper().readTree(body).path("items")) {
            io.fabric8.kubernetes.api.model.events.v1.Event converted = convert(Serialization.jsonMapper().treeToValue(item, Event.class));
            if (matches(converted, path.queryValue("fieldSelector"))) {
                items.add(converted);
            }
        }
        return json(Serialization.asJson(Map.of("apiVersion", "events.k8s.io/v1", "kind", "EventList",
                "metadata", Map.of(), "items", items)));
    }

    private static MockResponse json(String body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
    }

    static io.fabric8.kubernetes.api.model.events.v1.Event convert(Event e) {
        io.fabric8.kubernetes.api.model.events.v1.Event v = new io.fabric8.kubernetes.api.model.events.v1.Event();
        v.setApiVersion("events.k8s.io/v1");
        v.setKind("Event");
        v.setMetadata(e.getMetadata());
        v.setRegarding(e.getInvolvedObject());
        v.setNote(e.getMessage());
        v.setReason(e.getReason());
        v.setType(e.getType());
        v.setReportingController(e.getReportingComponent() != null ? e.getReportingComponent()
                : e.getSource() == null ? null : e.getSource().getComponent());
        v.setReportingInstance(e.getReportingInstance());
        v.setDeprecatedCount(e.getCount());
        v.setDeprecatedFirstTimestamp(e.getFirstTimestamp());
        v.setDeprecatedLastTimestamp(e.getLastTimestamp());
        v.setDeprecatedSource(e.getSource());
        v.setEventTime(new MicroTime(e.getFirstTimestamp()));
        return v;
    }

    private static boolean matches(io.fabric8.kubernetes.api.model.events.v1.Event event, String selector) {
        if (selector == null || selector.isBlank()) {
            return true;
        }
        JsonNode tree = Serialization.jsonMapper().valueToTree(event);
        for (String requirement : selector.split(",")) {
            boolean negate = requirement.contains("!=");
            String[] kv = requirement.split(negate ? "!=" : "==?", 2);
            JsonNode node = tree;
            for (String part : kv[0].strip().split("\\.")) {
                node = node.path(part);
            }
            String actual = node.isMissingNode() || node.isNull() ? "" : node.asString();
            if (negate == actual.equals(kv.length > 1 ? kv[1] : "")) {
                return false;
            }
        }
        return true;
    }
}
