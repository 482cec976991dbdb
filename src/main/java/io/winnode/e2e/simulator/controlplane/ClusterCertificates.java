package io.winnode.e2e.simulator.controlplane;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * The PKI of one throwaway cluster, written as PEM files into one directory: a CA, the API server's
 * serving certificate, a client certificate per identity, the service-account signing key pair and a
 * serving certificate per simulated kubelet.
 *
 * <p>Certificates are what kubeadm's would be in content, not in form (kubernetes/website
 * content/en/docs/setup/best-practices/certificates.md lists the CN and O of each): the API server
 * authenticates an x509 client by CN = user and O = groups (--client-ca-file, kubernetes/website
 * access-authn-authz/authentication.md "X509 client certificates"). envtest and kube-api-test generate a
 * CA and serving certificate the same way (reference real-control-plane.md §2.1).
 *
 * <p>TLS keys are ECDSA P-256: generating one takes about a millisecond where RSA 2048 takes tens to
 * hundreds, and Go's crypto/tls, the JDK's JSSE and Netty all accept P-256 with SHA256withECDSA. The
 * service-account key is RSA 2048 because the API server signs tokens with RS256 unless told otherwise
 * (k8s.io/kubernetes pkg/serviceaccount/jwt.go signerFromRSAPrivateKey; ES256 works too, but RS256 is
 * what every real cluster uses). Keys are PKCS#8 ("BEGIN PRIVATE KEY"), which Go's
 * keyutil.ParsePrivateKeyPEM, the JDK and fabric8's CertUtils all read; files holding keys are mode 0600.
 * Validity is ten years, backdated an hour against clock skew between JVM and Go children.
 */
public final class ClusterCertificates {

    /** Group of cluster administrators, bound to cluster-admin by the bootstrap RBAC policy. */
    public static final String MASTERS_GROUP = "system:masters";
    /** Group of kubelets, which the Node authorizer and NodeRestriction act on. */
    public static final String NODES_GROUP = "system:nodes";

