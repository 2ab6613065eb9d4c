package io.iabulk.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @CsvSource({
        "Jane.Doe@Example.com, jane.doe@example.com",
        "j.a.n.e+news@gmail.com, jane@gmail.com",
        "JANE@googlemail.com, jane@gmail.com",
        "jane+tag@outlook.com, jane@outlook.com",
        "jane+tag@example.com, jane+tag@example.com",
        "j.ane@example.com, j.ane@example.com",
        "  jane@fastmail.com  , jane@fastmail.com"
    })
    void normalisesForMatching(String typed, String normalized) {
        assertThat(EmailAddress.parse(typed).normalized()).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jane.Doe+x@GMail.com", "o'brien@example.ie"})
    void keepsTheAddressAsTyped(String typed) {
        assertThat(EmailAddress.parse(typed).address()).isEqualTo(typed);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plainaddress",
                "@example.com",
                "jane@",
                "jane@example",
                "ja ne@example.com",
                "jane@@example.com"
            })
    void refusesWhatIsNotAnAddress(String typed) {
        assertThatThrownBy(() -> EmailAddress.parse(typed)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void domainIsLowerCased() {
        assertThat(EmailAddress.parse("x@Mailinator.COM").domain()).isEqualTo("mailinator.com");
    }
}
