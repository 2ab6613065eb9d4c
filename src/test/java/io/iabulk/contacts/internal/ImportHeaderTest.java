package io.iabulk.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.iabulk.platform.InvalidRequestException;
import org.junit.jupiter.api.Test;

class ImportHeaderTest {

    @Test
    void theKnownColumnsAreFoundWhateverTheCaseAndSeparators() {
        for (String name : new String[] {"email", "EMAIL", "Email Address", "email_address", "E-mail", "e.mail"}) {
            assertThat(ImportHeader.column(name)).as(name).isEqualTo("email");
        }
        for (String name : new String[] {"first_name", "firstName", "First Name", "FNAME", "first-name"}) {
            assertThat(ImportHeader.column(name)).as(name).isEqualTo("first_name");
        }
        for (String name : new String[] {"last_name", "LastName", "Last Name", "LNAME", "Surname"}) {
            assertThat(ImportHeader.column(name)).as(name).isEqualTo("last_name");
        }
        for (String name : new String[] {"time_zone", "timeZone", "TIMEZONE", "Time Zone", "tz"}) {
            assertThat(ImportHeader.column(name)).as(name).isEqualTo("time_zone");
        }
        assertThat(ImportHeader.column("Locale")).isEqualTo("locale");
        assertThat(ImportHeader.column("STATUS")).isEqualTo("status");
        for (String name : new String[] {"emails", "name", "first", "zone", "mail", "language"}) {
            assertThat(ImportHeader.column(name)).as(name).isNull();
        }
    }

    @Test
    void anotherColumnBecomesAnAttributeNamedWithUnderscoresOrIsRefused() {
        assertThat(ImportHeader.attribute("plan")).isEqualTo("plan");
        assertThat(ImportHeader.attribute("MEMBER_RATING")).isEqualTo("MEMBER_RATING");
        assertThat(ImportHeader.attribute("Phone Number")).isEqualTo("Phone_Number");
        assertThat(ImportHeader.attribute("OPTIN-TIME (UTC)")).isEqualTo("OPTIN_TIME_UTC");
        assertThat(ImportHeader.attribute(" Café  crème ")).isEqualTo("Caf_cr_me");
        assertThat(ImportHeader.attribute("2nd choice")).isNull();
        assertThat(ImportHeader.attribute("%%")).isNull();
        assertThat(ImportHeader.attribute("")).isNull();
        assertThat(ImportHeader.attribute("x".repeat(65))).isNull();
    }

    @Test
    void aPreviousMailersStatusSuppressesOrChangesNothing() {
        assertThat(ImportRows.status(" Unsubscribed ")).isEqualTo("UNSUBSCRIBED");
        assertThat(ImportRows.status("cleaned")).isEqualTo("BOUNCED");
        assertThat(ImportRows.status("BOUNCED")).isEqualTo("BOUNCED");
        assertThat(ImportRows.status("complained")).isEqualTo("COMPLAINED");
        for (String nothing : new String[] {"subscribed", "Active", "", "  "}) {
            assertThat(ImportRows.status(nothing)).as("'%s'", nothing).isNull();
        }
        assertThatThrownBy(() -> ImportRows.status("pending")).hasMessageContaining("got 'pending'");
    }

    @Test
    void aHeaderMapsItsColumnsAndRefusesTwoSpellingsOfOne() {
        ImportHeader header =
                ImportHeader.of(new String[] {"Email Address", "First Name", "Phone Number", "TZ", "Status"});

        assertThat(header.email()).isZero();
        assertThat(header.firstName()).isEqualTo(1);
        assertThat(header.timeZone()).isEqualTo(3);
        assertThat(header.status()).isEqualTo(4);
        assertThat(header.attributeNames()).containsExactly(null, null, "Phone_Number", null, null);

        assertThatThrownBy(() -> ImportHeader.of(new String[] {"email", "Email Address"}))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ImportHeader.of(new String[] {"email", "City", "city"}))
                .isInstanceOf(InvalidRequestException.class);
    }
}
