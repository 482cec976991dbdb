package io.winnode.e2e.runner.selection;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;

/** Opens the JUnit Platform launcher the runner drives. */
public final class ScenarioLauncher {

    private ScenarioLauncher() {
    }

    /**
     * A session without auto-registered execution listeners. The runner registers its own Allure
     * listener (bound to the run's results directory); the auto-registered one would write a second
     * copy of every result to the working directory. JUnit reads
     * {@code junit.platform.execution.listeners.deactivate} only from system properties and
     * {@code junit-platform.properties} when the launcher is created, not from the discovery
     * request, so switching auto-registration off here is the way that cannot leak into other runs.
     */
    public static LauncherSession open() {
        return LauncherFactory.openSession(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .build());
    }
}
