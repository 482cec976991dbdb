package io.winnode.e2e.runner.selection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tags a JUnit tag expression names, and the tags the project declares. */
class TagNamesTest {

    @Test
    void operatorsAndParenthesesAreNotTags() {
        assertThat(TagNames.in("(smoke | scheduling) & !(slow)")).containsExactly("smoke", "scheduling", "slow");
    }

    @Test
    void dottedCategoryTagsAreOneTag() {
        assertThat(TagNames.in("Core.Network|Extend.HostProcess&!disruptive"))
                .containsExactly("Core.Network", "Extend.HostProcess", "disruptive");
    }

    @Test
    void anyAndNoneAreKeywordsButOnlyWithTheirParentheses() {
        assertThat(TagNames.in("any() & !none()")).isEmpty();
        assertThat(TagNames.in("!anything | nonesuch")).containsExactly("anything", "nonesuch");
    }

    @Test
    void aRepeatedTagIsNamedOnce() {
        assertThat(TagNames.in("slow | (slow & serial)")).containsExactly("slow", "serial");
    }

    @Test
    void noExpressionNamesNoTags() {
        assertThat(TagNames.in(null)).isEmpty();
        assertThat(TagNames.in("  ")).isEmpty();
    }

    @Test
    void theDeclaredTagsAreTheValuesOfTheTagsConstants() {
        assertThat(TagNames.declared()).contains("smoke", "serial", "Core.Network", "Extend.HostProcess")
                .doesNotContain("SMOKE", "CORE_NETWORK");
    }
}
