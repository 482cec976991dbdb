package io.winnode.e2e.runner.report;

import io.winnode.e2e.runner.results.RunFact;

import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code parity-matrix.html}: the run's Windows-vs-Linux parity matrix as one static page (no
 * script, no external resource), framed by the report's Parity tab and readable on its own. Rows
 * are behaviours, columns the sides; each cell shows what was observed, and whether that is what
 * the expectation declares for the side.
 */
public final class ParityMatrixPage {

    public static final String FILE_NAME = "parity-matrix.html";

    /** How one cell compares with its side's expectation. */
    enum Cell {
        PASS, FAIL,
        /** The side could not run (no such node, the test was skipped or failed before observing). */
        UNAVAILABLE,
        /** The behaviour has no result on this side (e.g. Linux of a Windows-only row). */
        NOT_RUN,
        /** The file predates per-side expectations: only the line's verdict is known. */
        UNKNOWN;

        static Cell of(ParityMatrixFile.Line line, String side) {
            String observed = line.results().get(side);
            if (observed == null) {
                return NOT_RUN;
            }
            if (observed.startsWith("unavailable: ")) {
                return UNAVAILABLE;
            }
            return line.expectedOn(side).map(expected -> expected.equals(observed) ? PASS : FAIL).orElse(UNKNOWN);
        }
    }

    /** A web address written without its scheme, as the parity table's sources cite them (kubernetes.io/docs/...). */
    private static final Pattern LINK = Pattern.compile(
            "https?://[^\\s;,()'\"]+|\\b(?:[a-z0-9-]+\\.)+[a-z]{2,}/[^\\s;,()'\"]*");

    private ParityMatrixPage() {
    }

