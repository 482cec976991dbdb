package io.winnode.e2e.scenarios.networking;

import io.winnode.e2e.framework.exec.ExecResult;
import io.winnode.e2e.framework.parity.Observed;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What NET-09's requests to a ClientIP-affinity Service showed. Affinity is shown only when every
 * request was answered and one backend answered them all: a request that failed says nothing about
 * where the Service sends a client, so any failure is reported as such, never counted as a backend
 * (ten identical failures once passed as "one backend", coverage-review.md §7.2).
 */
record AffinityAnswers(List<ExecResult> answers) {

    /** Every request answered, all by one backend: ClientIP affinity at work (NET-09's key {@code one-backend}). */
    static final Observed ONE_BACKEND = Observed.outcome("one-backend");
    /**
     * Every request answered, spread over backends: what a proxy without ClientIP affinity does (parity
     * NET-09 on Windows Server 2019, key {@code spread}). With 3 backends, 10 requests land on one backend
     * by chance with probability 3^-9, so this outcome is robust as an expectation.
     */
    static final Observed SPREAD = Observed.outcome("spread");

    static AffinityAnswers of(List<ExecResult> answers) {
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("NET-09 needs at least one request's answer");
        }
        return new AffinityAnswers(List.copyOf(answers));
    }

    /** The parity outcome: {@link #ONE_BACKEND}, {@link #SPREAD}, or the failed requests with their reasons. */
    Observed outcome() {
        var backends = new TreeSet<String>();
        var failures = new TreeMap<String, Integer>();
        for (ExecResult answer : answers) {
            if (answer.succeeded()) {
                backends.add(answer.stdout().strip());
            } else {
                failures.merge(answer.reason().isEmpty() ? "exit " + answer.exitCode() : answer.reason(), 1, Integer::sum);
            }
        }
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        if (failed > 0) {
            return Observed.detail(failed + " of " + answers.size() + " requests failed (" + String.join("; ",
                    failures.entrySet().stream().map(e -> e.getValue() + "x " + e.getKey()).toList()) + ")"
                    + (backends.isEmpty() ? "" : "; the others were answered by " + backends));
        }
        return backends.size() == 1 ? ONE_BACKEND : SPREAD;
    }
}
