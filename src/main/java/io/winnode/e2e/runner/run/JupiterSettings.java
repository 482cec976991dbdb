package io.winnode.e2e.runner.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JUnit Jupiter configuration parameters for how tests run: classes concurrently or one at a
 * time, and the per-test time limit. Methods of one class always run in order on one thread: they
 * share the class's namespace and fixtures, and Allure follows a test by its thread
 * (allure-framework/allure2#1125), so only whole classes run side by side.
 */
final class JupiterSettings {

    private JupiterSettings() {
    }

    /** {@code classes} test classes at once (1: sequential), each test limited to {@code testTimeout}. */
    static Map<String, String> of(int classes, Optional<Duration> testTimeout) {
        var parameters = new LinkedHashMap<String, String>();
        boolean parallel = classes > 1;
        parameters.put("junit.jupiter.execution.parallel.enabled", String.valueOf(parallel));
        if (parallel) {
            parameters.put("junit.jupiter.execution.parallel.mode.default", "same_thread");
            parameters.put("junit.jupiter.execution.parallel.mode.classes.default", "concurrent");
            parameters.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
            parameters.put("junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(classes));
            // Without a cap the fork-join pool adds threads while tests block on the cluster, running
            // more classes at once than asked.
            parameters.put("junit.jupiter.execution.parallel.config.fixed.max-pool-size", String.valueOf(classes));
            parameters.put("junit.jupiter.execution.parallel.config.fixed.saturate", "true");
        }
        testTimeout.ifPresent(limit -> {
            // Applies to test methods and lifecycle methods alike; a hung @BeforeAll is as stuck as a hung test.
            parameters.put("junit.jupiter.execution.timeout.default", Math.max(1, limit.toSeconds()) + " s");
            parameters.put("junit.jupiter.execution.timeout.mode", "enabled");
        });
        return parameters;
    }
}
