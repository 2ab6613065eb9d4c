package io.iabulk.contests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void digitsOnlyAreAnIdAndAnythingElseASlug() {
        assertThat(Slugs.isId("42")).isTrue();
        assertThat(Slugs.isId("007")).isTrue();
        assertThat(Slugs.isId("99999999999999999999")).isTrue();
        assertThat(Slugs.isId("summer")).isFalse();
        assertThat(Slugs.isId("2025-edition")).isFalse();
        assertThat(Slugs.isId("-1")).isFalse();
        assertThat(Slugs.isId("")).isFalse();
        assertThat(Slugs.isId("٤٢")).as("other scripts' digits are not an id").isFalse();
    }

    @Test
    void aNewSlugIsNeverDigitsOnly() {
        assertThat("2025").doesNotMatch(Slugs.PATTERN);
        assertThat("2025-edition").matches(Slugs.PATTERN);
        assertThat("summer").matches(Slugs.PATTERN);
        assertThat(Slugs.fromName("2025")).isEqualTo("contest-2025");
        assertThat(Slugs.fromName("2025 Édition")).isEqualTo("2025-edition");
        assertThat(Slugs.fromName("!!!")).isEqualTo("contest");
    }

    @Test
    void onlyTextShapedLikeASlugIsLookedUp() {
        assertThat(Slugs.couldExist("2025"))
                .as("stored before digits only were refused")
                .isTrue();
        assertThat(Slugs.couldExist("summer-launch")).isTrue();
        assertThat(Slugs.couldExist("Summer")).isFalse();
        assertThat(Slugs.couldExist("x".repeat(65))).isFalse();
        assertThat(Slugs.couldExist("a/b")).isFalse();
    }
}
