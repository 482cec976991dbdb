package io.winnode.e2e.framework.report;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class RedactorTest {

    /** A redactor of its own, not the run's, which other tests in this JVM feed. */
    private final Redactor redactor = new Redactor();

    private static final String JWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50In0.c2lnbmF0dXJlLWJ5dGVz";

    @Test
    void anythingShapedLikeAJwtOrAPemPrivateKeyIsMaskedWhoeverItBelongsTo() {
        String log = "Authorization: Bearer " + JWT + " accepted\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAA\n-----END RSA PRIVATE KEY-----\ndone";

        assertThat(redactor.scrub(log)).isEqualTo("Authorization: Bearer [REDACTED] accepted\n[REDACTED]\ndone");
    }

    @Test
    void theKubeconfigsTokenAndClientKeyAreMaskedInEveryFormTheyAreWritten() throws Exception {
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.generateKeyPair().getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        String keyData = Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
        Config config = new ConfigBuilder(Config.empty()).withOauthToken("opaque-static-token-0123456789")
                .withAutoOAuthToken("kubeconfig-user-token-0123456789").withClientKeyData(keyData).build();

        redactor.rememberCredentials(config);

        String firstBodyLine = body.lines().findFirst().orElseThrow();
        assertThat(redactor.scrub("token opaque-static-token-0123456789")).isEqualTo("token [REDACTED]");
        assertThat(redactor.scrub("token kubeconfig-user-token-0123456789")).isEqualTo("token [REDACTED]");
        assertThat(redactor.scrub("client-key-data: " + keyData)).isEqualTo("client-key-data: [REDACTED]");
        assertThat(redactor.scrub("a line of it: " + firstBodyLine)).isEqualTo("a line of it: [REDACTED]");
        assertThat(redactor.scrub("one line: " + body.replace("\n", ""))).isEqualTo("one line: [REDACTED]");
    }

    @Test
    void aSecretsDataIsMaskedDecodedAndBase64ButShortValuesAreNot() {
        redactor.rememberSecret(new SecretBuilder().withNewMetadata().withName("s").endMetadata()
                .addToStringData("password", "s3cr3t-value").addToStringData("enabled", "true")
                .addToData("api-key", Base64.getEncoder().encodeToString("k-1234567890".getBytes(StandardCharsets.UTF_8)))
                .build());

        assertThat(redactor.scrub("read s3cr3t-value from /etc/secret/password")).isEqualTo("read [REDACTED] from /etc/secret/password");
        assertThat(redactor.scrub("password: czNjcjN0LXZhbHVl")).isEqualTo("password: [REDACTED]");
        assertThat(redactor.scrub("key k-1234567890")).isEqualTo("key [REDACTED]");
        assertThat(redactor.scrub("enabled: true")).as("'true' would mask every true in every log").isEqualTo("enabled: true");
    }
}
