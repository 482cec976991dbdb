/**
 * Operating systems of nodes: {@link io.winnode.e2e.foundation.os.OsFamily} (the
 * {@code kubernetes.io/os} label) and {@link io.winnode.e2e.foundation.os.WindowsBuild} (the
 * {@code node.kubernetes.io/windows-build} label, the LTSC builds by short name and any other by
 * number). Depends on nothing else of ours.
 */
package io.winnode.e2e.foundation.os;
