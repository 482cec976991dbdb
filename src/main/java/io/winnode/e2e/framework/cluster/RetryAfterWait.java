package io.winnode.e2e.framework.cluster;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Makes the client wait the {@code Retry-After} of a 429 or 5xx before its retry, as client-go does
 * (k8s.io/client-go rest/with_retry.go: checkWait reads Retry-After of a 429 or 5xx, and the retry sleeps that long).
 *
 * <p>fabric8 8.0 reads Retry-After ({@code StandardHttpClient.shouldRetry} returns the longer of it and its back-off)
 * but then schedules the retry after its back-off alone ({@code AsyncUtils.retryWithExponentialBackoff} passes
 * {@code retryInterval}, not the value {@code shouldRetry} returned, to {@code schedule}): a retry after 250 ms meets
 * an API server that asked for seconds and is still shedding load. fabric8 lets an interceptor hold a failed answer
 * ({@code afterFailure}, whose future it waits for before deciding to retry), so this one holds it for Retry-After
 * seconds and then lets fabric8 go on: the retry comes Retry-After plus the back-off later.
 */
final class RetryAfterWait implements Interceptor {

    static final String NAME = "winnode-retry-after";

    /** Longer waits are cut to this: a request's own time limit is 10 s (ClusterConnection.REQUEST_TIMEOUT). */
    static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
        long seconds = retryAfterSeconds(response);
        if (seconds <= 0) {
            return CompletableFuture.completedFuture(false);
        }
        long millis = Math.min(TimeUnit.SECONDS.toMillis(seconds), LONGEST_WAIT.toMillis());
        return CompletableFuture.supplyAsync(() -> false, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    /** Retry-After in seconds of a 429 or 5xx (the API server sends delta-seconds), 0 when absent or not a number. */
    static long retryAfterSeconds(HttpResponse<?> response) {
        int code = response.code();
        String value = response.header("Retry-After");
        if ((code != 429 && code < 500) || value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException dateOrGarbage) {
            return 0;
        }
    }
}
