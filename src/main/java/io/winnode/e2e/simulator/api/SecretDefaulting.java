package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The API server's Secret conversion: {@code stringData} is write-only and merged into
 * {@code data} (base64), overriding keys of the same name; {@code type} defaults to Opaque.
 */
final class SecretDefaulting {

    private SecretDefaulting() {
    }

    static Secret admit(Secret secret) {
        if (secret.getStringData() != null && !secret.getStringData().isEmpty()) {
            Map<String, String> data = secret.getData() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(secret.getData());
            secret.getStringData().forEach((k, v) -> data.put(k,
                    Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
            secret.setData(data);
            secret.setStringData(null);
        }
        if (secret.getType() == null) {
            secret.setType("Opaque");
        }
        return secret;
    }
}
