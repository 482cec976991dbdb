package io.winnode.e2e.framework.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.winnode.e2e.foundation.input.InvalidInputException;
import io.winnode.e2e.foundation.nodes.SimulatedProviderId;
import io.winnode.e2e.framework.nodes.NodeInventory;
import io.winnode.e2e.framework.report.Redactor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens a {@link Cluster} from a {@link ClusterTarget} and proves it usable before any test runs:
 * bad kubeconfigs are the user's input ({@link InvalidInputException}), an API server that does not
 * answer is the cluster's problem ({@link ClusterUnreachableException}).
 */
public final class ClusterConnection {

    /** How long one API request may take; a closed port fails at once, a black hole after this. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Retries of one API call after a 429 (API Priority and Fairness), a 5xx or an I/O error such as a
     * connection reset. fabric8's client (8.0, {@code StandardHttpClient.shouldRetry}) retries exactly those,
     * for plain requests and for the WebSocket upgrade of exec, waiting the longer of the server's
     * {@code Retry-After} and an exponential back-off; it does not retry other 4xx answers or a TLS trust
     * failure ({@link RetryAfterWait} makes it honour Retry-After, which fabric8 8.0 computes but does not wait
     * for). 10 retries, as client-go makes (k8s.io/client-go rest/request.go: maxRetries 10, honouring
     * Retry-After), from 250 ms doubling up to fabric8's cap of 8 s ({@code ExponentialBackoffIntervalCalculator},
     * exponent 5): 47.75 s of back-off at most (plus any longer Retry-After), after which the call fails with the
     * API server's last answer. fabric8 also retries a create after a reset; a create the server did receive then
     * answers 409 AlreadyExists, which the suite reports rather than hides.
     */
    static final int RETRIES = 10;
    static final Duration FIRST_RETRY_AFTER = Duration.ofMillis(250);

    private ClusterConnection() {
    }

    public static Cluster connect(ClusterTarget target) {
        Config config = loadConfig(target);
        // Whatever the run writes later (logs, attachments, reports) must never show these.
        Redactor.run().rememberCredentials(config);
        config.setConnectionTimeout((int) REQUEST_TIMEOUT.toMillis());
        config.setRequestTimeout((int) REQUEST_TIMEOUT.toMillis());
        // Fail fast on an unreachable server: retries with back-off would turn a refused connection into
        // seconds of silence before the run even starts. Once the server has answered, calls retry.
        probe(config, target);
        KubernetesClient client = apiClient(config, ApiAnswers.ofThisJvm());
        try {
            VersionInfo version = client.getKubernetesVersion();
            NodeInventory nodes = NodeInventory.discover(client);
            return new Cluster(client, recognise(target, client), version, nodes);
        } catch (KubernetesClientException e) {
            client.close();
            throw new ClusterUnreachableException("Cannot use the Kubernetes API server at " + config.getMasterUrl()
                    + " (" + target.describe() + "): " + rootMessage(e)
                    + ". Check that the cluster is running and that the kubeconfig's server address and credentials are right.", e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Requests without fabric8's retries: does the API server answer at all? A 429 or 5xx is an answer (the server is
     * there, busy or restarting: the retrying client rides it out). A reset connection is tried again up to
     * {@link #PROBE_ATTEMPTS} times at once; a refused connection, an unknown host or a timeout fails at once.
     */
    private static void probe(Config config, ClusterTarget target) {
        config.setRequestRetryBackoffLimit(0);
        try (KubernetesClient once = new KubernetesClientBuilder().withConfig(config).build()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    once.getKubernetesVersion();
                    return;
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 429 || e.getCode() >= 500) {
                        return; // an answer: the server is there
                    }
                    if (attempt >= PROBE_ATTEMPTS || !droppedConnection(e)) {
                        throw e;
                    }
                }
            }
        } catch (KubernetesClientException e) {
            throw new ClusterUnreachableException("Cannot use the Kubernetes API server at " + config.getMasterUrl()
                    + " (" + target.describe() + "): " + rootMessage(e)
                    + ". Check that the cluster is running and that the kubeconfig's server address and credentials are right.", e);
        }
    }

    /** How often the probe tries a connection that was reset (a load balancer dropping it) before giving up. */
    static final int PROBE_ATTEMPTS = 3;

    /**
     * An I/O failure after the connection was made (a reset, an early end of stream), unlike a refused connection,
     * an unknown host or a timeout, which say that nothing answers there.
     */
    private static boolean droppedConnection(Throwable e) {
        boolean io = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException
                    || t instanceof javax.net.ssl.SSLException) {
                return false;
            }
            io |= t instanceof java.io.IOException;
        }
        return io;
    }

    /**
     * The client every test uses: a single 429, 503 or connection reset from a busy real API server must not fail
     * a create, delete, exec start, stats or log read outright (real-cluster-review.md M11). {@code answers} hears of
     * every retried answer and ended watch.
     */
    static KubernetesClient apiClient(Config config, ApiAnswers answers) {
        config.setRequestRetryBackoffLimit(RETRIES);
        config.setRequestRetryBackoffInterval((int) FIRST_RETRY_AFTER.toMillis());
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(ApiAnswers.NAME, answers)
                        .addOrReplaceInterceptor(RetryAfterWait.NAME, new RetryAfterWait())).build();
    }

    /**
     * A kubeconfig may lead to the embedded simulated cluster ({@code ./winnode cluster up}); its
     * nodes say so in their provider id, and from then on the run, its outputs and sign-off treat it
     * as simulated, never as evidence about a real cluster.
     */
    private static ClusterTarget recognise(ClusterTarget target, KubernetesClient client) {
        if (target.kind() != ClusterKind.REAL) {
            return target;
        }
        boolean simulated = client.nodes().list().getItems().stream()
                .anyMatch(n -> SimulatedProviderId.marks(n.getSpec().getProviderID()));
        return simulated ? new ClusterTarget(target.kubeconfig(), target.context(), ClusterKind.SIMULATED) : target;
    }

    private static Config loadConfig(ClusterTarget target) {
        if (target.kubeconfig().isEmpty()) {
            // No kubeconfig file is required: in a pod, fabric8 falls back to the service account.
            AutoConfiguration.detect().requireUsable(target.context());
            return Config.autoConfigure(target.context().orElse(null));
        }
        Path file = target.kubeconfig().get();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidInputException("Cannot read kubeconfig " + file + ": no such readable file. "
                    + "Pass --kubeconfig with the path of your cluster's kubeconfig, or --cluster simulated.");
        }
        try {
            Config config = Config.fromKubeconfig(target.context().orElse(null), file.toFile());
            if (config.getMasterUrl() == null || config.getMasterUrl().isBlank()) {
                throw new InvalidInputException("Kubeconfig " + file + " names no API server for context "
                        + target.context().orElse("(current)") + ". Check its clusters[].cluster.server.");
            }
            return config;
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new InvalidInputException("Cannot use kubeconfig " + file + ": " + rootMessage(e)
                    + ". Check the file is a valid kubeconfig" + target.context().map(c -> " with a context named " + c).orElse("")
                    + ".", e);
        } catch (RuntimeException e) {
            if (e instanceof InvalidInputException) {
                throw e;
            }
            throw new InvalidInputException("Cannot parse kubeconfig " + file + ": " + rootMessage(e)
                    + ". Check that it is a valid kubeconfig YAML file.", e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
