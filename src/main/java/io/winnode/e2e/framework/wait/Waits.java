package io.winnode.e2e.framework.wait;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * Waiting for the cluster, with Awaitility. Polls back off (100 ms doubling up to 2 s) so that a
 * fast cluster is not kept waiting and a slow one is not hammered. A wait whose condition has
 * become impossible (a pod that failed while we wait for it to run) stops at once.
 */
public final class Waits {

    private Waits() {
    }

    /**
     * Polls {@code probe} until {@code done} holds and returns that value.
     *
     * @param what     what is awaited, in words ("pod ns/web to be Running and Ready")
     * @param hopeless a state from which {@code done} can no longer be reached
     * @param describe renders a state for the failure message
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<T> done,
                              Predicate<T> hopeless, Function<T, String> describe) {
        AtomicReference<T> last = new AtomicReference<>();
        AtomicReference<RuntimeException> lastError = new AtomicReference<>();
        Supplier<T> recordingProbe = () -> {
            try {
                T value = probe.get();
                last.set(value);
                lastError.set(null);
                return value;
            } catch (RuntimeException e) {
                lastError.set(e);
                throw e;
            }
        };
        try {
            return await(what)
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Waits::backoff)
                    .ignoreExceptions()
                    .failFast(what + " can no longer happen", () -> last.get() != null && hopeless.test(last.get()))
                    .until(recordingProbe::get, value -> value != null && done.test(value));
        } catch (ConditionTimeoutException e) {
            throw new WaitTimeoutError("Timed out after " + human(timeout) + " waiting for " + what + "; last state: "
                    + lastState(last.get(), lastError.get(), describe), e);
        } catch (org.awaitility.core.TerminalFailureException e) {
            throw new WaitTimeoutError(what + " can no longer happen; state: "
                    + lastState(last.get(), lastError.get(), describe), e);
        }
    }

    /**
     * Polls {@code probe} until {@code done} holds or the timeout passes, and returns the last value
     * seen either way, for callers that report the final state rather than fail on a timeout.
     */
    public static <T> T lastSeen(String what, Duration timeout, Supplier<T> probe, Predicate<T> done) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(Waits::backoff)
                    .until(() -> {
                        T value = probe.get();
                        last.set(value);
                        return value;
                    }, value -> value != null && done.test(value));
        } catch (ConditionTimeoutException e) {
            return last.get();
        }
    }

    /** 100 ms, doubling, at most 2 s. */
    private static Duration backoff(int pollCount, Duration previous) {
        Duration next = pollCount <= 1 ? Duration.ofMillis(100) : previous.multipliedBy(2);
        return next.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : next;
    }

    private static <T> String lastState(T value, RuntimeException error, Function<T, String> describe) {
        if (error != null) {
            return "the last check failed: " + error.getMessage();
        }
        return value == null ? "never observed" : describe.apply(value);
    }

    static String human(Duration d) {
        return d.toMinutes() > 0 && d.toSecondsPart() == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
