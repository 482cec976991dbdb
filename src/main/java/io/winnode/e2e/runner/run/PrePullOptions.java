package io.winnode.e2e.runner.run;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.winnode.e2e.foundation.os.OsFamily;
import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.framework.prepull.PrePullPhase;
import io.winnode.e2e.framework.prepull.PrePullPlan;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ./winnode run}'s pre-pull flags, and the phase run before the first test (framework/prepull). */
public final class PrePullOptions {

    @Option(names = "--skip-prepull",
            description = "Do not put the catalog's Windows images on every Windows node before the first test "
                    + "(they are then pulled by the first test that needs them, inside its pod-start budget).")
    boolean skip;

    @Option(names = "--prepull-timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationText.class,
            description = "Budget of the pre-pull phase, e.g. 30m, 90s, 1h (default: ${DEFAULT-VALUE}, upstream's "
                    + "PREPULL_TIMEOUT for Windows jobs); stretched by --timeout-scale like every wait.")
    Duration budget;

    /** How often the phase looks at its pods: often enough to print progress, rarely enough for a real API server. */
    private static final Duration POLL = Duration.ofMillis(500);

    /** Runs the phase unless skipped or there is no schedulable Windows node; prints one line per step. */
    public void run(Cluster cluster, String imageRegistry, String runId, double timeoutScale, PrintWriter out) {
        var windowsNodes = cluster.nodes().schedulable(OsFamily.WINDOWS);
        ImageCatalog catalog = ImageCatalog.load(imageRegistry == null ? null : imageRegistry.strip());
        if (skip || windowsNodes.isEmpty()) {
            out.println("Pre-pull:    skipped (" + (skip ? "--skip-prepull" : "no schedulable Windows node") + ")");
            // The catalog is still checked against the nodes' builds: a missing variant fails tests either way.
            PrePullPlan.of(catalog, windowsNodes).warnings().forEach(w -> out.println("  pre-pull: warning: " + w));
            out.flush();
            return;
        }
        out.println("Pre-pull:");
        Duration scaled = Duration.ofMillis((long) (budget.toMillis() * timeoutScale));
        try {
            new PrePullPhase(cluster.client(), catalog, runId, scaled, POLL, out, Clock.systemUTC()).run(windowsNodes);
        } catch (KubernetesClientException e) {
            // The phase only saves tests time; an API refusal (RBAC, quota) is reported and the tests still run.
            out.println("  pre-pull: could not run (" + e.getCode() + " " + e.getMessage() + "); the tests pull their images "
                    + "themselves. Check the runner's ClusterRole (manifests/runner/clusterrole.yaml) or pass --skip-prepull.");
        }
        out.println();
        out.flush();
    }

    /** {@code 30m}, {@code 90s}, {@code 1h}: a whole number and a unit. */
    public static final class DurationText implements ITypeConverter<Duration> {

        private static final Pattern FORM = Pattern.compile("(\\d+)([smh])");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.strip());
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration: give a whole number and a unit, "
                        + "s, m or h (e.g. 30m, 90s, 1h)");
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
            if (d.isZero()) {
                throw new TypeConversionException("'" + value + "' is no time at all: use --skip-prepull to skip the phase");
            }
            return d;
        }
    }
}
