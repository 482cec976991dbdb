package io.winnode.e2e.runner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

/** One in-process {@code winnode} invocation with its captured stdout and stderr. */
public record Invocation(int exitCode, String out, String err, Duration took) {

    public static final String PASSING = "io.winnode.e2e.runner.fixtures.passing";
    public static final String FAILING = "io.winnode.e2e.runner.fixtures.failing";

    static Invocation of(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        long start = System.nanoTime();
        int code = Winnode.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Invocation(code, out.toString(), err.toString(), Duration.ofNanos(System.nanoTime() - start));
    }

    List<String> outLines() {
        return out.lines().toList();
    }
}
