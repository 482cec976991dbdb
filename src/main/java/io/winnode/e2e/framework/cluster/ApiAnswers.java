package io.winnode.e2e.framework.cluster;

import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the API server made the suite's clients retry, and the watches they had to open again: each logged once at
 * INFO as it happens, and a one-line {@link Tally#summary} for the end of the run, so that a run that rode out a busy or
 * restarting API server says so instead of passing silently.
 *
 * <p>A fabric8 {@link Interceptor} on every client {@link ClusterConnection#apiClient} makes: fabric8 calls
 * {@code after} for every attempt's answer (WebSocket upgrades included) and {@code afterConnectionFailure} for every attempt that got none
 * (8.0, {@code StandardHttpClient.consumeBytesOnce} and {@code shouldRetry}), and retries exactly the answers
 * counted here: 429, 5xx and I/O errors.
 */
public final class ApiAnswers implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAnswers.class);

    /** Under this name the interceptor is installed (fabric8 keys interceptors by name). */
    static final String NAME = "winnode-api-answers";

    /**
     * One per JVM: a run connects twice (the runner, and the scenarios' JUnit launch), and its log sums both. A run
     * reports the difference between two {@link #tally tallies}, so runs one after another in one JVM (the
     * project's tests) each report their own.
     */
    private static final ApiAnswers OF_THIS_JVM = new ApiAnswers();

    private final Map<String, LongAdder> retried = new ConcurrentHashMap<>();
    private final LongAdder watchedAgain = new LongAdder();
    private final java.util.Set<String> watched = ConcurrentHashMap.newKeySet();

    ApiAnswers() {
    }

    /** The answers every client of this JVM made by {@link ClusterConnection} heard. */
    public static ApiAnswers ofThisJvm() {
        return OF_THIS_JVM;
    }

    /** The counts so far, by status code or kind of I/O failure, and the watches opened again. */
    public record Tally(Map<String, Long> retried, long watchesReopened) {

        public Tally {
            retried = Map.copyOf(retried);
        }

        /** What happened after {@code earlier}. */
        public Tally since(Tally earlier) {
            Map<String, Long> counts = new TreeMap<>();
            retried.forEach((kind, n) -> {
                long d = n - earlier.retried.getOrDefault(kind, 0L);
                if (d > 0) {
                    counts.put(kind, d);
                }
            });
            return new Tally(counts, watchesReopened - earlier.watchesReopened);
        }

        public long totalRetried() {
            return retried.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * E.g. {@code API server: 37 answers retried (429 x20, 503 x10, resets x7); 2 watches opened again after they
         * ended}; empty when the API server never made the client retry or re-watch.
         */
        public String summary() {
            long total = totalRetried();
            if (total == 0 && watchesReopened == 0) {
                return "";
            }
            StringBuilder line = new StringBuilder("API server: ");
            if (total > 0) {
                String kinds = String.join(", ", new TreeMap<>(retried).entrySet().stream()
                        .map(e -> e.getKey() + " x" + e.getValue()).toList());
                line.append(total).append(total == 1 ? " answer" : " answers").append(" retried (").append(kinds).append(')');
            }
            if (watchesReopened > 0) {
                line.append(total > 0 ? "; " : "").append(watchesReopened)
                        .append(watchesReopened == 1 ? " watch opened again after it ended" : " watches opened again after they ended");
            }
            return line.toString();
        }
    }

    @Override
    public void after(HttpRequest request, HttpResponse<?> response, AsyncBody.Consumer<List<ByteBuffer>> consumer) {
        int code = response.code();
        if (code == 429 || code >= 500) {
            String retryAfter = response.header("Retry-After");
            count(String.valueOf(code));
            LOG.info("API server answered {} to {} {}{}; the client retries", code, request.method(), request.uri().getPath(),
                    retryAfter == null ? "" : " (Retry-After: " + retryAfter + " s, waited before the retry)");
        } else if ((code == 200 || code == 101) && isWatch(request) && !watched.add(watchedResource(request))) {
            // The same resource and selectors watched again: an informer re-watches after its watch ended (HTTP or
            // WebSocket, fabric8 AbstractWatchManager), which kube-apiserver does after --min-request-timeout.
            watchedAgain.increment();
            LOG.info("API watch of {} opened again after it ended", watchedResource(request));
        }
    }

    @Override
    public void afterConnectionFailure(HttpRequest request, Throwable failure) {
        if (!(failure instanceof IOException)) {
            return; // not retried by fabric8, so it fails the call itself
        }
        count(kind(failure));
        LOG.info("API request {} {} failed: {}; the client retries", request.method(), request.uri().getPath(),
                failure.toString());
    }

    /**
     * A request the suite itself made again after it got no answer, where fabric8 does not retry: an exec whose
     * WebSocket upgrade connection closed mid-handshake ({@code framework/exec/InPod}).
     */
    public void startedAgain(String what) {
        count(what);
    }

    private static String kind(Throwable failure) {
        if (failure instanceof ConnectException) {
            return "refused connections";
        }
        if (failure instanceof SocketException || String.valueOf(failure.getMessage()).toLowerCase().contains("reset")) {
            return "resets";
        }
        return "I/O errors";
    }

    /** The watch's path and query without the resourceVersion it resumes from and its timeout. */
    private static String watchedResource(HttpRequest request) {
        String query = request.uri().getRawQuery();
        String selectors = query == null ? "" : java.util.Arrays.stream(query.split("&"))
                .filter(p -> !p.startsWith("resourceVersion=") && !p.startsWith("timeoutSeconds=")
                        && !p.startsWith("allowWatchBookmarks="))
                .sorted().collect(java.util.stream.Collectors.joining("&"));
        return request.uri().getPath() + "?" + selectors;
    }

    private static boolean isWatch(HttpRequest request) {
        String query = request.uri().getRawQuery();
        return query != null && (query.contains("watch=true") || query.contains("watch=1"));
    }

    private void count(String kind) {
        retried.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    public Tally tally() {
        Map<String, Long> counts = new TreeMap<>();
        retried.forEach((kind, n) -> counts.put(kind, n.sum()));
        return new Tally(counts, watchedAgain.sum());
    }
}
