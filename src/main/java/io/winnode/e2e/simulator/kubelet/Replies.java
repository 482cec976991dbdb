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

    /** go-restful's answer for a path no web service serves. */
    static void notFound(HttpServerRequest req) {
        text(req, 404, "404 page not found");
    }

    static void methodNotAllowed(HttpServerRequest req) {
        text(req, 405, "Method Not Allowed");
    }
}
