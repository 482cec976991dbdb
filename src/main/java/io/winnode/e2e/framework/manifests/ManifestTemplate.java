package io.winnode.e2e.framework.manifests;

import io.winnode.e2e.framework.config.InvalidInputException;
import io.winnode.e2e.framework.config.ProjectFiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workload YAML template under {@code manifests/}, with {@code ${NAME}} placeholders.
 * Rendering fails loudly on a placeholder nobody filled, so a typo never reaches the cluster.
 */
public final class ManifestTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private final String path;
    private final String text;

    private ManifestTemplate(String path, String text) {
        this.path = path;
        this.text = text;
    }

    /** Reads {@code manifests/<relativePath>}. */
    public static ManifestTemplate load(String relativePath) {
        String path = "manifests/" + relativePath;
        try (InputStream in = ProjectFiles.open(path)) {
            return new ManifestTemplate(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InvalidInputException("Cannot read manifest " + path + ": " + e.getMessage(), e);
        }
    }

    public String path() {
        return path;
    }

    /** Fills every placeholder; values are inserted as YAML-quoted-safe plain text. */
    public String render(Map<String, String> values) {
        var missing = new TreeSet<String>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        var out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                missing.add(matcher.group(1));
                value = matcher.group(0);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        if (!missing.isEmpty()) {
            throw new InvalidInputException("Manifest " + path + " uses " + missing
                    + " but no value was given for them. Pass them when deploying it.");
        }
        return out.toString();
    }

}
