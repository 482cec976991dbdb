package io.winnode.e2e.simulator.container;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * curl (Linux) and curl.exe (Windows ships curl 8.x) for plain HTTP GETs, with curl's own error
 * texts and exit codes: 6 could not resolve host, 7 could not connect, 28 timeout, 22 HTTP error
 * with {@code --fail}. {@code -s} hides errors unless {@code -S} is also given.
 */
public final class Curl {

    private Curl() {
    }

    public static CommandOutcome run(List<String> args, ContainerEnvironment env) {
        boolean silent = false;
        boolean showError = false;
        boolean fail = false;
        boolean insecure = false;
        long connectTimeout = 300;
        String url = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--fail", "-f" -> fail = true;
                case "--silent" -> silent = true;
                case "--show-error" -> showError = true;
                case "--insecure", "-k" -> insecure = true;
                case "--connect-timeout", "-m", "--max-time" -> connectTimeout = (long) Double.parseDouble(args.get(++i));
                case "-o", "--output", "-H", "--header", "-w" -> i++;
                default -> {
                    if (a.startsWith("--")) {
                        continue;
                    }
                    if (a.startsWith("-") && a.length() > 1) {
                        silent |= a.contains("s");
                        showError |= a.contains("S");
                        fail |= a.contains("f");
                        insecure |= a.contains("k");
                    } else {
                        url = a;
                    }
                }
            }
        }
        if (url == null) {
            return CommandOutcome.fail(2, "curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
        }
        boolean errors = !silent || showError;
        URI uri;
        try {
            uri = URI.create(url.contains("://") ? url : "http://" + url);
        } catch (IllegalArgumentException e) {
            return CommandOutcome.fail(3, errors ? "curl: (3) URL rejected: Malformed input to a URL function\n" : "");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : (https ? 443 : 80);
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Duration timeout = Duration.ofSeconds(connectTimeout);
        NetworkAccess.HttpResult result = env.network().get(host, port, path, timeout);
        NetworkAccess.ConnectResult c = result.connect();
        return switch (c.kind()) {
            case DNS -> CommandOutcome.fail(6, errors ? "curl: (6) Could not resolve host: " + host + "\n" : "");
            case REFUSED -> CommandOutcome.fail(7, errors ? "curl: (7) Failed to connect to " + host + " port " + port
                    + " after 0 ms: Couldn't connect to server\n" : "");
            case TIMEOUT -> CommandOutcome.fail(28, errors ? "curl: (28) Failed to connect to " + host + " port " + port
                    + " after " + timeout.toMillis() + " ms: Timeout was reached\n" : "");
            case CONNECTED -> {
                if (https && !insecure) {
                    yield CommandOutcome.fail(60, errors ? "curl: (60) SSL certificate problem: unable to get local issuer certificate\n"
                            + "More details here: https://curl.se/docs/sslcerts.html\n" : "");
                }
                if (fail && result.status() >= 400) {
                    yield CommandOutcome.fail(22, errors ? "curl: (22) The requested URL returned error: " + result.status() + "\n" : "");
                }
                yield CommandOutcome.ok(result.body());
            }
        };
    }
}
