package io.winnode.e2e.runner;

import java.io.PrintWriter;

import io.winnode.e2e.framework.cluster.Cluster;

/** The run's one line on what the API server made its client retry, when it made it retry anything. */
final class ApiServerWeatherReport {

    private ApiServerWeatherReport() {
    }

    static void print(Cluster cluster, PrintWriter out) {
        String summary = cluster.apiAnswers().summary();
        if (!summary.isEmpty()) {
            out.println(summary);
        }
    }
}
