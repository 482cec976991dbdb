package io.winnode.e2e.runner.run;

import io.qameta.allure.util.ResultsUtils;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What Allure's {@code executor.json} says about where a run ran (the report's "Executor" widget;
 * {@code buildOrder} and {@code buildName} also label the trend charts), read from the variables
 * each CI system sets: Prow, GitHub Actions, Jenkins, any other CI, else a local run.
 */
final class CiExecutor {

    private CiExecutor() {
    }

    static Map<String, Object> describe(Function<String, String> env) {
        var executor = new LinkedHashMap<String, Object>();
        if (env.apply("PROW_JOB_ID") != null) {
            // Prow exports no link to its job page (Deck's address is the deployment's); a job that
            // knows it can export BUILD_URL.
            String type = env.apply("JOB_TYPE");
            fill(executor, "Prow", "prow", env.apply("JOB_NAME"), env.apply("BUILD_ID"), type == null ? null : "(" + type + ")");
            putIfPresent(executor, "buildUrl", env.apply("BUILD_URL"));
        } else if (env.apply("GITHUB_ACTIONS") != null) {
            fill(executor, "GitHub Actions", "github", env.apply("GITHUB_WORKFLOW"), env.apply("GITHUB_RUN_NUMBER"), null);
            String server = env.apply("GITHUB_SERVER_URL");
            String repository = env.apply("GITHUB_REPOSITORY");
            if (server != null && repository != null) {
                executor.put("url", server + "/" + repository);
                if (env.apply("GITHUB_RUN_ID") != null) {
                    executor.put("buildUrl", server + "/" + repository + "/actions/runs/" + env.apply("GITHUB_RUN_ID"));
                }
            }
        } else if (env.apply("JENKINS_URL") != null) {
            fill(executor, "Jenkins", "jenkins", env.apply("JOB_NAME"), env.apply("BUILD_NUMBER"), null);
            executor.put("url", env.apply("JENKINS_URL"));
            putIfPresent(executor, "buildUrl", env.apply("BUILD_URL"));
        } else if (env.apply("CI") != null || env.apply("BUILD_ID") != null || env.apply("JOB_NAME") != null) {
            fill(executor, "CI", "ci", env.apply("JOB_NAME"), env.apply("BUILD_ID"), null);
            putIfPresent(executor, "buildUrl", env.apply("BUILD_URL"));
        } else {
            executor.put("name", "Local run");
            executor.put("type", "local");
            executor.put("buildName", ResultsUtils.getHostName());
        }
        return executor;
    }

    private static void fill(Map<String, Object> executor, String name, String type, String job, String build, String suffix) {
        executor.put("name", name);
        executor.put("type", type);
        putIfPresent(executor, "reportName", job);
        if (build != null) {
            executor.put("buildName", (job == null ? "" : job + " ") + "#" + build + (suffix == null ? "" : " " + suffix));
            // Allure orders the trend by it, a Long (Prow's BUILD_IDs have 19 digits).
            try {
                executor.put("buildOrder", Long.parseLong(build));
            } catch (NumberFormatException notANumber) {
                // A build named otherwise has no order.
            }
        }
    }

    private static void putIfPresent(Map<String, Object> executor, String key, String value) {
        if (value != null && !value.isBlank()) {
            executor.put(key, value);
        }
    }
}
