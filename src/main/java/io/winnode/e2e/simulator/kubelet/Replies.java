package io.winnode.e2e.simulator.kubelet;

import io.vertx.core.http.HttpServerRequest;

/**
 * How the kubelet answers plain HTTP: errors are bare text, not Status objects (go-restful's
 * WriteError writes the error's text; net/http's {@code http.Error} adds a newline), and the API
 * server turns them into API errors itself ({@code apiserver pkg/registry/generic/rest/response_checker.go}
 * for logs; {@code nodes/proxy} passes code and body through).
 */
final class Replies {

    static final String TEXT = "text/plain; charset=utf-8";
    static final String JSON = "application/json";

    private Replies() {
    }

    static void text(HttpServerRequest req, int code, String body) {
        send(req, code, TEXT, body);
    }

    static void json(HttpServerRequest req, String body) {
        send(req, 200, JSON, body);
    }

    static void send(HttpServerRequest req, int code, String contentType, String body) {
        if (req.response().ended() || req.response().closed()) {
            return;
        }
        req.response().setStatusCode(code).putHeader("Content-Type", contentType)
                .putHeader("X-Content-Type-Options", "nosniff").end(body);
    }

    /**
     * net/http's answer for a path nothing is registered under (go-restful says "404: Page Not Found"
     * for an unmatched route below a registered root; clients only look at the code).
     */
    static void notFound(HttpServerRequest req) {
        text(req, 404, "404 page not found");
    }

    /** The kubelet's method filter answers 405 and lists what is allowed (RFC 9110). */
    static void methodNotAllowed(HttpServerRequest req, String allowed) {
        req.response().putHeader("Allow", allowed);
        text(req, 405, "Method Not Allowed");
    }
}
