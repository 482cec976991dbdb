package io.winnode.e2e.simulator.controllers;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Job controller: runs up to {@code parallelism} pods until {@code completions} succeeded, or
 * until more than {@code backoffLimit} failures (failed pods, plus container restarts under
 * restartPolicy OnFailure); then Complete (with SuccessCriteriaMet) or Failed/BackoffLimitExceeded
 * (with FailureTarget), as batch/v1 reports them since 1.31.
 */
public final class JobController implements Controller {

    private final KubernetesClient client;
    private final ClusterCache cache;
    private final EventRecorder events;
    private final Expectations expectations = new Expectations(Duration.ofSeconds(5));

    public JobController(KubernetesClient client, ClusterCache cache, EventRecorder events) {
        this.client = client;
        this.cache = cache;
        this.events = events;
    }

    @Override
    public String name() {
        return "job-controller";
    }

    @Override
    public void reconcile() {
        for (Job job : cache.jobs.getStore().list()) {
            if (job.getMetadata().getDeletionTimestamp() != null || finished(job)) {
                continue;
            }
            try {
                sync(job);
            } catch (KubernetesClientException e) {
                // retried on the next pass
            }
        }
    }

    private static boolean finished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
    }

    private void sync(Job job) {
        String ns = job.getMetadata().getNamespace();
        List<Pod> owned = cache.pods.getStore().list().stream()
                .filter(p -> ns.equals(p.getMetadata().getNamespace()) && Ownership.ownedBy(p, job)).toList();
        List<Pod> active = owned.stream().filter(Ownership::isActive).toList();
        int succeeded = (int) owned.stream().filter(p -> "Succeeded".equals(p.getStatus().getPhase())).count();
        int failedPods = (int) owned.stream().filter(p -> "Failed".equals(p.getStatus().getPhase())).count();
        int restarts = "OnFailure".equals(job.getSpec().getTemplate().getSpec().getRestartPolicy())
                ? owned.stream().mapToInt(JobController::restarts).sum() : 0;
        int failed = failedPods + restarts;
        int completions = job.getSpec().getCompletions() == null ? 1 : job.getSpec().getCompletions();
        int parallelism = job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
        int backoffLimit = job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
        String now = Instant.now().toString();
        JobStatus status = new JobStatus();
        status.setStartTime(job.getStatus() != null && job.getStatus().getStartTime() != null ? job.getStatus().getStartTime() : now);
        status.setSucceeded(succeeded);
        status.setFailed(failed);
        status.setReady((int) active.stream().filter(Ownership::isReady).count());
        status.setTerminating(0);
        List<JobCondition> conditions = new ArrayList<>();
        if (failed > backoffLimit) {
            for (Pod p : active) {
                client.pods().inNamespace(ns).withName(p.getMetadata().getName()).delete();
            }
            status.setActive(0);
            conditions.add(condition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
            conditions.add(condition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
            events.warning(job, "BackoffLimitExceeded", "Job has reached the specified backoff limit", "job-controller", null);
        } else if (succeeded >= completions) {
            status.setActive(0);
            status.setCompletionTime(now);
            conditions.add(condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now));
            conditions.add(condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", now));
            events.normal(job, "Completed", "Job completed", "job-controller", null);
        } else {
            int want = Math.min(parallelism, completions - succeeded);
            String uid = job.getMetadata().getUid();
            if (active.size() < want && expectations.satisfied(uid, owned.size())) {
                for (int i = active.size(); i < want; i++) {
                    Pod created = client.pods().inNamespace(ns).resource(newPod(job)).create();
                    events.normal(job, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName(), "job-controller", null);
                }
                expectations.expect(uid, owned.size() + want - active.size());
            }
            status.setActive(Math.max(active.size(), 0));
        }
        status.setConditions(conditions.isEmpty() ? null : conditions);
        if (job.getStatus() != null && sameCounts(status, job.getStatus())) {
            return;
        }
        Job update = new JobBuilder().withNewMetadata().withName(job.getMetadata().getName()).withNamespace(ns).endMetadata()
                .withStatus(status).build();
        client.batch().v1().jobs().inNamespace(ns).resource(update).updateStatus();
    }

    private static boolean sameCounts(JobStatus a, JobStatus b) {
        return Objects.equals(a.getActive(), b.getActive()) && Objects.equals(a.getSucceeded(), b.getSucceeded())
                && Objects.equals(a.getFailed(), b.getFailed()) && Objects.equals(a.getReady(), b.getReady())
                && (a.getConditions() == null) == (b.getConditions() == null || b.getConditions().isEmpty());
    }

    private static int restarts(Pod p) {
        return p.getStatus() == null || p.getStatus().getContainerStatuses() == null ? 0
                : p.getStatus().getContainerStatuses().stream().mapToInt(cs -> cs.getRestartCount() == null ? 0 : cs.getRestartCount()).sum();
    }

    private static JobCondition condition(String type, String reason, String message, String now) {
        JobCondition c = new JobCondition();
        c.setType(type);
        c.setStatus("True");
        c.setReason(reason);
        c.setMessage(message);
        c.setLastProbeTime(now);
        c.setLastTransitionTime(now);
        return c;
    }

    private static Pod newPod(Job job) {
        Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata() == null
                || job.getSpec().getTemplate().getMetadata().getLabels() == null ? Map.of() : job.getSpec().getTemplate().getMetadata().getLabels());
        String uid = job.getMetadata().getUid();
        labels.put("batch.kubernetes.io/controller-uid", uid);
        labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
        labels.put("controller-uid", uid);
        labels.put("job-name", job.getMetadata().getName());
        return new PodBuilder().withNewMetadata().withGenerateName(job.getMetadata().getName() + "-")
                .withNamespace(job.getMetadata().getNamespace()).withLabels(labels)
                .withOwnerReferences(Ownership.controllerRef(job)).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec()).build();
    }
}
