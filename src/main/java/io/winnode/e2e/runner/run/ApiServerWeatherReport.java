package io.winnode.e2e.runner.run;

import io.winnode.e2e.framework.cluster.ApiAnswers;

import java.io.PrintWriter;

/**
 * The run's one line on what the API server made its clients retry (the runner's and the scenarios'), when it made
 * them retry anything: counted from the run's start, so that earlier runs in the same JVM do not show.
 */
public final class ApiServerWeatherReport {

    private final ApiAnswers.Tally atStart;

    private ApiServerWeatherReport(ApiAnswers.Tally atStart) {
        this.atStart = atStart;
    }

    public static ApiServerWeatherReport start() {
        return new ApiServerWeatherReport(ApiAnswers.ofThisJvm().tally());
    }

    public void print(PrintWriter out) {
        String summary = ApiAnswers.ofThisJvm().tally().since(atStart).summary();
        if (!summary.isEmpty()) {
            out.println(summary);
        }
    }
}
