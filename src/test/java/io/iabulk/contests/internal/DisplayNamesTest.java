package io.iabulk.contests.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayNamesTest {

    @Test
    void firstNameAndInitialWhenNamesAreKnown() {
        assertThat(DisplayNames.mask("Jane", "Doe", "jane@example.com")).isEqualTo("Jane D.");
        assertThat(DisplayNames.mask(" Élodie ", "Ünal", "e@example.com")).isEqualTo("Élodie Ü.");
        assertThat(DisplayNames.mask("Jane", null, "jane@example.com")).isEqualTo("Jane");
    }

    @Test
    void maskedAddressOtherwise() {
        assertThat(DisplayNames.mask(null, null, "jane.doe@Gmail.com")).isEqualTo("j***@gmail.com");
        assertThat(DisplayNames.mask(" ", "Doe", "x@example.com")).isEqualTo("x***@example.com");
        assertThat(DisplayNames.mask(null, null, "Alice@Example.org")).isEqualTo("a***@example.org");
    }
}
