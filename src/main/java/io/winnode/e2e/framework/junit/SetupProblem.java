package io.winnode.e2e.framework.junit;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.WebSocketHandshakeException;

import java.util.Optional;

/**
 * A test stopped because the run's own credentials were refused (HTTP 403): the identity the suite
 * runs as lacks a permission, which says nothing about the Windows nodes. Reported in words that
 * point at the role to fix rather than at the cluster under test.
 */
public final class SetupProblem extends RuntimeException {

    public static final String PREFIX = "setup problem (not a Windows finding): ";

    private SetupProblem(String message, Throwable cause) {
        super(message, cause);
    }

    /** The failure as a setup problem, if somewhere in its causes the API server answered 403 Forbidden. */
    public static Optional<SetupProblem> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (isForbidden(t)) {
                return Optional.of(new SetupProblem(PREFIX + "the suite's credentials were refused: " + describe(t)
                        + ". The identity the run uses lacks this permission; grant it to that identity "
                        + "(for the in-cluster runner: manifests/runner/clusterrole.yaml).", failure));
            }
        }
        return Optional.empty();
    }

    /**
     * fabric8 reports a refused REST call by code; a refused exec/attach WebSocket upgrade surfaces as
     * "An error has occurred." caused by a handshake exception that holds the HTTP response.
     */
    private static boolean isForbidden(Throwable t) {
        if (t instanceof KubernetesClientException k && k.getCode() == 403) {
            return true;
        }
        if (t instanceof WebSocketHandshakeException w && w.getResponse() != null && w.getResponse().code() == 403) {
            return true;
        }
        String message = t.getMessage();
        return message != null && (message.contains("403 Forbidden") || message.contains("code=403"));
    }

    private static String describe(Throwable t) {
        if (t instanceof WebSocketHandshakeException w) {
            return "HTTP 403 Forbidden on the WebSocket upgrade of " + w.getResponse().request().uri().getPath()
                    + " (exec and attach need the create verb on pods/exec and pods/attach)";
        }
        return firstLine(t.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "HTTP 403 Forbidden";
        }
        String line = message.strip().split("\\R", 2)[0];
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
