package io.winnode.e2e.runner.run;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** executor.json from each CI system's variables. */
class CiExecutorTest {

    @Test
    void aProwJobNamesItsJobBuildAndType() {
        Map<String, Object> prow = CiExecutor.describe(Map.of("PROW_JOB_ID", "5f1c", "JOB_NAME", "ci-winnode-e2e-periodic",
                "BUILD_ID", "1862030405060708096", "JOB_TYPE", "periodic", "CI", "true")::get);

        assertThat(prow).containsEntry("name", "Prow").containsEntry("type", "prow")
                .containsEntry("reportName", "ci-winnode-e2e-periodic")
                .containsEntry("buildName", "ci-winnode-e2e-periodic #1862030405060708096 (periodic)")
                .containsEntry("buildOrder", 1862030405060708096L)
                .doesNotContainKey("buildUrl");
        assertThat(CiExecutor.describe(Map.of("PROW_JOB_ID", "5f1c", "BUILD_ID", "7",
                "BUILD_URL", "https://prow.example/view/gs/logs/job/7")::get))
                .containsEntry("buildUrl", "https://prow.example/view/gs/logs/job/7");
    }

    @Test
    void aGitHubActionsRunLinksItsRun() {
        Map<String, Object> github = CiExecutor.describe(Map.of("GITHUB_ACTIONS", "true", "CI", "true",
                "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "winnode/winnode-e2e",
                "GITHUB_RUN_ID", "9876543210", "GITHUB_RUN_NUMBER", "42", "GITHUB_WORKFLOW", "e2e")::get);

        assertThat(github).containsEntry("name", "GitHub Actions").containsEntry("type", "github")
                .containsEntry("buildName", "e2e #42").containsEntry("buildOrder", 42L)
                .containsEntry("url", "https://github.com/winnode/winnode-e2e")
                .containsEntry("buildUrl", "https://github.com/winnode/winnode-e2e/actions/runs/9876543210");
    }

    @Test
    void aJenkinsBuildLinksItsBuild() {
        Map<String, Object> jenkins = CiExecutor.describe(Map.of("JENKINS_URL", "https://jenkins.example/",
                "BUILD_URL", "https://jenkins.example/job/winnode/12/", "JOB_NAME", "winnode", "BUILD_NUMBER", "12",
                "BUILD_ID", "12")::get);

        assertThat(jenkins).containsEntry("name", "Jenkins").containsEntry("type", "jenkins")
                .containsEntry("buildName", "winnode #12").containsEntry("buildOrder", 12L)
                .containsEntry("buildUrl", "https://jenkins.example/job/winnode/12/");
    }

    @Test
    void anyOtherCiAndALocalRunAreNamed() {
        assertThat(CiExecutor.describe(Map.of("CI", "true", "BUILD_ID", "abc")::get))
                .containsEntry("name", "CI").containsEntry("buildName", "#abc").doesNotContainKey("buildOrder");
        assertThat(CiExecutor.describe(Map.<String, String>of()::get))
                .containsEntry("name", "Local run").containsEntry("type", "local").containsKey("buildName");
    }
}
