package io.iabulk.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a remote server sends back is stored as the columns can hold it, never refused as a whole. */
class StorableOutcomeTest {

    @Test
    void anErrorTextLosesItsNulBytesAndIsCutAtAThousandCharacters() {
        assertThat(JdbcSendResults.storableError("550\u0000 no such\u0000 user"))
                .isEqualTo("550 no such user");
        assertThat(JdbcSendResults.storableError("x".repeat(5_000))).hasSize(1_000);
        assertThat(JdbcSendResults.storableError(null)).isNull();
    }

    @Test
    void aProviderIdTheColumnCannotHoldIsNotKept() {
        assertThat(JdbcSendResults.storableId("14c5d75ce93.dfd.64b469")).isEqualTo("14c5d75ce93.dfd.64b469");
        assertThat(JdbcSendResults.storableId("a".repeat(256))).isNull();
        assertThat(JdbcSendResults.storableId("id\u0000")).isNull();
    }
}
