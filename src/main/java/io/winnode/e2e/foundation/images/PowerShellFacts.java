package io.winnode.e2e.foundation.images;

import java.util.List;

/**
 * Which PowerShell an image carries and which of the cmdlets the suite or the simulator could use
 * exist in it ({@code cmdlets}) or are known to be missing ({@code absentCmdlets}).
 */
public record PowerShellFacts(String version, String edition, List<String> cmdlets, List<String> absentCmdlets,
                              String source) {

    /** Whether the cmdlet is listed as present (PowerShell command names compare without case). */
    public boolean has(String cmdlet) {
        return cmdlets != null && cmdlets.stream().anyMatch(c -> c.equalsIgnoreCase(cmdlet));
    }
}
