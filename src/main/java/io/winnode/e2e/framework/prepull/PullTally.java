package io.winnode.e2e.framework.prepull;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the pre-pull phase has seen so far, per (node, image): on the node, failed, or the last error it is retrying. */
final class PullTally {

    private final Map<String, PrePullResult.Pull> pulled = new LinkedHashMap<>();
    private final Map<String, PrePullResult.Failure> failed = new LinkedHashMap<>();
    private final Map<String, String> lastErrors = new HashMap<>();

    private static String key(String node, String image) {
        return node + "/" + image;
    }

    boolean settled(String node, String image) {
        String key = key(node, image);
        return pulled.containsKey(key) || failed.containsKey(key);
    }

    boolean isPulled(String node, String image) {
        return pulled.containsKey(key(node, image));
    }

    void pulled(String node, String image) {
        pulled.put(key(node, image), new PrePullResult.Pull(node, image));
    }

    /** Records the failure unless one is already known; true when it is new (and so worth a line). */
    boolean failed(PrePullResult.Failure failure) {
        return failed.putIfAbsent(key(failure.node(), failure.image()), failure) == null;
    }

    void retrying(String node, String image, String error) {
        lastErrors.put(key(node, image), error);
    }

    Optional<String> lastError(String node, String image) {
        return Optional.ofNullable(lastErrors.get(key(node, image)));
    }

    int pulledOn(PrePullPlan.Target target) {
        return (int) target.images().stream().filter(i -> isPulled(target.node().name(), i)).count();
    }

    int settledCount() {
        return pulled.size() + failed.size();
    }

    List<PrePullResult.Pull> pulls() {
        return List.copyOf(pulled.values());
    }

    List<PrePullResult.Failure> failures() {
        return List.copyOf(failed.values());
    }
}
