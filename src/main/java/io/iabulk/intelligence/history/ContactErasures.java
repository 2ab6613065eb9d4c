package io.iabulk.intelligence.history;

import io.iabulk.contacts.ContactErased;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Deletes what this module derived from a person once the contact is erased: the imported
 * engagement history and the stored predictions. The sends of our own campaigns stay with the
 * delivery module (without the address, as the erasure leaves them).
 */
@Component
class ContactErasures {

    private final JdbcClient jdbc;

    ContactErasures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(ContactErased erased) {
        // each by its primary key (or its leading column): a few index lookups
        for (String table : new String[] {"engagement_history", "contact_prediction_hours", "contact_predictions"}) {
            jdbc.sql("DELETE FROM " + table + " WHERE contact_id = :id")
                    .param("id", erased.contactId())
                    .update();
        }
    }
}
