package io.winnode.e2e.runner.selection;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

import java.util.Set;
import java.util.TreeSet;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

/**
 * The ids ({@code Class#method}) of every scenario, whatever suite selects it: what a quarantine
 * entry may name. Found by JUnit discovery, so no cluster is needed.
 */
public final class ScenarioIds {

    private ScenarioIds() {
    }

    public static Set<String> all(String scenariosPackage) {
        try (LauncherSession session = ScenarioLauncher.open()) {
            var request = LauncherDiscoveryRequestBuilder.request().selectors(selectPackage(scenariosPackage)).build();
            return new TreeSet<>(TestSelection.testIds(session.getLauncher().discover(request)));
        }
    }
}
