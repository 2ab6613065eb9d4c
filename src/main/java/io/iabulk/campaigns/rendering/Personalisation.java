package io.iabulk.campaigns.rendering;

import io.iabulk.contacts.ContactProfile;
import io.iabulk.contests.ContestParticipation;
import io.iabulk.contests.NextMilestone;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables a template sees (see ADR 0008): {@code firstName}, {@code lastName}, {@code
 * email}, {@code locale}, {@code timeZone}, {@code attributes.<name>}; with a contest participation
 * {@code referralUrl}, {@code referralCode}, {@code rank}, {@code points}, {@code referrals} and
 * {@code nextMilestone} (an object: {@code referrals}, {@code reward}, {@code remaining}; absent
 * when none is left); {@code unsubscribeUrl}; plus the extra context of a transactional message.
 * The built-in names win over extra keys of the same name, and keys starting with {@code $} are
 * instructions to the renderer, never variables.
 */
public final class Personalisation {

    private Personalisation() {}

    public static Map<String, Object> model(
            ContactProfile contact,
            ContestParticipation participation,
            String unsubscribeUrl,
            Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>();
        if (extra != null) {
            extra.forEach((key, value) -> {
                if (!key.startsWith("$")) {
                    model.put(key, value);
                }
            });
        }
        model.put("firstName", contact.firstName());
        model.put("lastName", contact.lastName());
        model.put("email", contact.email());
        model.put("locale", contact.locale());
        model.put("timeZone", contact.timeZone());
        model.put("attributes", contact.attributes());
        if (participation != null) {
            model.put("referralUrl", participation.referralUrl());
            model.put("referralCode", participation.referralCode());
            model.put("rank", participation.rank());
            model.put("points", participation.points());
            model.put("referrals", participation.referrals());
            model.put("nextMilestone", milestone(participation.nextMilestone()));
        }
        model.put("unsubscribeUrl", unsubscribeUrl);
        return model;
    }

    private static Map<String, Object> milestone(NextMilestone next) {
        if (next == null) {
            return null;
        }
        Map<String, Object> milestone = new LinkedHashMap<>();
        milestone.put("referrals", next.referrals());
        milestone.put("reward", next.reward());
        milestone.put("remaining", next.remaining());
        return milestone;
    }
}
