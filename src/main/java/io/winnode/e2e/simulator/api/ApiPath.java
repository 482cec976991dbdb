package io.winnode.e2e.simulator.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request path split the way the API server routes it:
 * {@code /api/v1[/namespaces/NS]/PLURAL[/NAME[/SUBRESOURCE]]} or the {@code /apis/GROUP/VERSION/...} form,
 * plus the decoded query (repeated keys such as {@code command} keep every value).
 */
public record ApiPath(String group, String version, String namespace, String plural, String name,
                      String subresource, Map<String, List<String>> query) {

    private static final Pattern PATH = Pattern.compile(
            "^/(?:api/(?<coreVersion>v1)|apis/(?<group>[^/]+)/(?<version>[^/]+))"
                    + "(?:/namespaces/(?<ns>[^/]+)(?=/))?/(?<plural>[^/]+)(?:/(?<name>[^/]+))?(?:/(?<sub>[^/]+))?/?$");

    private static final java.util.Set<String> NAMESPACE_SUBRESOURCES = java.util.Set.of("finalize", "status");

    /** Null when the path is not a resource path (e.g. {@code /version}, discovery). */
    public static ApiPath parse(String rawPath) {
        int q = rawPath.indexOf('?');
        String path = q < 0 ? rawPath : rawPath.substring(0, q);
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String group = m.group("group") == null ? "" : m.group("group");
        String version = m.group("coreVersion") != null ? "v1" : m.group("version");
        Map<String, List<String>> query = parseQuery(q < 0 ? "" : rawPath.substring(q + 1));
        if (group.isEmpty() && m.group("ns") != null && m.group("name") == null
                && NAMESPACE_SUBRESOURCES.contains(m.group("plural"))) {
            // /api/v1/namespaces/NAME/finalize is the namespace's own subresource, not a namespaced "finalize" list.
            return new ApiPath(group, version, null, "namespaces", m.group("ns"), m.group("plural"), query);
        }
        return new ApiPath(group, version, m.group("ns"), m.group("plural"), m.group("name"), m.group("sub"), query);
    }

    private static Map<String, List<String>> parseQuery(String query) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        if (query.isEmpty()) {
            return result;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            result.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return result;
    }

    public boolean is(String group, String plural) {
        return this.group.equals(group) && this.plural.equals(plural);
    }

    public String queryValue(String key) {
        List<String> values = query.get(key);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public List<String> queryValues(String key) {
        return query.getOrDefault(key, List.of());
    }
}
