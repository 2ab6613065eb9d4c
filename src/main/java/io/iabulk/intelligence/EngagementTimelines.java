package io.iabulk.intelligence;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads contacts' timelines: the imported history merged with this platform's own sends (through
 * the delivery module's public service), plus the contact and contest facts (through theirs).
 */
public interface EngagementTimelines {

    /** One contact's timeline, or empty when it is not a contact (erased, unknown). */
    Optional<ContactTimeline> of(long contactId);

    /**
     * Every active contact's timeline, in contact id order, read in pages (memory bounded by the
     * page, not by the number of contacts): for training and batch scoring.
     */
    void forEachActive(Consumer<ContactTimeline> consumer);
}
