package io.winnode.e2e.simulator.controlplane;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import io.winnode.e2e.simulator.controlplane.ClusterCertificates.KeyPairFiles;

/** An SSLContext that trusts only the cluster CA and presents one client certificate: the launcher's own health probes. */
final class ClientTls {

    private ClientTls() {
    }

    static SSLContext context(Path caCertificate, KeyPairFiles client) {
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            Certificate ca;
            Certificate cert;
            try (var in = Files.newInputStream(caCertificate)) {
                ca = x509.generateCertificate(in);
            }
            try (var in = Files.newInputStream(client.certificate())) {
                cert = x509.generateCertificate(in);
            }
            PrivateKey key;
            try (Reader r = Files.newBufferedReader(client.privateKey(), StandardCharsets.US_ASCII);
                 PEMParser pem = new PEMParser(r)) {
                key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) pem.readObject());
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            char[] password = "winnode".toCharArray();
            keys.setKeyEntry("client", key, password, new Certificate[] {cert, ca});
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not build the TLS context of the launcher's probes", e);
        }
    }
}
