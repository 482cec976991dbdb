package io.winnode.e2e.simulator.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.winnode.e2e.simulator.controlplane.ClusterCertificates.KeyPairFiles;

class ClusterCertificatesTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    static Path dir;
    static ClusterCertificates certs;
    static long generationMillis;

    @BeforeAll
    static void generate() {
        long t0 = System.nanoTime();
        certs = ClusterCertificates.generate(dir, "172.18.0.2", List.of("win-1", "linux-1"));
        generationMillis = (System.nanoTime() - t0) / 1_000_000;
    }

    @Test
    void apiServerServingCertificateNamesEveryAddressClientsUse() throws Exception {
        X509Certificate cert = read(certs.apiServerServing().certificate());
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (List<?> san : cert.getSubjectAlternativeNames()) {
            ((Integer) san.get(0) == 2 ? dns : ips).add((String) san.get(1));
        }
        assertThat(dns).containsExactlyInAnyOrder("localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local");
        assertThat(ips).containsExactlyInAnyOrder("127.0.0.1", "10.96.0.1", "172.18.0.2");
        assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertSignedByCa(cert);
    }

    @Test
    void clientCertificatesCarryUserAsCommonNameAndGroupsAsOrganizations() throws Exception {
        assertSubject(certs.admin(), "kubernetes-admin", List.of("system:masters"));
        assertSubject(certs.client("system:node:win-1"), "system:node:win-1", List.of("system:nodes"));
        assertSubject(certs.client("system:node:linux-1"), "system:node:linux-1", List.of("system:nodes"));
        assertSubject(certs.client("system:kube-scheduler"), "system:kube-scheduler", List.of());
        assertSubject(certs.client("system:kube-controller-manager"), "system:kube-controller-manager", List.of());
        assertSubject(certs.client("system:kube-proxy"), "system:kube-proxy", List.of());
        assertSubject(certs.apiServerKubeletClient(), "kube-apiserver-kubelet-client", List.of());
        assertThatThrownBy(() -> certs.client("system:node:unknown")).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The API-server proxy's certificate comes from a CA of its own: from the cluster CA it would also authenticate as
     * a user of its own when it forwards a bearer token's request without X-Remote-User.
     */
    @Test
    void theFrontProxyClientHasACaOfItsOwn() throws Exception {
        X509Certificate client = read(certs.frontProxy().client().certificate());
        X509Certificate frontProxyCa = read(certs.frontProxy().caCertificate());

        assertSubjectCn(client, ClusterCertificates.FRONT_PROXY_CLIENT);
        client.verify(frontProxyCa.getPublicKey());
        assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThatThrownBy(() -> assertSignedByCa(client)).as("not signed by the cluster CA")
                .isInstanceOf(java.security.SignatureException.class);
    }

    @Test
    void keyUsagesFitEachRole() throws Exception {
        X509Certificate ca = read(certs.caCertificate());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0); // a CA
        boolean[] caUsage = ca.getKeyUsage();
        assertThat(caUsage[5]).as("keyCertSign").isTrue();
        X509Certificate admin = read(certs.admin().certificate());
        assertThat(admin.getBasicConstraints()).isEqualTo(-1); // not a CA
        assertThat(admin.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(admin.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(admin.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        X509Certificate kubelet = read(certs.kubeletServing("win-1").certificate());
        assertThat(kubelet.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        List<Object> kubeletSans = new ArrayList<>();
        kubelet.getSubjectAlternativeNames().forEach(san -> kubeletSans.add(san.get(1)));
        assertThat(kubeletSans).containsExactlyInAnyOrder("localhost", "127.0.0.1");
        assertSubjectCn(kubelet, "system:node:win-1");
        assertSignedByCa(kubelet);
        assertThat(admin.getNotAfter().getTime() - System.currentTimeMillis())
                .as("valid for years").isGreaterThan(365L * 24 * 3600 * 1000);
    }

    @Test
    void keysArePkcs8AndPrivateToTheUser() throws Exception {
        for (Path key : List.of(certs.admin().privateKey(), certs.apiServerServing().privateKey(),
                certs.serviceAccountKeys().privateKey(), dir.resolve("ca.key"))) {
            assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
        assertThat(KeyFactory.getInstance("EC").generatePrivate(pkcs8(certs.admin().privateKey())))
                .isInstanceOf(ECPrivateKey.class);
        // The service-account key signs RS256 tokens: RSA, 2048 bits.
        RSAPrivateKey sa = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(pkcs8(certs.serviceAccountKeys().privateKey()));
        assertThat(sa.getModulus().bitLength()).isEqualTo(2048);
        assertThat(Files.readString(certs.serviceAccountKeys().certificate())).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void generationIsCheap() throws Exception {
        // Measured in CPU time of the whole JVM, not wall time, so that a busy machine (the fault proof runs five JVMs
        // on two cores) does not fail it; and on a second generation, past class loading. ~12 certificates and an
        // RSA-2048 key take about 0.2 s of CPU; 2 s means something went badly wrong (RSA for every certificate, say).
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        ClusterCertificates.generate(dir.resolve("again"), "172.18.0.3", List.of("win-1", "linux-1"));
        long cpuMillis = (os.getProcessCpuTime() - cpu0) / 1_000_000;
        System.err.println("certificates: first generation " + generationMillis + " ms wall, second " + cpuMillis + " ms CPU");
        assertThat(cpuMillis).isLessThan(2000);
    }

    private static void assertSubject(KeyPairFiles files, String cn, List<String> organizations) throws Exception {
        X509Certificate cert = read(files.certificate());
        List<String> cns = new ArrayList<>();
        List<String> os = new ArrayList<>();
        for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
            if (rdn.getType().equalsIgnoreCase("CN")) {
                cns.add(rdn.getValue().toString());
            } else if (rdn.getType().equalsIgnoreCase("O")) {
                os.add(rdn.getValue().toString());
            }
        }
        assertThat(cns).containsExactly(cn);
        assertThat(os).containsExactlyInAnyOrderElementsOf(organizations);
        assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertSignedByCa(cert);
    }

    private static void assertSubjectCn(X509Certificate cert, String cn) throws Exception {
        assertThat(new LdapName(cert.getSubjectX500Principal().getName()).getRdns())
                .filteredOn(rdn -> rdn.getType().equalsIgnoreCase("CN")).extracting(rdn -> rdn.getValue().toString())
                .containsExactly(cn);
    }

    private static void assertSignedByCa(X509Certificate cert) throws Exception {
        X509Certificate ca = read(certs.caCertificate());
        cert.verify(ca.getPublicKey()); // throws if not signed by the CA
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in);
            assertThat(all).hasSize(1);
            return (X509Certificate) all.iterator().next();
        }
    }

    private static PKCS8EncodedKeySpec pkcs8(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
    }
}
