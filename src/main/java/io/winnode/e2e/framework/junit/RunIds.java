package io.winnode.e2e.framework.junit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Run ids like {@code wn-20261128-064512-3fa2}: sortable by start time (UTC), unique enough for
 * two runs started in the same second against one cluster, and valid in a Kubernetes label value.
 */
public final class RunIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    public static String next(Clock clock) {
        return "wn-" + STAMP.format(clock.instant()) + "-" + String.format("%04x", RANDOM.nextInt(0x10000));
    }
}
