package io.winnode.e2e.framework.junit;

import io.winnode.e2e.framework.cluster.Cluster;
import io.winnode.e2e.framework.cluster.ClusterConnection;
import io.winnode.e2e.framework.cluster.ClusterTarget;
import io.winnode.e2e.framework.images.ImageCatalog;
import io.winnode.e2e.framework.parity.ParityExpectations;
import io.winnode.e2e.framework.placement.Placement;
import io.winnode.e2e.framework.report.FailureEvidence;
import io.winnode.e2e.framework.report.Redactor;
import io.winnode.e2e.framework.wait.Timeouts;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Optional;


/**
 * What every scenario of one run shares: the connected cluster, the image catalog, the parity
 * expectations, the run id, where a failed test's evidence goes. Built once per JUnit launch from the configuration parameters the
 * runner sets, kept in the root extension store, closed when the launch ends.
 */
public record RunContext(Cluster cluster, ImageCatalog images, ParityExpectations expectations, String runId,
                         Timeouts timeouts, Placement placement, FailureEvidence evidence) implements AutoCloseable {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RunContext.class);

    public static RunContext of(ExtensionContext context) {
        return context.getRoot().getStore(STORE).getOrComputeIfAbsent(RunContext.class, k -> open(context), RunContext.class);
    }

    private static RunContext open(ExtensionContext context) {
        ClusterTarget target = ClusterTarget.fromParameters(context::getConfigurationParameter);
        String runId = context.getConfigurationParameter(RunParameters.RUN_ID).orElseGet(() -> RunIds.next(java.time.Clock.systemUTC()));
        ImageCatalog images = ImageCatalog.load(context.getConfigurationParameter(RunParameters.IMAGE_REGISTRY).orElse(null));
        Timeouts timeouts = new Timeouts(context.getConfigurationParameter(RunParameters.TIMEOUT_SCALE)
                .map(Double::parseDouble).orElse(1.0));
        Cluster cluster = ClusterConnection.connect(target);
        Optional<Path> artifacts = context.getConfigurationParameter(RunParameters.ARTIFACTS).map(Path::of);
        return new RunContext(cluster, images, ParityExpectations.load(), runId, timeouts, new Placement(cluster.nodes()),
                new FailureEvidence(cluster.client(), artifacts, Redactor.run()));
    }

    @Override
    public void close() {
        cluster.close();
    }
}
