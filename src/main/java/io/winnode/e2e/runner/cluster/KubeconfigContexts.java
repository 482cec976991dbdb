package io.winnode.e2e.runner.cluster;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.winnode.e2e.foundation.input.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks {@code --context} against the kubeconfig before connecting. The client falls back to the
 * current context when the named one does not exist, which would run the suite against the wrong
 * cluster; a typo must be bad input instead.
 */
final class KubeconfigContexts {

    private KubeconfigContexts() {
    }

    static void requireKnown(Path kubeconfig, String context) {
        if (kubeconfig == null || context == null || !Files.isReadable(kubeconfig)) {
            return; // nothing to check here; the connection reports unreadable files
        }
        List<String> names;
        try {
            Config config = Config.fromKubeconfig(null, kubeconfig.toFile());
            names = config.getContexts() == null ? List.of()
                    : config.getContexts().stream().map(NamedContext::getName).sorted().toList();
        } catch (RuntimeException malformed) {
            return; // the connection reports a malformed file with its parser's message
        }
        if (!names.contains(context)) {
            throw new InvalidInputException("Kubeconfig " + kubeconfig + " has no context named '" + context
                    + "'. Its contexts: " + (names.isEmpty() ? "(none)" : String.join(", ", names))
                    + ". Pass one of them with --context.");
        }
    }
}
