package io.winnode.e2e.simulator.faults;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The mechanisms a fault can use ({@code faults/README.md}, table "Mechanisms"), one record each,
 * validated when read so that a wrong value is reported with the file and line.
 */
public final class Mechanisms {

    private Mechanisms() {
    }

    static void oneOf(String key, String value, Set<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            throw new IllegalArgumentException(key + " '" + value + "' should be one of " + allowed.stream().sorted().toList());
        }
    }

    static void positive(String key, Double value) {
        if (value != null && value < 0) {
            throw new IllegalArgumentException(key + " must be 0 or more");
        }
    }

    /** Connections from selected pods to a kind of destination time out, are refused or are delayed. */
    public record NetworkFault(String action, Double delaySeconds, String to, Integer port, String protocol) {
        public NetworkFault {
            oneOf("network.action", action, Set.of("drop", "reject", "delay"));
            to = to == null ? "any" : to;
            oneOf("network.to", to, Set.of("podIP", "clusterIP", "nodePort", "hostPort", "clusterDNS", "external", "any"));
            protocol = protocol == null ? "any" : protocol;
            oneOf("network.protocol", protocol, Set.of("TCP", "UDP", "any"));
            if (action.equals("delay") && (delaySeconds == null || delaySeconds <= 0)) {
                throw new IllegalArgumentException("network.action delay needs delaySeconds > 0");
            }
            positive("network.delaySeconds", delaySeconds);
        }
    }

    /** The cluster resolver answers matching queries from selected pods with NXDOMAIN, not at all, or a stale address. */
    public record DnsFault(String answer, String names, String staleAddress) {
        public DnsFault {
            oneOf("dns.answer", answer, Set.of("nxdomain", "timeout", "stale"));
            names = names == null ? ".*" : names;
            try {
                Pattern.compile(names);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("dns.names '" + names + "' is not a valid regular expression: "
                        + e.getDescription());
            }
            if (staleAddress != null && !staleAddress.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                throw new IllegalArgumentException("dns.staleAddress '" + staleAddress + "' should be an IPv4 address");
            }
        }

        public Pattern pattern() {
            return Pattern.compile(names, Pattern.CASE_INSENSITIVE);
        }
    }

    /** The selected nodes' kubelet, runtime or proxy behaves as if this pod-spec (or Service) field were unset. */
    public record IgnoredFieldFault(String path) {

        public static final Set<String> PATHS = Set.of(
                "spec.containers[*].volumeMounts[*].readOnly",
                "spec.containers[*].ports[*].hostPort",
                "spec.containers[*].resources.limits.cpu",
                "spec.containers[*].resources.limits.memory",
                "spec.dnsConfig",
                "spec.dnsPolicy",
                "spec.hostAliases",
                "spec.terminationGracePeriodSeconds",
                "spec.securityContext.windowsOptions.runAsUserName",
                "spec.containers[*].securityContext.windowsOptions.runAsUserName",
                "spec.securityContext.runAsNonRoot",
                "spec.containers[*].securityContext.runAsNonRoot",
                "spec.sessionAffinity");

        public IgnoredFieldFault {
            if (path == null || !PATHS.contains(path)) {
                throw new IllegalArgumentException("ignoredField.path '" + path + "' is not a field the simulator honours; use one of "
                        + PATHS.stream().sorted().toList());
            }
        }
    }

    /** A pod-lifecycle step fails on the selected nodes, once (first attempt per pod/container) or always. */
    public record FailingStepFault(String step, String times, String reason, String message) {
        public FailingStepFault {
            oneOf("failingStep.step", step,
                    Set.of("imagePull", "sandbox", "volumeMount", "containerCreate", "initToMain", "restart", "termination"));
            times = times == null ? "always" : times;
            oneOf("failingStep.times", times, Set.of("once", "always"));
            message = message == null ? "simulated failure" : message;
        }

        public boolean once() {
            return "once".equals(times);
        }
    }

    /** The selected Node objects are changed this way, and kept so. */
    public record NodeFault(List<String> removeLabels, Map<String, String> setLabels, List<Condition> setConditions,
                            List<Taint> addTaints, Map<String, String> allocatable) {
        public NodeFault {
            removeLabels = removeLabels == null ? List.of() : List.copyOf(removeLabels);
            setLabels = setLabels == null ? Map.of() : Map.copyOf(setLabels);
            setConditions = setConditions == null ? List.of() : List.copyOf(setConditions);
            addTaints = addTaints == null ? List.of() : List.copyOf(addTaints);
            allocatable = allocatable == null ? Map.of() : Map.copyOf(allocatable);
            for (String k : allocatable.keySet()) {
                oneOf("node.allocatable key", k, Set.of("cpu", "memory", "pods"));
            }
        }

        public record Condition(String type, String status, String reason, String message) {
            public Condition {
                if (type == null) {
                    throw new IllegalArgumentException("node.setConditions entry needs a type, e.g. Ready");
                }
                oneOf("node.setConditions.status", status, Set.of("True", "False", "Unknown"));
            }
        }

        public record Taint(String key, String value, String effect) {
            public Taint {
                if (key == null) {
                    throw new IllegalArgumentException("node.addTaints entry needs a key");
                }
                oneOf("node.addTaints.effect", effect, Set.of("NoSchedule", "PreferNoSchedule", "NoExecute"));
            }
        }
    }

    /** A kubelet subresource (through the API server or node proxy) fails, hangs or reports wrong figures. */
    public record SubresourceFault(String kind, String behaviour, String message, Double hangSeconds, Double factor,
                                   String scope) {
        public SubresourceFault {
            oneOf("subresource.kind", kind, Set.of("exec", "logs", "portForward", "attach", "stats", "metrics", "configz"));
            oneOf("subresource.behaviour", behaviour, Set.of("fail", "hang", "wrongFigures"));
            if (behaviour.equals("wrongFigures") && !(kind.equals("stats") || kind.equals("metrics"))) {
                throw new IllegalArgumentException("subresource.behaviour wrongFigures applies to kind stats or metrics only");
            }
            if (behaviour.equals("wrongFigures") && (factor == null || factor < 0)) {
                throw new IllegalArgumentException("subresource.behaviour wrongFigures needs factor (e.g. 1000)");
            }
            message = message == null ? "simulated kubelet error" : message;
            scope = scope == null ? "all" : scope;
            oneOf("subresource.scope", scope, Set.of("all", "node", "pods"));
            hangSeconds = hangSeconds == null ? 30.0 : hangSeconds;
            positive("subresource.hangSeconds", hangSeconds);
        }
    }

    /** The selected nodes' Service rules are absent, frozen at activation, or programmed late. */
    public record ServiceProxyFault(String mode, Double delaySeconds) {
        public ServiceProxyFault {
            oneOf("serviceProxy.mode", mode, Set.of("missing", "stale", "slow"));
            if (mode.equals("slow") && (delaySeconds == null || delaySeconds <= 0)) {
                throw new IllegalArgumentException("serviceProxy.mode slow needs delaySeconds > 0");
            }
        }
    }

    /** Image pulls and container starts on the selected nodes take this long (wall-clock seconds). */
    public record LatencyFault(Double pullSeconds, Double startSeconds) {
        public LatencyFault {
            positive("latency.pullSeconds", pullSeconds);
            positive("latency.startSeconds", startSeconds);
            if (pullSeconds == null && startSeconds == null) {
                throw new IllegalArgumentException("latency needs pullSeconds or startSeconds");
            }
        }
    }

    /**
     * The registry answers image pulls from the selected nodes with an error: for the first
     * {@code attempts} pulls of each pod's container (then it answers), or, without {@code attempts},
     * for as long as the fault is active ({@code when.forSeconds} makes a time window).
     */
    public record RegistryFault(String error, Integer attempts) {

        public static final Set<String> ERRORS = Set.of("tooManyRequests", "timeout", "serviceUnavailable", "unauthorized",
                "notFound");

        public RegistryFault {
            oneOf("registry.error", error, ERRORS);
            if (attempts != null && attempts < 1) {
                throw new IllegalArgumentException("registry.attempts must be 1 or more (omit it for every pull while active)");
            }
        }
    }

    /**
     * The API server misbehaves towards the suite's connection (a proxy in front of it, {@code controlplane api-proxy}):
     * {@code throttle} answers a fraction of requests 429 with Retry-After (API Priority and Fairness shedding load),
     * {@code unavailable} 503 (a restarting API server), {@code reset} resets the connection before forwarding,
     * {@code delay} forwards a fraction of requests late, {@code dropWatches} ends every watch after a while
     * (the API server's --min-request-timeout).
     */
    public record ApiServerFault(String weather, Double fraction, Integer retryAfterSeconds, Double afterSeconds,
                                 Double delaySeconds) {

        public static final Set<String> WEATHERS = Set.of("throttle", "unavailable", "dropWatches", "reset", "delay");

        public ApiServerFault {
            oneOf("apiServer.weather", weather, WEATHERS);
            if (weather.equals("dropWatches")) {
                if (afterSeconds == null || afterSeconds <= 0) {
                    throw new IllegalArgumentException("apiServer.weather dropWatches needs afterSeconds > 0 (how long a watch lasts)");
                }
                if (fraction != null) {
                    throw new IllegalArgumentException("apiServer.weather dropWatches ends every watch: remove fraction");
                }
            } else {
                if (fraction == null || fraction <= 0 || fraction > 1) {
                    throw new IllegalArgumentException("apiServer.weather " + weather
                            + " needs fraction, more than 0 and at most 1 (the share of requests it hits), e.g. fraction: 0.2");
                }
                if (afterSeconds != null) {
                    throw new IllegalArgumentException("apiServer.afterSeconds applies to weather dropWatches only");
                }
            }
            if (weather.equals("delay") && (delaySeconds == null || delaySeconds <= 0)) {
                throw new IllegalArgumentException("apiServer.weather delay needs delaySeconds > 0");
            }
            if (!weather.equals("delay") && delaySeconds != null) {
                throw new IllegalArgumentException("apiServer.delaySeconds applies to weather delay only");
            }
            boolean answers = weather.equals("throttle") || weather.equals("unavailable");
            if (!answers && retryAfterSeconds != null) {
                throw new IllegalArgumentException("apiServer.retryAfterSeconds applies to weather throttle and unavailable only");
            }
            if (retryAfterSeconds != null && retryAfterSeconds < 0) {
                throw new IllegalArgumentException("apiServer.retryAfterSeconds must be 0 or more");
            }
            // APF's own Retry-After is 1 to a few seconds (priority-and-fairness.go); 1 keeps runs short.
            retryAfterSeconds = answers && retryAfterSeconds == null ? Integer.valueOf(1) : retryAfterSeconds;
        }
    }
}
