package io.winnode.e2e.simulator.container;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The agnhost test binary's subcommands used by the suite (test/images/agnhost): servers that keep
 * running and listen ({@code netexec} HTTP 8080 / UDP 8081, {@code serve-hostname} 9376,
 * {@code test-webserver} 80, {@code pause} nothing), one-shot {@code connect} and
 * {@code dns-suffix}/{@code dns-server-list}.
 *
 * <p>{@code connect} prints what test/images/agnhost/connect/connect.go prints on stderr, exit 1:
 * {@code UNKNOWN: <err>} for a malformed address, {@code DNS: <err>} when the name does not resolve,
 * {@code TIMEOUT}, {@code REFUSED} when the dial error is {@code syscall.ECONNREFUSED}, else
 * {@code OTHER: <err>}. On Windows a refusal is WSAECONNREFUSED (10061), which never equals Go's
 * invented ECONNREFUSED (golang/go#45621), so Windows reports it as {@code OTHER: dial tcp ...:
 * connectex: No connection could be made because the target machine actively refused it.}
 */
public final class Agnhost {

    private Agnhost() {
    }

    public static CommandOutcome run(List<String> args, ContainerEnvironment env) {
        if (args.isEmpty()) {
            return CommandOutcome.ok("agnhost is a test server and client.\n\nUsage:\n  agnhost [command]\n");
        }
        String sub = args.get(0);
        List<String> rest = args.subList(1, args.size());
        return switch (sub) {
            case "netexec" -> {
                int http = intFlag(rest, "--http-port", 8080);
                int udp = intFlag(rest, "--udp-port", 8081);
                yield CommandOutcome.server("Started HTTP server on port " + http + "\nStarted UDP server on port  " + udp + "\n",
                        Set.of(http), "netexec");
            }
            case "serve-hostname" -> {
                int port = intFlag(rest, "--port", 9376);
                yield CommandOutcome.server("Serving on port " + port + ".\n", Set.of(port), "serve-hostname");
            }
            case "test-webserver" -> {
                int port = intFlag(rest, "--port", 80);
                yield CommandOutcome.server("Serving on port " + port + "\n", Set.of(port), "test-webserver");
            }
            case "pause" -> CommandOutcome.server("Paused\n", Set.of(), "pause");
            case "connect" -> connect(rest, env);
            case "dns-suffix" -> CommandOutcome.ok(String.join(",", env.network().searchDomains()));
            case "dns-server-list" -> CommandOutcome.ok(String.join(",", env.network().nameservers()));
            default -> CommandOutcome.fail(1, "Error: unknown command \"" + sub + "\" for \"agnhost\"\n"
                    + "Run 'agnhost --help' for usage.\n");
        };
    }

    private static CommandOutcome connect(List<String> args, ContainerEnvironment env) {
        String target = args.stream().filter(a -> !a.startsWith("--")).findFirst().orElse(null);
        Duration timeout = Duration.ofSeconds(5);
        for (String a : args) {
            if (a.startsWith("--timeout=")) {
                timeout = parseDuration(a.substring("--timeout=".length()));
            }
        }
        if (target == null) {
            return CommandOutcome.fail(1, "Error: accepts 1 arg(s), received 0\n");
        }
        int colon = target.lastIndexOf(':');
        if (colon < 0) {
            // net.SplitHostPort's AddrError text.
            return CommandOutcome.fail(1, "UNKNOWN: address " + target + ": missing port in address\n");
        }
        String host = target.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            return CommandOutcome.fail(1, "DNS: lookup tcp/" + target.substring(colon + 1) + ": unknown port\n");
        }
        NetworkAccess.ConnectResult result = env.network().connect(host, port, timeout);
        boolean windows = env.os() == io.winnode.e2e.foundation.os.OsFamily.WINDOWS;
        return switch (result.kind()) {
            case CONNECTED -> CommandOutcome.ok("");
            case REFUSED -> CommandOutcome.fail(1, windows
                    ? "OTHER: dial tcp " + result.ip() + ":" + port + ": connectex: No connection could be made because "
                    + "the target machine actively refused it.\n"
                    : "REFUSED\n");
            case TIMEOUT -> CommandOutcome.fail(1, "TIMEOUT\n");
            case DNS -> CommandOutcome.fail(1, "DNS: " + noSuchHost(host, env) + "\n");
        };
    }

    /**
     * Go's net.DNSError text for NXDOMAIN: the pure-Go resolver on Linux names the server it asked
     * ({@code lookup NAME on SERVER:53: no such host}, net/dnsclient_unix.go); on Windows Go asks the
     * system resolver, which names none ({@code lookup NAME: no such host}, net/lookup_windows.go).
     */
    private static String noSuchHost(String host, ContainerEnvironment env) {
        List<String> servers = env.network().nameservers();
        return env.os() == io.winnode.e2e.foundation.os.OsFamily.WINDOWS || servers.isEmpty()
                ? "lookup " + host + ": no such host"
                : "lookup " + host + " on " + servers.get(0) + ":53: no such host";
    }

    private static Duration parseDuration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofMillis((long) (Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
        }
        if (text.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return Duration.ofSeconds(Long.parseLong(text));
    }

    static int intFlag(List<String> args, String flag, int defaultValue) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith(flag + "=")) {
                return Integer.parseInt(a.substring(flag.length() + 1));
            }
            if (a.equals(flag) && i + 1 < args.size()) {
                return Integer.parseInt(args.get(i + 1));
            }
        }
        return defaultValue;
    }
}
