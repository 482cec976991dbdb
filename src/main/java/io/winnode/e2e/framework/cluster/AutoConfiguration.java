package io.winnode.e2e.framework.cluster;

import io.winnode.e2e.foundation.input.InvalidInputException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where the client's auto-configuration (no {@code --kubeconfig}) will find the cluster, in
 * fabric8's own order: the kubeconfig files ({@code KUBECONFIG}, else {@code ~/.kube/config}), and
 * only without one the service account of the pod the runner runs in. Deciding it up front lets a
 * run in a pod connect without any kubeconfig, makes "nothing configured" bad input instead of a
 * connection attempt to fabric8's fallback address, and lets the banner say which source was used.
 */
public record AutoConfiguration(Source source, String description) {

    /** The places auto-configuration can take the cluster from. */
    public enum Source {
        /** A kubeconfig file named by {@code KUBECONFIG}, or {@code ~/.kube/config}. */
        KUBECONFIG,
        /** The pod's service account: {@code KUBERNETES_SERVICE_HOST} and a mounted token. */
        SERVICE_ACCOUNT,
        /** fabric8's {@code KUBERNETES_MASTER} (or {@code -Dkubernetes.master}) setting. */
        MASTER_URL,
        /** Nothing: connecting would only try fabric8's fallback address. */
        NONE
    }

    /** Where Kubernetes mounts a pod's service-account token (fabric8 reads it from there too). */
    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    /** Detects the source from this process's environment, system properties and files. */
    public static AutoConfiguration detect() {
        return detect(AutoConfiguration::setting, Path.of(System.getProperty("user.home", ".")), Files::isRegularFile);
    }

    /**
     * The decision itself, with the environment passed in.
     *
     * @param setting  reads a setting by its environment variable name; null when unset
     * @param userHome where {@code .kube/config} is looked for
     * @param isFile   whether a path is an existing regular file
     */
    static AutoConfiguration detect(Function<String, String> setting, Path userHome, Predicate<Path> isFile) {
        String kubeconfigSetting = setting.apply("KUBECONFIG");
        List<Path> kubeconfigs = isBlank(kubeconfigSetting) ? List.of(userHome.resolve(".kube").resolve("config"))
                : Arrays.stream(kubeconfigSetting.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toList();
        Optional<Path> kubeconfig = kubeconfigs.stream().filter(isFile).findFirst();
        if (kubeconfig.isPresent()) {
            return new AutoConfiguration(Source.KUBECONFIG, "kubeconfig " + kubeconfig.get()
                    + (isBlank(kubeconfigSetting) ? "" : " (from KUBECONFIG)"));
        }
        String serviceHost = setting.apply("KUBERNETES_SERVICE_HOST");
        if (!isBlank(serviceHost) && isFile.test(SERVICE_ACCOUNT_TOKEN)) {
            return new AutoConfiguration(Source.SERVICE_ACCOUNT, "in-cluster service account (API server "
                    + serviceHost + Optional.ofNullable(setting.apply("KUBERNETES_SERVICE_PORT")).map(p -> ":" + p).orElse("")
                    + ", token " + SERVICE_ACCOUNT_TOKEN + ")");
        }
        String master = setting.apply("KUBERNETES_MASTER");
        if (!isBlank(master)) {
            return new AutoConfiguration(Source.MASTER_URL, "KUBERNETES_MASTER " + master);
        }
        return new AutoConfiguration(Source.NONE, "no kubeconfig ("
                + (isBlank(kubeconfigSetting) ? kubeconfigs.get(0) + " does not exist" : "KUBECONFIG names no existing file")
                + ") and no in-cluster service account ("
                + (isBlank(serviceHost) ? "KUBERNETES_SERVICE_HOST is unset" : "no token at " + SERVICE_ACCOUNT_TOKEN) + ")");
    }

    /**
     * Refuses what cannot work before any connection: nothing to connect to, or a {@code --context}
     * that no kubeconfig could resolve (the client would silently ignore it).
     */
    public void requireUsable(Optional<String> context) {
        if (source == Source.NONE) {
            throw new InvalidInputException("No cluster to connect to: " + description + ". Pass --kubeconfig PATH "
                    + "(or set KUBECONFIG), run inside a pod with a service account, or use --cluster simulated.");
        }
        if (context.isPresent() && source != Source.KUBECONFIG) {
            throw new InvalidInputException("--context " + context.get() + " names a kubeconfig context, but there is no "
                    + "kubeconfig: the connection uses the " + description + ". Drop --context, or pass --kubeconfig "
                    + "with the kubeconfig that has that context.");
        }
    }

    /** fabric8 reads each setting from a system property (lower case, dots) before the environment. */
    private static String setting(String environmentVariable) {
        String property = System.getProperty(environmentVariable.toLowerCase(Locale.ROOT).replace('_', '.'));
        return property != null ? property : System.getenv(environmentVariable);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
