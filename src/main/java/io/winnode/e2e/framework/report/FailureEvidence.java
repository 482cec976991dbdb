package io.winnode.e2e.framework.report;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.qameta.allure.Allure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a person needs to understand a failed test, captured from every hook that failed (the test
 * body, class or test setup, teardown) before cleanup removes it: the failure, the test's steps as
 * they happened, the events of its namespace, a {@code kubectl describe}-like description, the YAML
 * and the container logs of every pod in it (the previous container's log too when it restarted), and
 * the conditions of the nodes those pods ran on. Each file is an Allure attachment of the failed
 * test and, when the run has an artifacts directory, a file under
 * {@code <artifacts>/failures/<test>/<hook>/} for testgrid (Spyglass lists it under the job's
 * artifacts). Every file is scrubbed by the run's {@link Redactor} first.
 */
public final class FailureEvidence {

    /** Under the run's artifacts directory. */
    public static final String FOLDER = "failures";

    private static final Logger LOG = LoggerFactory.getLogger(FailureEvidence.class);
    /** As upstream's e2e log dump (test/e2e/framework/debug: logs of failed pods, last lines). */
    private static final int LOG_LINES = 200;

    private final KubernetesClient client;
    private final Optional<Path> artifacts;
    private final Redactor redactor;

    public FailureEvidence(KubernetesClient client, Optional<Path> artifacts, Redactor redactor) {
        this.client = client;
        this.artifacts = artifacts;
        this.redactor = redactor;
    }

    /**
     * Captures the evidence of one failed hook.
     *
     * @param namespace the namespace of the test's class
     * @param test      the test's folder name ({@link #folderName})
     * @param hook      which hook failed: {@code test}, {@code beforeAll}, {@code beforeEach}, ...
     */
    public void capture(String namespace, String test, String hook, Throwable failure) {
        var files = new LinkedHashMap<String, String>();
        files.put("failure.txt", stackTrace(failure));
        files.put("steps.txt", StepTimeline.ofCurrentTest());
        try {
            collect(namespace, files);
        } catch (RuntimeException e) {
            // Evidence must never hide the failure it describes; say what could not be read.
            LOG.warn("Could not capture all evidence for namespace {}: {}", namespace, e.toString());
            files.put("capture-problem.txt", "Could not read everything from the cluster: " + e);
        }
        Optional<Path> folder = artifacts.map(a -> unusedFolder(a.resolve(FOLDER).resolve(test).resolve(hook)));
        files.forEach((name, content) -> {
            String scrubbed = redactor.scrub(content);
            Allure.addAttachment(hook + ": " + name, name.endsWith(".yaml") ? "application/yaml" : "text/plain",
                    scrubbed, name.substring(name.lastIndexOf('.')));
            folder.ifPresent(f -> write(f.resolve(name), scrubbed));
        });
    }

    /**
     * A test's folder: stable across runs so that testgrid links stay comparable, and unique within
     * one, e.g. {@code VolumeScenarios.configMapAndSecretContentsAreReadable.windows-ltsc2022}.
     *
     * @param method     the test method, or null for a class-level hook
     * @param invocation the side invocation's display name ({@code [windows ltsc2022]}), or null
     */
    public static String folderName(Class<?> testClass, String method, String invocation) {
        String name = testClass.getSimpleName() + (method == null ? "" : "." + method)
                + (invocation == null ? "" : "." + invocation.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-|-$", ""));
        return name.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private void collect(String namespace, Map<String, String> files) {
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        List<Event> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing(PodDescription::time)).toList();
        files.put("events.txt", events(events));
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            List<Event> ofPod = events.stream().filter(e -> "Pod".equals(e.getInvolvedObject().getKind())
                    && name.equals(e.getInvolvedObject().getName())).toList();
            files.put("pod-" + name + ".describe.txt", PodDescription.of(pod, ofPod));
            files.put("pod-" + name + ".yaml", Serialization.asYaml(pod));
            containersOf(pod).forEach(container -> {
                files.put("log-" + name + "-" + container + ".txt", log(namespace, name, container, false));
                if (restarts(pod, container) > 0) {
                    files.put("log-" + name + "-" + container + ".previous.txt", log(namespace, name, container, true));
                }
            });
        }
        var nodeNames = new TreeSet<String>();
        pods.stream().map(p -> p.getSpec().getNodeName()).filter(Objects::nonNull).forEach(nodeNames::add);
        files.put("nodes.txt", nodes(nodeNames));
    }

    private static String events(List<Event> events) {
        var out = new StringBuilder();
        events.forEach(e -> out.append(String.format("%s %-8s %-22s %s/%s: %s%n", PodDescription.time(e), e.getType(),
                e.getReason(), e.getInvolvedObject().getKind(), e.getInvolvedObject().getName(), e.getMessage())));
        return out.isEmpty() ? "(no events)\n" : out.toString();
    }

    /** Each node's conditions, as {@code kubectl describe node} lists them, and what it runs. */
    private String nodes(TreeSet<String> names) {
        if (names.isEmpty()) {
            return "(no pod of the test was placed on a node)\n";
        }
        var out = new StringBuilder();
        for (String name : names) {
            Node node = client.nodes().withName(name).get();
            out.append("Node ").append(name).append('\n');
            if (node == null) {
                out.append("  (gone)\n");
                continue;
            }
            var info = node.getStatus().getNodeInfo();
            if (info != null) {
                out.append("  ").append(info.getOsImage()).append(", kernel ").append(info.getKernelVersion())
                        .append(", ").append(info.getContainerRuntimeVersion()).append(", kubelet ")
                        .append(info.getKubeletVersion()).append('\n');
            }
            out.append("  Unschedulable: ").append(Boolean.TRUE.equals(node.getSpec().getUnschedulable())).append('\n');
            out.append("  Conditions:\n");
            node.getStatus().getConditions().forEach(c -> out.append(String.format("    %-20s %-7s %s (%s) since %s%n",
                    c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime())));
        }
        return out.toString();
    }

    private static Stream<String> containersOf(Pod pod) {
        Stream<Container> init = pod.getSpec().getInitContainers() == null ? Stream.empty() : pod.getSpec().getInitContainers().stream();
        return Stream.concat(init, pod.getSpec().getContainers().stream()).map(Container::getName);
    }

    private static int restarts(Pod pod, String container) {
        if (pod.getStatus() == null) {
            return 0;
        }
        return Stream.concat(Optional.ofNullable(pod.getStatus().getInitContainerStatuses()).orElse(List.of()).stream(),
                        Optional.ofNullable(pod.getStatus().getContainerStatuses()).orElse(List.of()).stream())
                .filter(s -> container.equals(s.getName())).map(ContainerStatus::getRestartCount).filter(Objects::nonNull)
                .findFirst().orElse(0);
    }

    private String log(String namespace, String pod, String container, boolean previous) {
        try {
            var logs = client.pods().inNamespace(namespace).withName(pod).inContainer(container);
            String text = (previous ? logs.terminated() : logs).tailingLines(LOG_LINES).getLog();
            return text == null || text.isEmpty() ? "(empty log)\n" : text;
        } catch (RuntimeException e) {
            return "(no log: " + e.getMessage() + ")\n";
        }
    }

    private static String stackTrace(Throwable failure) {
        var text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** A retried test fails again into a folder of its own: {@code test}, {@code test-attempt-2}, ... */
    private static Path unusedFolder(Path folder) {
        Path candidate = folder;
        for (int attempt = 2; Files.exists(candidate); attempt++) {
            candidate = folder.resolveSibling(folder.getFileName() + "-attempt-" + attempt);
        }
        return candidate;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Could not write failure evidence {}: {}", file, e.toString());
        }
    }
}
