package io.iabulk.campaigns.rendering;

import static io.iabulk.campaigns.templates.TemplateVariables.ATTRIBUTES;
import static io.iabulk.campaigns.templates.TemplateVariables.EMAIL;
import static io.iabulk.campaigns.templates.TemplateVariables.FIRST_NAME;
import static io.iabulk.campaigns.templates.TemplateVariables.LAST_NAME;
import static io.iabulk.campaigns.templates.TemplateVariables.LOCALE;
import static io.iabulk.campaigns.templates.TemplateVariables.NEXT_MILESTONE;
import static io.iabulk.campaigns.templates.TemplateVariables.POINTS;
import static io.iabulk.campaigns.templates.TemplateVariables.RANK;
import static io.iabulk.campaigns.templates.TemplateVariables.REFERRALS;
import static io.iabulk.campaigns.templates.TemplateVariables.REFERRAL_CODE;
import static io.iabulk.campaigns.templates.TemplateVariables.REFERRAL_URL;
import static io.iabulk.campaigns.templates.TemplateVariables.TIME_ZONE;
import static io.iabulk.campaigns.templates.TemplateVariables.UNSUBSCRIBE_URL;

import io.iabulk.campaigns.templates.TemplateVariables;
import io.iabulk.contacts.ContactProfile;
import io.iabulk.contests.ContestParticipation;
import io.iabulk.contests.NextMilestone;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the model a template sees. The names and their meaning are listed once, in {@link
 * TemplateVariables} (see ADR 0008): the contact's profile, with a contest participation its
 * fields, {@code unsubscribeUrl}, the variables other modules fill ({@code predictions}, through
 * {@code PersonalisationSource}), plus the extra context of a transactional message. The built-in
 * names win over extra keys of the same name, and keys starting with {@code $} are instructions to
 * the renderer, never variables.
 */
public final class Personalisation {

    private Personalisation() {}

    /**
     * @param sourced the contact's variables from the personalisation sources (null or empty when
     *     they have none); only the names {@link TemplateVariables} lists as theirs are taken
     */
    public static Map<String, Object> model(
            ContactProfile contact,
            ContestParticipation participation,
            String unsubscribeUrl,
            Map<String, Object> sourced,
            Map<String, Object> extra) {
        Map<String, Object> model = new HashMap<>();
        if (extra != null) {
            extra.forEach((key, value) -> {
                if (!key.startsWith("$")) {
                    model.put(key, value);
                }
            });
        }
        model.put(FIRST_NAME, contact.firstName());
        model.put(LAST_NAME, contact.lastName());
        model.put(EMAIL, contact.email());
        model.put(LOCALE, contact.locale());
        model.put(TIME_ZONE, contact.timeZone());
        model.put(ATTRIBUTES, contact.attributes());
        if (participation != null) {
            model.put(REFERRAL_URL, participation.referralUrl());
            model.put(REFERRAL_CODE, participation.referralCode());
            model.put(RANK, participation.rank());
            model.put(POINTS, participation.points());
            model.put(REFERRALS, participation.referrals());
            model.put(NEXT_MILESTONE, milestone(participation.nextMilestone()));
        }
        model.put(UNSUBSCRIBE_URL, unsubscribeUrl);
        if (sourced != null) {
            sourced.forEach((name, value) -> {
                TemplateVariables.Variable variable = TemplateVariables.variable(name);
                if (variable != null && variable.source() == TemplateVariables.Source.PREDICTIONS && value != null) {
                    model.put(name, value);
                }
            });
        }
        return model;
    }

    private static Map<String, Object> milestone(NextMilestone next) {
        if (next == null) {
            return null;
        }
        Map<String, Object> milestone = new LinkedHashMap<>();
        // TemplateVariables.NEXT_MILESTONE_FIELDS
        milestone.put("referrals", next.referrals());
        milestone.put("reward", next.reward());
        milestone.put("remaining", next.remaining());
        return milestone;
    }
}
