package io.winnode.e2e.simulator.container;

/**
 * A volume mounted into a container: where ({@code mountKey}, a {@link PathStyle#key}), which files
 * ({@code tree} below {@code treePrefix}) and whether writes are refused ({@code readOnly}).
 */
public record Mount(String mountKey, FileTree tree, String treePrefix, boolean readOnly) {
}
