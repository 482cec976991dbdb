package io.winnode.e2e.simulator.faults;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.JacksonException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Line numbers of a YAML document by JSON pointer ({@code /faults/0/select}). Jackson reports no
 * location for errors inside records (they are buffered before construction), so a fault file's
 * error is located through the error's path instead.
 */
final class YamlLines {

    private final Map<String, Integer> lines = new HashMap<>();

    YamlLines(String yaml) {
        try (JsonParser p = YAMLMapper.builder().build().createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String pointer = p.streamReadContext().pathAsPointer().toString();
                if (t == JsonToken.PROPERTY_NAME) {
                    pointer = pointer.isEmpty() ? "/" + p.currentName() : pointer;
                }
                lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
            }
        } catch (JacksonException e) {
            // A syntax error: Jackson locates those itself.
        }
    }

    /** The line of the deepest element of {@code path} that the document has; -1 if none. */
    int lineOf(List<JacksonException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        int best = lines.getOrDefault("", -1);
        for (JacksonException.Reference r : path) {
            pointer.append('/').append(r.getPropertyName() != null ? r.getPropertyName() : String.valueOf(r.getIndex()));
            Integer line = lines.get(pointer.toString());
            if (line != null) {
                best = line;
            }
        }
        return best;
    }
}
