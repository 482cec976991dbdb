package io.winnode.e2e.simulator.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import io.winnode.e2e.simulator.controlplane.ClusterCertificates.KeyPairFiles;

/**
 * A self-contained kubeconfig: one cluster, one user authenticating with an x509 client certificate, one context.
 * Everything is embedded as base64 {@code *-data} fields (kubernetes/website
 * content/en/docs/reference/config-api/kubeconfig.v1.md), so the text works wherever it is copied to, and the
 * components and fabric8's {@code Config.fromKubeconfig} read the same thing.
 */
final class Kubeconfig {

    private Kubeconfig() {
    }

    static String yaml(String serverUrl, Path caCertificate, KeyPairFiles client, String userName) {
        return "apiVersion: v1\n"
                + "kind: Config\n"
                + "clusters:\n"
                + "- name: winnode\n"
                + "  cluster:\n"
                + "    server: " + serverUrl + "\n"
                + "    certificate-authority-data: " + base64(caCertificate) + "\n"
                + "users:\n"
                + "- name: " + quote(userName) + "\n"
                + "  user:\n"
                + "    client-certificate-data: " + base64(client.certificate()) + "\n"
                + "    client-key-data: " + base64(client.privateKey()) + "\n"
                + "contexts:\n"
                + "- name: winnode\n"
                + "  context:\n"
                + "    cluster: winnode\n"
                + "    user: " + quote(userName) + "\n"
                + "current-context: winnode\n";
    }

    /** User names contain ':' (system:node:x), which YAML would otherwise read as a mapping. */
    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String base64(Path file) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a kubeconfig with mode 0600, since it embeds a private key. */
    static Path write(Path file, String yaml) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
