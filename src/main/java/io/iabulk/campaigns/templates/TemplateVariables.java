package io.iabulk.campaigns.templates;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a template can use, in one place: the variables of the personalisation model (filled by
 * {@code rendering.Personalisation}), the fields of {@code nextMilestone} and the helpers ({@link
 * TemplateHelpers} allows exactly these). The preview's warnings, the README's table and the
 * renderer all read this list, so a name added here is documented and known everywhere. The
 * console's template editor lists them too (the named interface {@code campaigns :: template-variables}).
 */
@org.springframework.modulith.NamedInterface("template-variables")
public final class TemplateVariables {

    /** Where a variable's value comes from. */
    public enum Source {
        /** The contact's profile: always present, possibly empty. */
        CONTACT,
        /** The contact's participation in the campaign's (or message's) contest: empty without one. */
        CONTEST,
        /** The send itself. */
        SEND,
        /**
         * The contact's stored predictions (the intelligence module, through {@code
         * PersonalisationSource}): empty until the contact is scored.
         */
        PREDICTIONS
    }

    /**
     * A variable of the model.
     *
     * @param example how a template writes it and what it may render
     */
    public record Variable(String name, Source source, String meaning, String example) {}

    /** A helper a template may call. */
    public record HelperUse(String name, String meaning, String example) {}

    public static final String FIRST_NAME = "firstName";
    public static final String LAST_NAME = "lastName";
    public static final String EMAIL = "email";
    public static final String LOCALE = "locale";
    public static final String TIME_ZONE = "timeZone";
    public static final String ATTRIBUTES = "attributes";
    public static final String REFERRAL_URL = "referralUrl";
    public static final String REFERRAL_CODE = "referralCode";
    public static final String RANK = "rank";
    public static final String POINTS = "points";
    public static final String REFERRALS = "referrals";
    public static final String NEXT_MILESTONE = "nextMilestone";
    public static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    public static final String PREDICTIONS = "predictions";

    /** Every variable of the model, in the order the documentation lists them. */
    public static final List<Variable> VARIABLES = List.of(
            new Variable(FIRST_NAME, Source.CONTACT, "the contact's first name", "{{firstName}} → Ada"),
            new Variable(LAST_NAME, Source.CONTACT, "the contact's last name", "{{lastName}} → Lovelace"),
            new Variable(EMAIL, Source.CONTACT, "the contact's address, as typed", "{{email}} → ada@example.com"),
            new Variable(LOCALE, Source.CONTACT, "the contact's language (BCP 47)", "{{locale}} → en-GB"),
            new Variable(TIME_ZONE, Source.CONTACT, "the contact's time zone", "{{timeZone}} → Europe/London"),
            new Variable(
                    ATTRIBUTES,
                    Source.CONTACT,
                    "the contact's attributes (imported columns, API fields), by name; "
                            + "attributes.[odd name] for a name with spaces",
                    "{{attributes.plan}} → pro"),
            new Variable(
                    REFERRAL_URL,
                    Source.CONTEST,
                    "the link the participant shares",
                    "{{referralUrl}} → https://example.com/r/K7QX2M"),
            new Variable(REFERRAL_CODE, Source.CONTEST, "the participant's referral code", "{{referralCode}} → K7QX2M"),
            new Variable(RANK, Source.CONTEST, "position on the leaderboard, from 1", "#{{rank}} → #3"),
            new Variable(POINTS, Source.CONTEST, "points earned", "{{points}} → 20"),
            new Variable(REFERRALS, Source.CONTEST, "credited referrals", "{{referrals}} → 2"),
            new Variable(
                    NEXT_MILESTONE,
                    Source.CONTEST,
                    "the next reward within reach: referrals (needed), reward, remaining; "
                            + "absent when every milestone is reached",
                    "{{#if nextMilestone}}{{nextMilestone.remaining}} more for {{nextMilestone.reward}}{{/if}}"
                            + " → 1 more for T-shirt"),
            new Variable(
                    UNSUBSCRIBE_URL,
                    Source.SEND,
                    "the one-click unsubscribe link of this message",
                    "<a href=\"{{unsubscribeUrl}}\">Unsubscribe</a>"),
            new Variable(
                    PREDICTIONS,
                    Source.PREDICTIONS,
                    "the contact's predicted engagement as of its last scoring: tier (HIGH, MEDIUM, LOW, DORMANT), "
                            + "engagementScore (0 to 100, its percentile among active contacts), openProbability and "
                            + "clickProbability (for a send at a typical hour of the coming week); absent until the "
                            + "contact is scored",
                    "{{predictions.tier}} → HIGH"));

    /** The fields of {@code nextMilestone}. */
    public static final List<String> NEXT_MILESTONE_FIELDS = List.of("referrals", "reward", "remaining");

    /** The fields of {@code predictions}. */
    public static final List<String> PREDICTIONS_FIELDS =
            List.of("tier", "engagementScore", "openProbability", "clickProbability");

    /** The helpers a template may call; any other is a syntax error when the template is stored. */
    public static final List<HelperUse> HELPERS = List.of(
            new HelperUse(
                    "default",
                    "the value, or the fallback when it is missing, null, blank or empty",
                    "{{default firstName \"there\"}} → there"),
            new HelperUse(
                    "if",
                    "the block when the value is set (not missing, false, 0, \"\" or an empty list)",
                    "{{#if firstName}}…{{else}}…{{/if}}"),
            new HelperUse("unless", "the block when the value is not set", "{{#unless attributes.vip}}…{{/unless}}"),
            new HelperUse(
                    "each",
                    "the block once per element of a list or entry of a map ({{this}}, {{@index}}, {{@key}})",
                    "{{#each items}}{{name}}{{/each}}"),
            new HelperUse(
                    "with", "the block with the value as its context", "{{#with nextMilestone}}{{reward}}{{/with}}"),
            new HelperUse("lookup", "a field by a computed name", "{{lookup attributes \"plan\"}} → pro"));

    private static final Set<String> NAMES =
            VARIABLES.stream().map(Variable::name).collect(Collectors.toCollection(LinkedHashSet::new));

    private static final Set<String> HELPER_NAMES =
            HELPERS.stream().map(HelperUse::name).collect(Collectors.toUnmodifiableSet());

    private TemplateVariables() {}

    /** The top-level names of the model, in documentation order. */
    public static Set<String> names() {
        return NAMES;
    }

    /** Whether {@code name} is a variable of the model. */
    public static boolean isVariable(String name) {
        return NAMES.contains(name);
    }

    /** The variable of this name, or null. */
    public static Variable variable(String name) {
        return VARIABLES.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
    }

    /** The names of the helpers a template may call. */
    public static Set<String> helperNames() {
        return HELPER_NAMES;
    }
}
