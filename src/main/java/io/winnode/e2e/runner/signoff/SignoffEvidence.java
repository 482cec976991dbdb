package io.winnode.e2e.runner.signoff;

import io.winnode.e2e.runner.results.JunitXmlFile;
import io.winnode.e2e.runner.results.RunMetadata;
import io.winnode.e2e.runner.selection.QuarantineEntry;

import java.util.List;

/**
 * Everything the release gate judges, already read from files: {@link SignoffGate} itself touches none.
 *
 * @param artifacts      the directory the run's files came from, for messages
 * @param metadata       the run's {@code metadata.json}
 * @param reports        the run's {@code junit_*.xml} files (those of another run left out)
 * @param ignoredReports files left out because another run wrote them, with that run's id, for a warning
 * @param suite          the suite signed off for
 * @param requiredBuilds that suite's {@code requiredWindowsBuilds} (short names)
 * @param quarantine     the checked quarantine entries
 */
record SignoffEvidence(String artifacts, RunMetadata metadata, List<JunitXmlFile> reports, List<String> ignoredReports,
                       String suite, List<String> requiredBuilds, List<QuarantineEntry> quarantine) {
}
