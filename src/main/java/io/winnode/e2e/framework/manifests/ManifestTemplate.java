package io.winnode.e2e.framework.manifests;

import io.winnode.e2e.foundation.files.ProjectFiles;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.os.OsFamily;

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
 *
 * <p>A template whose pod spec must differ per OS beyond what placeholders can say (a Windows
 * HostProcess security context, say) has OS variants beside it: {@code host-pod.linux.yaml} and
 * {@code host-pod.windows.yaml} stand for {@code host-pod.yaml}. Scenarios name the plain path
 * and get the variant of their side, so the difference lives in the manifests, not in test code.
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

    /**
     * Reads the template a pod of {@code os} uses: the variant {@code <name>.<os>.yaml} beside
     * {@code relativePath} when there is one, else {@code relativePath} itself.
     */
    public static ManifestTemplate load(String relativePath, OsFamily os) {
        String variant = variantPath(relativePath, os);
        if (ProjectFiles.exists("manifests/" + variant)) {
            return load(variant);
        }
        if (!ProjectFiles.exists("manifests/" + relativePath)) {
            throw new InvalidInputException("No manifest manifests/" + relativePath + " and no " + os.label()
                    + " variant manifests/" + variant + " (looked under " + ProjectFiles.home()
                    + " and in the winnode jar). Add one of them, or fix the name the scenario deploys.");
        }
        return load(relativePath);
    }

    /** {@code hostprocess/host-pod.yaml} -> {@code hostprocess/host-pod.windows.yaml}. */
    static String variantPath(String relativePath, OsFamily os) {
        String stem = relativePath.endsWith(".yaml") ? relativePath.substring(0, relativePath.length() - 5) : relativePath;
        return stem + "." + os.label() + ".yaml";
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
