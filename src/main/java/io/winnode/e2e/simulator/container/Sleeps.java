package io.winnode.e2e.simulator.container;

import java.time.Duration;

/**
 * Sleep arguments. A sleep of a minute or more (or {@code infinity}) is how test pods say "keep
 * running": the simulator treats it as a process that does not exit, instead of counting down.
 */
final class Sleeps {

    static final Duration ENDLESS = Duration.ofSeconds(60);

    private Sleeps() {
    }

    static boolean isEndless(String arg) {
        try {
            return parse(arg).compareTo(ENDLESS) >= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static Duration parse(String arg) {
        String a = arg.strip();
        double factor = 1;
        if (a.endsWith("s")) {
            a = a.substring(0, a.length() - 1);
        } else if (a.endsWith("m")) {
            a = a.substring(0, a.length() - 1);
            factor = 60;
        } else if (a.endsWith("h")) {
            a = a.substring(0, a.length() - 1);
            factor = 3600;
        }
        return Duration.ofMillis((long) (Double.parseDouble(a) * factor * 1000));
    }
}