    /** The in-cluster names of the API server, as kubeadm puts them into its serving certificate. */
    static final List<String> API_SERVER_DNS_NAMES = List.of("localhost", "kubernetes", "kubernetes.default",
            "kubernetes.default.svc", "kubernetes.default.svc.cluster.local");
    /** Loopback, where clients dial it, and the first address of 10.96.0.0/12, the ClusterIP of Service "kubernetes". */
    static final List<String> API_SERVER_IPS = List.of("127.0.0.1", "10.96.0.1");

    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final Pattern SAFE_FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]");

    /** A certificate and its private key, as files. */
    public record KeyPairFiles(Path certificate, Path privateKey) {}

    /** A client identity: the API server takes CN as the user name and each O as a group. */
    public record Identity(String commonName, List<String> organizations) {
        public Identity {
            organizations = List.copyOf(organizations);
        }
    }

    private final Path directory;
    private final Path caCertificate;
    private final KeyPairFiles apiServerServing;
    private final Map<String, KeyPairFiles> clients;
    private final Map<String, KeyPairFiles> kubeletServing;
    private final KeyPairFiles serviceAccountKeys;
    private final FrontProxy frontProxy;

    /**
     * The authenticating proxy's trust (kubernetes.io "Configure the aggregation layer", kubeadm's front-proxy-ca):
     * a CA of its own, because kube-apiserver authenticates with the request-header authenticator before the x509
     * one; a front-proxy certificate from the cluster CA would also be a user of its own when it forwards a request
     * without X-Remote-User (a bearer token's).
     *
     * @param caCertificate {@code --requestheader-client-ca-file}
     * @param client the proxy's client certificate, CN {@link #FRONT_PROXY_CLIENT} ({@code --requestheader-allowed-names})
     */
    public record FrontProxy(Path caCertificate, KeyPairFiles client) {}

    /** The CN the API server accepts a forwarded identity from. */
    public static final String FRONT_PROXY_CLIENT = "front-proxy-client";

    private ClusterCertificates(Path directory, Path caCertificate, KeyPairFiles apiServerServing,
            Map<String, KeyPairFiles> clients, Map<String, KeyPairFiles> kubeletServing, KeyPairFiles serviceAccountKeys,
            FrontProxy frontProxy) {
        this.directory = directory;
        this.caCertificate = caCertificate;
        this.apiServerServing = apiServerServing;
        this.clients = Map.copyOf(clients);
        this.kubeletServing = Map.copyOf(kubeletServing);
        this.serviceAccountKeys = serviceAccountKeys;
        this.frontProxy = frontProxy;
    }

    /** The identities every cluster has, keyed by CN (their file names derive from it). */
    public static List<Identity> standardIdentities(List<String> nodeNames) {
        List<Identity> ids = new ArrayList<>();
        ids.add(new Identity("kubernetes-admin", List.of(MASTERS_GROUP)));
        ids.add(new Identity("system:kube-scheduler", List.of()));
        ids.add(new Identity("system:kube-controller-manager", List.of()));
        ids.add(new Identity("system:kube-proxy", List.of()));
        // The apiserver's client certificate towards kubelets. kubeadm gives it O=kubeadm:cluster-admins; the
        // simulated kubelets do not authorize, so the name only matters in their logs.
        ids.add(new Identity("kube-apiserver-kubelet-client", List.of()));
        for (String node : nodeNames) {
            ids.add(new Identity(nodeUser(node), List.of(NODES_GROUP)));
        }
        return ids;
    }

    /** The user name of a node's kubelet, the form the Node authorizer requires (kubernetes/website node.md). */
    public static String nodeUser(String nodeName) {
        return "system:node:" + nodeName;
    }

    /**
     * Generates the whole PKI into {@code directory} (created if needed; existing files are replaced).
     *
     * @param advertiseAddress the API server's advertised address, added to its serving certificate's IP SANs
     * @param nodeNames one client and one kubelet serving certificate is issued per node
     */
    public static ClusterCertificates generate(Path directory, String advertiseAddress, List<String> nodeNames) {
        // RSA-2048 generation is the slow part (a prime search: 0.1 s idle, up to 1 s on two busy cores), so it runs
        // beside the ECDSA work.
        CompletableFuture<KeyPair> saKeys = CompletableFuture.supplyAsync(ClusterCertificates::rsaKeyPair);
        try {
            Files.createDirectories(directory);
            Issuer ca = Issuer.selfSigned("winnode-e2e-ca");
            Path caFile = directory.resolve("ca.crt");
            writePem(caFile, "CERTIFICATE", ca.certificate.getEncoded(), false);
            writePem(directory.resolve("ca.key"), "PRIVATE KEY", ca.keys.getPrivate().getEncoded(), true);

            List<String> ips = new ArrayList<>(API_SERVER_IPS);
            if (!ips.contains(advertiseAddress)) {
                ips.add(advertiseAddress);
            }
            KeyPairFiles serving = ca.issue(directory, "apiserver", name("kube-apiserver", List.of()),
                    KeyPurposeId.id_kp_serverAuth, API_SERVER_DNS_NAMES, ips);

            Map<String, KeyPairFiles> clients = new LinkedHashMap<>();
            for (Identity id : standardIdentities(nodeNames)) {
                clients.put(id.commonName(), ca.issue(directory, "client-" + fileName(id.commonName()),
                        name(id.commonName(), id.organizations()), KeyPurposeId.id_kp_clientAuth, List.of(), List.of()));
            }
            Map<String, KeyPairFiles> kubelets = new LinkedHashMap<>();
            for (String node : nodeNames) {
                // CN system:node:<name>, as a kubelet's TLS-bootstrapped serving certificate would have
                // (KEP-4872 checks exactly that when the API server verifies kubelet certificates).
                kubelets.put(node, ca.issue(directory, "kubelet-serving-" + fileName(node),
                        name(nodeUser(node), List.of(NODES_GROUP)), KeyPurposeId.id_kp_serverAuth,
                        List.of("localhost"), List.of("127.0.0.1")));
            }

            Issuer frontProxyCa = Issuer.selfSigned("winnode-e2e-front-proxy-ca");
            Path frontProxyCaFile = directory.resolve("front-proxy-ca.crt");
            writePem(frontProxyCaFile, "CERTIFICATE", frontProxyCa.certificate.getEncoded(), false);
            FrontProxy frontProxy = new FrontProxy(frontProxyCaFile, frontProxyCa.issue(directory, FRONT_PROXY_CLIENT,
                    name(FRONT_PROXY_CLIENT, List.of()), KeyPurposeId.id_kp_clientAuth, List.of(), List.of()));

            KeyPair sa = saKeys.join();
            KeyPairFiles saFiles = new KeyPairFiles(directory.resolve("sa.pub"), directory.resolve("sa.key"));
            writePem(saFiles.certificate(), "PUBLIC KEY", sa.getPublic().getEncoded(), false);
            writePem(saFiles.privateKey(), "PRIVATE KEY", sa.getPrivate().getEncoded(), true);
            return new ClusterCertificates(directory, caFile, serving, clients, kubelets, saFiles, frontProxy);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the cluster certificates into " + directory, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Could not generate the cluster certificates", e);
        }
    }

    public Path directory() {
        return directory;
    }

    public Path caCertificate() {
        return caCertificate;
    }

    public KeyPairFiles apiServerServing() {
        return apiServerServing;
    }

    /** The client certificate of the identity with this CN, e.g. {@code kubernetes-admin} or {@code system:node:win-1}. */
    public KeyPairFiles client(String commonName) {
        KeyPairFiles files = clients.get(commonName);
        if (files == null) {
            throw new IllegalArgumentException("No client certificate for " + commonName + "; issued: " + clients.keySet());
        }
        return files;
    }

    public KeyPairFiles admin() {
        return client("kubernetes-admin");
    }

    public KeyPairFiles apiServerKubeletClient() {
        return client("kube-apiserver-kubelet-client");
    }

    /** The serving certificate of a simulated kubelet (SANs localhost and 127.0.0.1). */
    public KeyPairFiles kubeletServing(String nodeName) {
        KeyPairFiles files = kubeletServing.get(nodeName);
        if (files == null) {
            throw new IllegalArgumentException("No kubelet serving certificate for node " + nodeName);
        }
        return files;
    }

    /** The service-account token key pair: {@code certificate()} is the PEM public key, {@code privateKey()} the RSA key. */
    public KeyPairFiles serviceAccountKeys() {
        return serviceAccountKeys;
    }

    /** The authenticating proxy's CA and client certificate (the apiServer fault mechanism's proxy). */
    public FrontProxy frontProxy() {
        return frontProxy;
    }

    /**
     * The certificates {@link #generate} wrote into {@code directory} for {@code nodeNames}, found
     * by their file names, for a process that shares a control plane another one started.
     */
    static ClusterCertificates load(Path directory, List<String> nodeNames) {
        Map<String, KeyPairFiles> clients = new LinkedHashMap<>();
        for (Identity id : standardIdentities(nodeNames)) {
            clients.put(id.commonName(), files(directory, "client-" + fileName(id.commonName())));
        }
        Map<String, KeyPairFiles> kubelets = new LinkedHashMap<>();
        for (String node : nodeNames) {
            kubelets.put(node, files(directory, "kubelet-serving-" + fileName(node)));
        }
        return new ClusterCertificates(directory, directory.resolve("ca.crt"), files(directory, "apiserver"), clients, kubelets,
                new KeyPairFiles(directory.resolve("sa.pub"), directory.resolve("sa.key")),
                new FrontProxy(directory.resolve("front-proxy-ca.crt"), files(directory, FRONT_PROXY_CLIENT)));
    }

    private static KeyPairFiles files(Path directory, String stem) {
        KeyPairFiles files = new KeyPairFiles(directory.resolve(stem + ".crt"), directory.resolve(stem + ".key"));
        if (!Files.isReadable(files.certificate()) || !Files.isReadable(files.privateKey())) {
            throw new IllegalStateException("Missing certificate " + files.certificate() + " or its key: " + directory
                    + " holds no complete control-plane PKI for these nodes");
        }
        return files;
    }

    /** The certificate CN of a kubeconfig identity: "admin", "kube-proxy", a node name, or a CN itself. */
    static String commonNameOf(String identity, List<String> nodeNames) {
        if ("admin".equals(identity)) {
            return "kubernetes-admin";
        }
        if ("kube-proxy".equals(identity)) {
            return "system:kube-proxy";
        }
        return nodeNames.contains(identity) ? nodeUser(identity) : identity;
    }

    static String fileName(String commonName) {
        return SAFE_FILE_NAME.matcher(commonName).replaceAll("_");
    }

    private static X500Name name(String commonName, List<String> organizations) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
        for (String o : organizations) {
            builder.addRDN(BCStyle.O, o);
        }
        builder.addRDN(BCStyle.CN, commonName);
        return builder.build();
    }

    private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(new PemObject(type, der));
        }
        Files.deleteIfExists(file);
        if (secret) {
            // Created with 0600 from the start, so the key is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, text.toString(), StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048, RANDOM);
            return rsa.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No RSA key pair generator", e);
        }
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return ec.generateKeyPair();
    }

    /** The CA: its key pair and self-signed certificate, and the one place certificates are built. */
    private static final class Issuer {
        private final KeyPair keys;
        private final X509Certificate certificate;
        private final X500Name subject;

        private Issuer(KeyPair keys, X509Certificate certificate, X500Name subject) {
            this.keys = keys;
            this.certificate = certificate;
            this.subject = subject;
        }

        static Issuer selfSigned(String commonName) throws GeneralSecurityException, OperatorCreationException, IOException {
            KeyPair keys = ecKeyPair();
            X500Name subject = name(commonName, List.of());
            X509v3CertificateBuilder builder = builder(subject, subject, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new Issuer(keys, sign(builder, keys.getPrivate()), subject);
        }

        KeyPairFiles issue(Path directory, String baseName, X500Name subjectName, KeyPurposeId purpose,
                List<String> dnsNames, List<String> ips) throws GeneralSecurityException, OperatorCreationException, IOException {
            KeyPair leaf = ecKeyPair();
            X509v3CertificateBuilder builder = builder(subject, subjectName, leaf.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            // digitalSignature only: with ECDSA keys there is no key encipherment (RFC 5480 §3).
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            List<GeneralName> sans = new ArrayList<>();
            dnsNames.forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
            ips.forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip)));
            if (!sans.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            X509Certificate cert = sign(builder, keys.getPrivate());
            KeyPairFiles files = new KeyPairFiles(directory.resolve(baseName + ".crt"), directory.resolve(baseName + ".key"));
            writePem(files.certificate(), "CERTIFICATE", cert.getEncoded(), false);
            writePem(files.privateKey(), "PRIVATE KEY", leaf.getPrivate().getEncoded(), true);
            return files;
        }

        private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
            Instant now = Instant.now();
            BigInteger serial = new BigInteger(127, RANDOM).add(BigInteger.ONE);
            return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), subject, key);
        }

        private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
                throws OperatorCreationException, GeneralSecurityException {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        }
    }
}
