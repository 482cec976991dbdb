package io.winnode.e2e.simulator.controlplane;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

import io.winnode.e2e.simulator.controlplane.ClusterCertificates.KeyPairFiles;

/**
 * A self-contained kubeconfig: one cluster, one user authenticating with an x509 client certificate, one context.
 * Everything is embedded as base64 {@code *-data} fields (kubernetes/website
 * content/en/docs/reference/config-api/kubeconfig.v1.md), so the text works wherever it is copied to, and the
 * components and fabric8's {@code Config.fromKubeconfig} read the same thing.
 *
 * <p>An ECDSA client key is embedded as SEC1 ("BEGIN EC PRIVATE KEY", RFC 5915, with the curve's OID), not as the
 * PKCS#8 of the key file: fabric8 8.0.0 picks the key algorithm from the PEM label alone ({@code Config} looks for
 * "BEGIN EC PRIVATE KEY", anything else is tried as RSA by {@code CertUtils.loadKey}, which fails with "Invalid DER:
 * object is not integer" on a PKCS#8 EC key), and its SEC1 parser requires the curve parameters
 * ({@code PKCS1Util.getECKeySpec}). Go's client-go reads both forms (k8s.io/client-go util/keyutil ParsePrivateKeyPEM).
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
                + "    client-key-data: " + base64(keyPem(client.privateKey()).getBytes(StandardCharsets.US_ASCII)) + "\n"
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
            return base64(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The key file's PEM, with a PKCS#8 EC key rewritten as SEC1 including the curve OID (see the class comment). */
    static String keyPem(Path pkcs8Pem) {
        try (Reader r = Files.newBufferedReader(pkcs8Pem, StandardCharsets.US_ASCII); PEMParser parser = new PEMParser(r)) {
            Object parsed = parser.readObject();
            if (!(parsed instanceof PrivateKeyInfo info)
                    || !X9ObjectIdentifiers.id_ecPublicKey.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                return Files.readString(pkcs8Pem, StandardCharsets.US_ASCII);
            }
            ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
            BigInteger d = ECPrivateKey.getInstance(info.parsePrivateKey()).getKey();
            int orderBits = ECNamedCurveTable.getByOID(ASN1ObjectIdentifier.getInstance(curve)).getN().bitLength();
            ECPrivateKey sec1 = new ECPrivateKey(orderBits, d, curve);
            StringWriter out = new StringWriter();
            try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the private key " + pkcs8Pem, e);
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
