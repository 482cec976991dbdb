package io.winnode.e2e.foundation.images;

import java.util.List;

/**
 * The shape of {@code images/contract/host-process.yaml}: what a Windows HostProcess container's
 * processes find, because they run on the host: the host's PATH and tools, the image mounted at
 * {@code imageMount}.
 */
public record HostProcessView(List<String> path, String pathSource, String imageMount, String imageMountSource,
                              List<ExecutableGroup> executables, PowerShellFacts powershell) {
}