    /** The page for a run's matrix, or a page saying why there is none. */
    static String render(Optional<ParityMatrixFile> matrix, String origin) {
        var html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Windows vs Linux parity matrix</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>Windows vs Linux parity matrix</h1>\n");
        if (matrix.isEmpty()) {
            html.append("<p class=\"note\">No parity matrix in these results: ").append(escape(origin))
                    .append(" holds no ").append(ParityMatrixFile.NAME).append(". <code>./winnode run</code> writes it ")
                    .append("into the Allure results directory; results from elsewhere have none.</p>\n");
        } else if (matrix.get().lines().isEmpty()) {
            html.append(runDetails(matrix.get()))
                    .append("<p class=\"note\">The run made no parity observations (no parity scenario ran).</p>\n");
        } else {
            html.append(runDetails(matrix.get())).append(summary(matrix.get())).append(table(matrix.get())).append(legend());
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static String runDetails(ParityMatrixFile matrix) {
        var html = new StringBuilder();
        Object kind = matrix.run().get(RunFact.CLUSTER_KIND.junitProperty());
        if ("simulated".equals(kind)) {
            html.append("<p class=\"warning\">Run on the embedded <strong>simulated</strong> cluster: this says the suite ")
                    .append("works, nothing about a real cluster.</p>\n");
        }
        Object faults = matrix.run().get("winnode.faults");
        if (faults != null && !"none".equals(faults)) {
            html.append("<p class=\"warning\">Faults injected: <strong>").append(escape(String.valueOf(faults)))
                    .append("</strong>; failures are expected.</p>\n");
        }
        html.append("<dl class=\"run\">\n");
        matrix.run().forEach((key, value) -> html.append("<dt>").append(escape(key.replaceFirst("^winnode\\.", "")))
                .append("</dt><dd>").append(escape(String.valueOf(value))).append("</dd>\n"));
        return html.append("</dl>\n").toString();
    }

    private static String summary(ParityMatrixFile matrix) {
        var verdicts = new TreeMap<String, Integer>();
        matrix.lines().forEach(line -> verdicts.merge(String.valueOf(line.verdict()), 1, Integer::sum));
        var parts = new ArrayList<String>();
        verdicts.forEach((verdict, count) -> parts.add(count + " " + verdict));
        return "<p class=\"summary\">" + matrix.lines().size() + " behaviours: " + escape(String.join(", ", parts)) + "</p>\n";
    }

    private static String table(ParityMatrixFile matrix) {
        var html = new StringBuilder("<table>\n<thead><tr><th>Behaviour</th>");
        matrix.sides().forEach(side -> html.append("<th>").append(escape(side)).append("</th>"));
        html.append("<th>Expectation</th><th>Verdict</th><th>Source</th></tr></thead>\n<tbody>\n");
        for (ParityMatrixFile.Line line : matrix.lines()) {
            html.append("<tr id=\"").append(escape(line.id())).append("\"><td class=\"behaviour\"><span class=\"id\">")
                    .append(escape(line.id())).append("</span> ").append(escape(line.behaviour())).append("</td>");
            matrix.sides().forEach(side -> html.append(cell(line, side)));
            html.append("<td>").append(escape(line.expectation())).append("</td>")
                    .append("<td class=\"verdict ").append(cssClass(String.valueOf(line.verdict()))).append("\">")
                    .append(escape(String.valueOf(line.verdict()))).append("</td>")
                    .append("<td class=\"source\">").append(linkify(line.source())).append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }

    private static String cell(ParityMatrixFile.Line line, String side) {
        Cell cell = Cell.of(line, side);
        String observed = line.results().get(side);
        Optional<String> expected = line.expectedOn(side);
        var html = new StringBuilder("<td class=\"cell ").append(cssClass(cell.name())).append("\"");
        expected.ifPresent(e -> html.append(" title=\"expected: ").append(escape(e)).append("\""));
        html.append(">");
        if (cell == Cell.NOT_RUN) {
            return html.append("&ndash;</td>").toString();
        }
        if (cell != Cell.UNKNOWN) {
            html.append("<span class=\"badge\">").append(cell == Cell.UNAVAILABLE ? "N/A" : cell.name()).append("</span> ");
        }
        html.append(escape(observed));
        if (cell == Cell.FAIL || cell == Cell.UNAVAILABLE) {
            expected.ifPresent(e -> html.append("<div class=\"expected\">expected: ").append(escape(e)).append("</div>"));
        }
        return html.append("</td>").toString();
    }

    private static String legend() {
        return "<p class=\"legend\">Each cell: the outcome observed on that side. PASS: the outcome the expectation "
                + "declares for the side (hover for it); FAIL: another outcome; N/A: the side could not run; "
                + "&ndash;: the behaviour does not run on that side. Expectations: <em>same</em> on every OS, "
                + "<em>different</em> (a documented Windows result), <em>unsupported</em> on Windows, "
                + "<em>windows-only</em>. Sources name the parity table's rows and the documents they cite.</p>\n";
    }

    /** The source text, escaped, with its web addresses as links. */
    static String linkify(String source) {
        if (source == null) {
            return "";
        }
        var html = new StringBuilder();
        Matcher m = LINK.matcher(source);
        int last = 0;
        while (m.find()) {
            String address = m.group().replaceAll("[.:]+$", "");
            html.append(escape(source.substring(last, m.start())));
            String href = address.startsWith("http") ? address : "https://" + address;
            html.append("<a href=\"").append(escape(href)).append("\" target=\"_blank\" rel=\"noopener\">")
                    .append(escape(address)).append("</a>");
            last = m.start() + address.length();
        }
        return html.append(escape(source.substring(last))).toString();
    }

    private static String cssClass(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static final String STYLE = """
            body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; font-size: 14px; margin: 16px; color: #222; }
            h1 { font-size: 20px; font-weight: 500; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border: 1px solid #ddd; padding: 6px 8px; vertical-align: top; text-align: left; }
            th { background: #f4f4f4; white-space: nowrap; }
            .id { font-weight: 600; white-space: nowrap; }
            .badge { display: inline-block; font-size: 11px; font-weight: 700; padding: 0 4px; border-radius: 3px; color: #fff; background: #999; }
            .cell.pass .badge, .verdict.pass { background: #97cc64; }
            .cell.fail .badge, .verdict.fail { background: #fd5a3e; }
            .cell.unavailable .badge, .verdict.incomplete { background: #d0d0d0; }
            .verdict { font-weight: 700; color: #fff; background: #999; }
            .cell.fail { background: #fff1ef; }
            .expected { color: #666; font-size: 12px; margin-top: 4px; }
            .source { font-size: 12px; color: #555; }
            .warning { background: #fff8e1; border-left: 4px solid #ffb300; padding: 6px 10px; }
            .note, .legend { color: #555; }
            dl.run { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; font-size: 12px; }
            dl.run dt { color: #666; } dl.run dd { margin: 0; }
            """;
}
