package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Field selectors the real API server supports beyond {@code metadata.name}/{@code metadata.namespace}
 * for the kinds the suite filters: pods ({@code spec.nodeName}, {@code status.phase}, ...) and events
 * ({@code involvedObject.*}, {@code reason}, {@code type}, ...). The CRUD store only indexes name and
 * namespace, so on a list (not a watch) these are applied here; any other field on these kinds is
 * refused with 400 {@code field label not supported}, as the API server does.
 */
final class FieldSelectors {

    private static final Map<String, Set<String>> SUPPORTED = Map.of(
            "pods", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
            "events", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                    "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
                    "reportingComponent", "source", "type"));
    private static final Set<String> NATIVE = Set.of("metadata.name", "metadata.namespace");

    private record Requirement(String field, String value, boolean equals) {
        String text() {
            return field + (equals ? "=" : "!=") + value;
        }
    }

    private FieldSelectors() {
    }

    /** Null when the CRUD store can answer the request itself. */
    static MockResponse list(KubernetesCrudDispatcher crud, String rawPath, ApiPath path) {
        String selector = path.queryValue("fieldSelector");
        if (selector == null || selector.isEmpty() || path.name() != null || "true".equals(path.queryValue("watch"))
                || !path.group().isEmpty() || !SUPPORTED.containsKey(path.plural())) {
            return null;
        }
        List<Requirement> requirements = parse(selector);
        List<Requirement> extended = requirements.stream().filter(r -> !NATIVE.contains(r.field())).toList();
        if (extended.isEmpty()) {
            return null;
        }
        for (Requirement r : extended) {
            if (!SUPPORTED.get(path.plural()).contains(r.field())) {
                return StatusResponses.toResponse(StatusResponses.badRequest("field label not supported: " + r.field()));
            }
        }
        String nativeSelector = requirements.stream().filter(r -> NATIVE.contains(r.field())).map(Requirement::text)
                .collect(Collectors.joining(","));
        MockResponse all = crud.handleGet(withSelector(rawPath, nativeSelector));
        if (all.code() != 200) {
            return all;
        }
        ObjectNode list = (ObjectNode) Serialization.jsonMapper().readTree(ApiStore.body(all));
        ArrayNode kept = list.putArray("kept");
        for (JsonNode item : list.path("items")) {
            if (extended.stream().allMatch(r -> matches(item, r))) {
                kept.add(item);
            }
        }
        list.set("items", kept);
        list.remove("kept");
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(Serialization.jsonMapper().writeValueAsString(list));
    }

    private static boolean matches(JsonNode item, Requirement r) {
        JsonNode node = item;
        String field = r.field().equals("source") ? "source.component" : r.field();
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        String actual = node.isMissingNode() || node.isNull() ? "" : node.asString();
        return r.equals() == actual.equals(r.value());
    }

    private static List<Requirement> parse(String selector) {
        List<Requirement> result = new ArrayList<>();
        for (String part : selector.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int ne = p.indexOf("!=");
            if (ne > 0) {
                result.add(new Requirement(p.substring(0, ne), p.substring(ne + 2), false));
            } else {
                String[] kv = p.split("==?", 2);
                result.add(new Requirement(kv[0], kv.length > 1 ? kv[1] : "", true));
            }
        }
        return result;
    }

    private static String withSelector(String rawPath, String nativeSelector) {
        int q = rawPath.indexOf('?');
        String base = q < 0 ? rawPath : rawPath.substring(0, q);
        List<String> params = new ArrayList<>();
        if (q >= 0) {
            for (String pair : rawPath.substring(q + 1).split("&")) {
                if (!pair.startsWith("fieldSelector=")) {
                    params.add(pair);
                }
            }
        }
        if (!nativeSelector.isEmpty()) {
            params.add("fieldSelector=" + URLEncoder.encode(nativeSelector, StandardCharsets.UTF_8));
        }
        return params.isEmpty() ? base : base + "?" + String.join("&", params);
    }
}
