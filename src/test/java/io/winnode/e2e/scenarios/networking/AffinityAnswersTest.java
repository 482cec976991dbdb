package io.winnode.e2e.scenarios.networking;

import io.winnode.e2e.framework.exec.ExecResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NET-09 false pass (coverage-review.md §7.2): failed requests are failures, never a backend. */
class AffinityAnswersTest {

    private static final ExecResult TIMED_OUT = new ExecResult(28, "",
            "curl: (28) Failed to connect to 10.96.0.20 port 80 after 5002 ms: Timeout was reached");

    private static ExecResult answeredBy(String backend) {
        return new ExecResult(0, backend + "\n", "");
    }

    @Test
    void tenIdenticalFailuresAreReportedAsFailuresNotAsOneBackend() {
        String outcome = AffinityAnswers.of(Collections.nCopies(10, TIMED_OUT)).outcome().detail();

        assertThat(outcome).as("a detail, not a named outcome").isNotNull()
                .startsWith("10 of 10 requests failed").contains("Timeout was reached");
    }

    @Test
    void oneFailureAmongAnswersFromOneBackendIsNotAffinity() {
        var answers = new ArrayList<>(Collections.nCopies(9, answeredBy("affinity-abc")));
        answers.add(TIMED_OUT);

        assertThat(AffinityAnswers.of(answers).outcome().detail())
                .startsWith("1 of 10 requests failed").contains("the others were answered by [affinity-abc]");
    }

    @Test
    void everyRequestAnsweredByOneBackendIsAffinity() {
        assertThat(AffinityAnswers.of(Collections.nCopies(10, answeredBy("affinity-abc"))).outcome())
                .isEqualTo(AffinityAnswers.ONE_BACKEND);
    }

    @Test
    void answersFromSeveralBackendsNameThem() {
        assertThat(AffinityAnswers.of(List.of(answeredBy("a"), answeredBy("b"), answeredBy("a"))).outcome())
                .isEqualTo(AffinityAnswers.SPREAD);
    }

    @Test
    void noAnswerAtAllIsAProgrammingError() {
        assertThatThrownBy(() -> AffinityAnswers.of(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }
}
