package io.winnode.e2e.simulator.network;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What the servers of the test images answer to an HTTP GET (test/images/agnhost):
 * netexec serves {@code /hostname}, {@code /clientip} ({@code ip:port} of the caller),
 * {@code /echo?msg=x}, {@code /healthz} and {@code /} ({@code NOW: time}); serve-hostname answers
 * every path with the pod's hostname; test-webserver answers {@code /} with {@code ok}.
 * The API server (6443) and kubelet (10250) answer anonymous requests with 403 and 401.
 */
public final class HttpResponder {

    public record Reply(int status, String body) {
    }

    private HttpResponder() {
    }

    public static Reply respond(String server, String hostname, String pathAndQuery, String clientAddress) {
        String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
        if (server == null) {
            return new Reply(404, "404 page not found\n");
        }
        return switch (server) {
            case "netexec" -> switch (path) {
                case "/hostname" -> new Reply(200, hostname);
                case "/clientip" -> new Reply(200, clientAddress);
                case "/echo" -> new Reply(200, queryParam(query, "msg"));
                case "/healthz" -> new Reply(200, "");
                case "/", "" -> new Reply(200, "NOW: " + Instant.now());
                default -> new Reply(404, "404 page not found\n");
            };
            case "serve-hostname" -> new Reply(200, hostname);
            case "test-webserver" -> path.equals("/") || path.isEmpty() ? new Reply(200, "ok") : new Reply(404, "404 page not found\n");
            case "apiserver" -> new Reply(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                    + "\"message\":\"forbidden: User \\\"system:anonymous\\\" cannot get path \\\"" + path + "\\\"\","
                    + "\"reason\":\"Forbidden\",\"details\":{},\"code\":403}\n");
            case "kubelet" -> new Reply(401, "Unauthorized");
            default -> new Reply(404, "404 page not found\n");
        };
    }

    private static String queryParam(String query, String key) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(key)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
