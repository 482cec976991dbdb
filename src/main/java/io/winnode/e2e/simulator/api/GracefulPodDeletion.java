package io.winnode.e2e.simulator.api;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Graceful pod deletion (REALISTIC profile only): a bound pod is handed to its kubelet, which stops
 * its containers within the grace period ({@code DeleteOptions.gracePeriodSeconds}, else
 * {@code spec.terminationGracePeriodSeconds}) and then removes the pod (parity RT-03).
 *
 * <p>Limitation: the CRUD store drops any object that carries a deletionTimestamp without
 * finalizers, so during the grace period the stored pod does not show its deletionTimestamp; only
 * the DELETE response does.
 */
final class GracefulPodDeletion implements AutoCloseable {

    private final KubernetesCrudDispatcher crud;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "simulator-pod-termination");
        t.setDaemon(true);
        return t;
    });

    private volatile PodTermination termination;

    GracefulPodDeletion(KubernetesCrudDispatcher crud) {
        this.crud = crud;
    }

    void setTermination(PodTermination termination) {
        this.termination = termination;
    }

    MockResponse delete(RecordedRequest request, ApiPath path) {
        String podPath = "/api/v1/namespaces/" + path.namespace() + "/pods/" + path.name();
        Pod pod = new ApiStore(crud).get(podPath, Pod.class).orElse(null);
        if (pod == null) {
            return StatusResponses.toResponse(StatusResponses.notFound("pods", path.name()));
        }
        long grace = gracePeriod(request, path, pod);
        if (grace <= 0 || pod.getSpec().getNodeName() == null) {
            return null;
        }
        PodTermination kubelet = termination;
        if (kubelet == null || !kubelet.terminate(path.namespace(), path.name(), grace)) {
            timer.schedule(() -> crud.handleDelete(podPath), grace, TimeUnit.SECONDS);
        }
        pod.getMetadata().setDeletionTimestamp(Instant.now().plusSeconds(grace).toString());
        pod.getMetadata().setDeletionGracePeriodSeconds(grace);
        return new MockResponse().setResponseCode(200).setBody(Serialization.asJson(pod));
    }

    private static long gracePeriod(RecordedRequest request, ApiPath path, Pod pod) {
        String fromQuery = path.queryValue("gracePeriodSeconds");
        if (fromQuery != null) {
            return Long.parseLong(fromQuery);
        }
        String body = request.getUtf8Body();
        if (body != null && !body.isBlank()) {
            DeleteOptions options = Serialization.unmarshal(body, DeleteOptions.class);
            if (options.getGracePeriodSeconds() != null) {
                return options.getGracePeriodSeconds();
            }
        }
        Long spec = pod.getSpec().getTerminationGracePeriodSeconds();
        return spec == null ? 30 : spec;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
