package io.winnode.e2e.runner.selection;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a {@link TestSelection} holds once discovered: the tests it runs and, for {@code list}, every
 * other test of the scenarios package with the reason it is out.
 *
 * @param ids      the selected test ids ({@code Class#method}), sorted
 * @param tags     the tags of each selected id (the method's and its class's)
 * @param excluded every test of the package that is not selected, sorted by id
 */
public record SelectedTests(List<String> ids, Map<String, Set<String>> tags, List<Excluded> excluded) {

    /** A test left out, and why: its tags, the suite's excludeTests, --test, or another shard. */
    public record Excluded(String id, String reason) {
    }

    public SelectedTests {
        ids = List.copyOf(ids);
        tags = Map.copyOf(tags);
        excluded = List.copyOf(excluded);
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }
}
