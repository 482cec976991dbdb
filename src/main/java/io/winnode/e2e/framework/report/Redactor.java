package io.winnode.e2e.framework.report;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials and Secret data in whatever the run writes (attachments, $ARTIFACTS evidence,
 * Allure results, JUnit XML, the parity matrix): a failed test's logs, pod descriptions and
 * messages may echo them, and those files are published by CI (testgrid artifacts are public).
 * What it masks:
 * <ul>
 *   <li>the credentials of the kubeconfig in use, as written in it (a bearer token, a client key's
 *       base64, its PEM text and the PEM body), remembered when the run connects;</li>
 *   <li>the data of every Secret the suite creates, decoded and base64, remembered when it is rendered;</li>
 *   <li>anything shaped like a JWT (every Kubernetes service-account token is one, RFC 7519 compact
 *       form: base64url of a JSON header, which starts {@code eyJ}, a payload and a signature) or a
 *       PEM private key block (RFC 7468), whoever's it is.</li>
 * </ul>
 * One per JVM, like the run it serves ({@code ParityLedger}); safe for concurrent test classes.
 */
public final class Redactor {

    /** What a masked value is replaced with. */
    public static final String MASK = "[REDACTED]";

    private static final Redactor RUN = new Redactor();

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    private static final Pattern PEM_PRIVATE_KEY = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----.*?-----END \\1PRIVATE KEY-----", Pattern.DOTALL);
    /**
     * Shorter values are not masked: a Secret value such as {@code true} or {@code 1} would otherwise
     * mask every occurrence of that word in every log. Real credentials are far longer.
     */
    private static final int SHORTEST_MASKED = 6;

    private final Set<String> literals = ConcurrentHashMap.newKeySet();

    /** One of its own; the run uses {@link #run()}. */
    Redactor() {
    }

    /** The redactor of the run in this JVM. */
    public static Redactor run() {
        return RUN;
    }

    /** Masks {@code value} wherever it appears from now on. */
    public void remember(String value) {
        if (value != null && value.strip().length() >= SHORTEST_MASKED) {
            literals.add(value.strip());
        }
    }

    /** Remembers the credentials a kubeconfig (or in-cluster configuration) authenticates with. */
    public void rememberCredentials(Config config) {
        remember(config.getOauthToken());
        // fabric8 keeps a kubeconfig's (or the in-cluster service account's) token apart from one set in code.
        remember(config.getAutoOAuthToken());
        remember(config.getPassword());
        remember(config.getClientKeyPassphrase());
        if (config.getClientKeyData() != null) {
            rememberEncoded(config.getClientKeyData());
        }
        if (config.getClientKeyFile() != null) {
            try {
                rememberPem(Files.readString(Path.of(config.getClientKeyFile()), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The client could not authenticate with an unreadable key either; nothing of it can leak.
            }
        }
    }

    /** Remembers a Secret's values: {@code data} both base64 (as the API shows it) and decoded, and {@code stringData}. */
    public void rememberSecret(Secret secret) {
        valuesOf(secret.getData()).forEach(this::rememberEncoded);
        valuesOf(secret.getStringData()).forEach(value -> {
            remember(value);
            remember(Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
        });
    }

    /** {@code text} with every remembered value, JWT and PEM private key replaced by {@link #MASK}. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String scrubbed = PEM_PRIVATE_KEY.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
        scrubbed = JWT.matcher(scrubbed).replaceAll(Matcher.quoteReplacement(MASK));
        // Longest first, so a value that contains another is masked whole.
        List<String> values = literals.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String value : values) {
            scrubbed = scrubbed.replace(value, MASK);
        }
        return scrubbed;
    }

    private void rememberEncoded(String base64) {
        remember(base64);
        try {
            String decoded = new String(Base64.getMimeDecoder().decode(base64.strip()), StandardCharsets.UTF_8);
            remember(decoded);
            rememberPem(decoded);
        } catch (IllegalArgumentException e) {
            // Not base64 after all: the value as written is remembered, which is all that can appear.
        }
    }

    /** A PEM's text and its body (the base64 of the key's DER), whole and line by line. */
    private void rememberPem(String pem) {
        if (!pem.contains("-----BEGIN")) {
            return;
        }
        remember(pem);
        List<String> body = pem.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("-----")).toList();
        remember(String.join("", body));
        remember(String.join("\n", body));
        body.forEach(this::remember);
    }

    private static Iterable<String> valuesOf(Map<String, String> map) {
        return map == null ? List.of() : map.values().stream().filter(v -> v != null).toList();
    }
}
