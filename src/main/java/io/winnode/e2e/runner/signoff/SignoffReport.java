package io.winnode.e2e.runner.signoff;

import io.winnode.e2e.foundation.yaml.YamlFiles;
import io.winnode.e2e.runner.results.JunitXmlResults;
import io.winnode.e2e.runner.signoff.SignoffVerdict.Problem;
import io.winnode.e2e.runner.signoff.SignoffVerdict.QuarantineStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A {@link SignoffVerdict} as {@code signoff.json}, {@code signoff.md} and the terminal's summary. */
final class SignoffReport {

    static final String JSON_FILE = "signoff.json";
    static final String MARKDOWN_FILE = "signoff.md";

    private final SignoffVerdict verdict;

    SignoffReport(SignoffVerdict verdict) {
        this.verdict = verdict;
    }

    /** Writes both files into {@code directory} and returns the Markdown file's path. */
    Path writeTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(JSON_FILE), json() + "\n");
            return Files.writeString(directory.resolve(MARKDOWN_FILE), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the sign-off report into " + directory, e);
        }
    }

    String json() {
        var root = new LinkedHashMap<String, Object>();
        root.put("verdict", verdict.verdict());
        root.put("exitCode", verdict.exitCode());
        root.put("suite", verdict.suite());
        root.put("runSuite", verdict.runSuite());
        root.put("date", verdict.date());
        root.put("cluster", verdict.cluster());
        root.put("reasons", verdict.reasons());
        root.put("warnings", verdict.warnings());
        root.put("builds", verdict.builds());
        root.put("tests", verdict.tests());
        root.put("problems", verdict.problems());
        root.put("quarantine", verdict.quarantine());
        root.put("run", verdict.run());
        return YamlFiles.toJson(root);
    }

    /** The verdict, what it rests on and every reason and warning; the tables are in the files. */
    String summary() {
        var text = new StringBuilder();
        text.append("Sign-off: ").append(verdict.verdict()).append(" — ").append(subject()).append('\n');
        text.append("Windows builds: ").append(builds()).append('\n');
        text.append("Tests: ").append(counts()).append('\n');
        appendList(text, "Reasons:", verdict.reasons(), "  - ");
        appendList(text, "Warnings:", verdict.warnings(), "  - ");
        return text.toString();
    }

    String markdown() {
        var md = new StringBuilder();
        md.append("# Release sign-off: ").append(verdict.verdict()).append("\n\n");
        md.append(subject()).append(", judged on ").append(verdict.date()).append(".\n\n");
        appendList(md, "## Reasons\n", verdict.reasons(), "- ");
        appendList(md, "## Warnings\n", verdict.warnings(), "- ");
        md.append("## Run\n\n| What | Value |\n|---|---|\n");
        row(md, "Suite signed off for", verdict.suite());
        row(md, "Suite run", verdict.runSuite());
        row(md, "Cluster", verdict.cluster().kind());
        row(md, "Kubernetes", verdict.cluster().kubernetesVersion());
        row(md, "API server", verdict.cluster().apiServer());
        row(md, "Run id", verdict.cluster().runId());
        row(md, "Windows builds required", String.join(", ", verdict.builds().required()));
        row(md, "Windows builds covered", String.join(", ", verdict.builds().covered()));
        row(md, "Windows builds missing", String.join(", ", verdict.builds().missing()));
        row(md, "Tests", counts());
        md.append('\n');
        if (!verdict.problems().isEmpty()) {
            md.append("## Failed and flaky tests\n\n| Test case | Test id | Outcome | Quarantined | Message |\n|---|---|---|---|---|\n");
            for (Problem p : verdict.problems()) {
                md.append("| ").append(cell(p.name())).append(" | `").append(p.testId()).append("` | ")
                        .append(p.status().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                        .append(p.quarantined() ? "yes" : "no").append(" | ").append(cell(p.message())).append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Quarantine\n\n");
        if (verdict.quarantine().isEmpty()) {
            md.append("No quarantine entries.\n\n");
        } else {
            md.append("| Test id | State | Expires | Issue | Owner | Reason | In this run |\n|---|---|---|---|---|---|---|\n");
            for (QuarantineStatus q : verdict.quarantine()) {
                md.append("| `").append(q.test()).append("` | ").append(state(q)).append(" | ").append(q.expires())
                        .append(" | ").append(q.issue()).append(" | ").append(cell(q.owner())).append(" | ")
                        .append(cell(q.reason())).append(" | ").append(q.seen()).append(" |\n");
            }
            md.append('\n');
        }
        md.append("## Run metadata\n\n| Key | Value |\n|---|---|\n");
        verdict.run().forEach((key, value) -> row(md, "`" + key + "`", value));
        return md.toString();
    }

    private String subject() {
        String version = verdict.cluster().kubernetesVersion();
        return "suite " + verdict.suite() + " on a " + orUnknown(verdict.cluster().kind()) + " cluster"
                + (version == null ? "" : " (Kubernetes " + version + ")")
                + ", run " + orUnknown(verdict.cluster().runId());
    }

    private String builds() {
        SignoffVerdict.Builds b = verdict.builds();
        return "required " + listOrNone(b.required()) + "; covered " + listOrNone(b.covered())
                + (b.missing().isEmpty() ? "" : "; missing " + String.join(", ", b.missing()));
    }

    private String counts() {
        SignoffVerdict.Counts c = verdict.tests();
        return c.passed() + " passed, " + c.failed() + " failed, " + c.flaky() + " flaky, " + c.skipped() + " skipped; "
                + c.quarantined() + " of the failed or flaky quarantined";
    }

    private static String state(QuarantineStatus q) {
        return switch (q.state()) {
            case ACTIVE -> "active";
            case EXPIRING_SOON -> "expiring soon (" + q.daysLeft() + " days)";
            case EXPIRED -> "**expired**";
        };
    }

    private static void appendList(StringBuilder to, String heading, List<String> items, String bullet) {
        if (items.isEmpty()) {
            return;
        }
        to.append(heading).append('\n');
        items.forEach(item -> to.append(bullet).append(item).append('\n'));
        if (bullet.startsWith("-")) {
            to.append('\n');
        }
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(cell(value)).append(" |\n");
    }

    // A Markdown table cell: one line, no column breaks.
    private static String cell(String text) {
        return text == null ? "" : JunitXmlResults.oneLine(text, 400).replace("|", "\\|");
    }

    private static String orUnknown(String s) {
        return s == null ? "(unknown)" : s;
    }

    private static String listOrNone(List<String> items) {
        return items.isEmpty() ? "none" : String.join(", ", items);
    }
}
