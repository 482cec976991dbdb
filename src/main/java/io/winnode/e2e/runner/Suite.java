package io.winnode.e2e.runner;

/**
 * One suite file, {@code suites/<name>.yaml}: a named selection of scenarios by tags.
 *
 * @param include tag expression a test must match (absent: every test)
 * @param exclude tag expression a test must not match (absent: nothing excluded)
 */
public record Suite(String name, String description, String include, String exclude) {

    /** {@code (include) & !(exclude)}, the suite's selection as one JUnit tag expression. */
    public String tagExpression() {
        String included = blank(include) ? "any()" : "(" + include.strip() + ")";
        return blank(exclude) ? included : included + " & !(" + exclude.strip() + ")";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
