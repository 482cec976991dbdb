package io.winnode.e2e.framework.exec;

/** What a command run in a container returned: its exit code and both output streams. */
public record ExecResult(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** The last line of stderr, or of stdout when stderr is empty: where tools put their reason. */
    public String reason() {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ", stdout=" + quote(stdout) + ", stderr=" + quote(stderr);
    }

    private static String quote(String s) {
        String flat = s.strip().replace("\r", "").replace("\n", "\\n");
        return "'" + (flat.length() > 300 ? flat.substring(0, 300) + "..." : flat) + "'";
    }
}
