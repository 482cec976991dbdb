package io.winnode.e2e.framework.cluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which cluster to connect to: a kubeconfig file (and context), or, with neither, the client's
 * usual auto-configuration ({@code KUBECONFIG}, {@code ~/.kube/config}, then in-cluster service
 * account). The simulated cluster is reached through a kubeconfig too, so both take one code path.
 *
 * <p>The runner hands the target to the scenarios as JUnit configuration parameters; the
 * {@code PARAM_*} names are that contract.
 */
public record ClusterTarget(Optional<Path> kubeconfig, Optional<String> context, ClusterKind kind) {

    public static final String PARAM_KUBECONFIG = "winnode.kubeconfig";
    public static final String PARAM_CONTEXT = "winnode.context";
    public static final String PARAM_KIND = "winnode.cluster.kind";

    public static ClusterTarget autoConfigured() {
        return new ClusterTarget(Optional.empty(), Optional.empty(), ClusterKind.REAL);
    }

    public Map<String, String> asConfigurationParameters() {
        var params = new java.util.LinkedHashMap<String, String>();
        kubeconfig.ifPresent(p -> params.put(PARAM_KUBECONFIG, p.toString()));
        context.ifPresent(c -> params.put(PARAM_CONTEXT, c));
        params.put(PARAM_KIND, kind.label());
        return params;
    }

    /** Rebuilds a target from configuration parameters (absent ones mean auto-configuration). */
    public static ClusterTarget fromParameters(java.util.function.Function<String, Optional<String>> parameters) {
        return new ClusterTarget(
                parameters.apply(PARAM_KUBECONFIG).filter(s -> !s.isBlank()).map(Path::of),
                parameters.apply(PARAM_CONTEXT).filter(s -> !s.isBlank()),
                parameters.apply(PARAM_KIND).map(ClusterKind::fromLabel).orElse(ClusterKind.REAL));
    }

    public String describe() {
        return kind.label() + " cluster via " + kubeconfig.map(p -> "kubeconfig " + p)
                .orElseGet(() -> AutoConfiguration.detect().description())
                + context.map(c -> ", context " + c).orElse("");
    }
}
