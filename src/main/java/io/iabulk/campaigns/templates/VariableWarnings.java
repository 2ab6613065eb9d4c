package io.iabulk.campaigns.templates;

import io.iabulk.campaigns.TemplateWarning;
import io.iabulk.campaigns.TemplateWarning.Kind;
import io.iabulk.campaigns.templates.TemplateVariables.Source;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the references a preview could not resolve into warnings an operator can act on. A name
 * the model never has ({@code {{company}}}, {@code {{first_name}}}) is {@link Kind#UNKNOWN_VARIABLE}
 * wherever it is written, with the nearest name (an attribute of the contact, a variable) or the
 * list of names. A name the model has but this contact leaves empty ({@code firstName}, an
 * attribute it lacks, {@code rank} without a contest) is {@link Kind#EMPTY_VARIABLE}, and only when
 * written as a plain {@code {{variable}}}: as a parameter of {@code default} or {@code if} the
 * template already says what to do when it is empty.
 */
public final class VariableWarnings {

    private static final List<String> PARTS = List.of("subject", "html", "text");

    /**
     * What the preview rendered for.
     *
     * @param attributes the contact's attributes
     * @param contextKeys the names the preview's extra context gave
     * @param contestId the preview's contest, or null
     * @param participant whether the contact takes part in that contest
     */
    public record Facts(Map<String, String> attributes, Set<String> contextKeys, Long contestId, boolean participant) {}

    private VariableWarnings() {}

    /** The warnings, subject first, then html, then text; each reference once per part. */
    public static List<TemplateWarning> of(List<UnresolvedVariable> unresolved, Facts facts) {
        List<TemplateWarning> warnings = new ArrayList<>();
        for (UnresolvedVariable reference : unresolved) {
            TemplateWarning warning = warning(reference, facts);
            if (warning != null) {
                warnings.add(warning);
            }
        }
        warnings.sort(BY_PART);
        return warnings;
    }

    /** Subject first, then html, then text; stable within a part. */
    public static final Comparator<TemplateWarning> BY_PART = Comparator.comparingInt(w -> PARTS.indexOf(w.part()));

    static TemplateWarning warning(UnresolvedVariable reference, Facts facts) {
        String name = reference.name();
        String path = withoutThis(name);
        if (path.startsWith("@")) {
            return unknown(reference, "{{" + name + "}} is set only inside {{#each}} (@index, @key, @first, @last).");
        }
        if (path.startsWith("../")) {
            return reference.plain()
                    ? empty(reference, "{{" + name + "}} resolved to nothing in the enclosing block's value.")
                    : null;
        }
        String[] split = split(path);
        String root = split[0];
        String rest = split[1];
        boolean known = TemplateVariables.isVariable(root);
        boolean inContext = facts.contextKeys().contains(root);
        if (!known && !inContext) {
            String what = reference.nested()
                    ? "{{" + name + "}} resolved to nothing: it is neither a field of the {{#each}} or {{#with}}"
                            + " value here nor a variable of the model"
                    : "{{" + name + "}} is not a variable of the model";
            return unknown(reference, what + suggestion(root, facts) + ".");
        }
        if (!reference.plain()) {
            return null; // {{default x "…"}}, {{#if x}}: the template handles an empty value
        }
        if (!known) {
            return empty(reference, "{{" + name + "}} is empty in the preview's context.");
        }
        TemplateVariables.Variable variable = TemplateVariables.variable(root);
        if (root.equals(TemplateVariables.ATTRIBUTES)) {
            return attribute(reference, rest, facts);
        }
        if (root.equals(TemplateVariables.NEXT_MILESTONE)
                && !rest.isEmpty()
                && !TemplateVariables.NEXT_MILESTONE_FIELDS.contains(unbracket(split(rest)[0]))) {
            return unknown(
                    reference,
                    "{{" + name + "}} is not a field of nextMilestone, which has "
                            + String.join(", ", TemplateVariables.NEXT_MILESTONE_FIELDS) + ".");
        }
        if (root.equals(TemplateVariables.PREDICTIONS)
                && !rest.isEmpty()
                && !TemplateVariables.PREDICTIONS_FIELDS.contains(unbracket(split(rest)[0]))) {
            return unknown(
                    reference,
                    "{{" + name + "}} is not a field of predictions, which has "
                            + String.join(", ", TemplateVariables.PREDICTIONS_FIELDS) + ".");
        }
        if (variable.source() == Source.CONTEST) {
            return empty(reference, contest(name, root, facts));
        }
        if (variable.source() == Source.PREDICTIONS) {
            return empty(
                    reference,
                    "{{" + name + "}} is empty: this contact has no stored predictions yet (active contacts are"
                            + " scored daily and after a model is activated); write {{default " + name
                            + " \"…\"}} or wrap it in {{#if predictions}}…{{/if}}.");
        }
        return empty(
                reference,
                "{{" + name + "}} is empty for this contact: write {{default " + name + " \"…\"}} or wrap it in {{#if "
                        + name + "}}…{{/if}}.");
    }

    private static TemplateWarning attribute(UnresolvedVariable reference, String rest, Facts facts) {
        String name = reference.name();
        if (rest.isEmpty()) {
            return empty(reference, "{{" + name + "}} resolved to nothing for this contact.");
        }
        String attribute = unbracket(split(rest)[0]);
        if (facts.attributes().containsKey(attribute)) {
            return empty(reference, "{{" + name + "}} resolved to nothing for this contact.");
        }
        StringBuilder message =
                new StringBuilder("{{" + name + "}} is empty: this contact has no attribute '" + attribute + "'");
        String near = nearest(attribute, facts.attributes().keySet());
        if (near != null) {
            message.append("; did you mean {{attributes.").append(near).append("}}?");
        } else if (facts.attributes().isEmpty()) {
            message.append(" (it has none).");
        } else {
            message.append(" (it has ")
                    .append(String.join(", ", new TreeSet<>(facts.attributes().keySet())))
                    .append(").");
        }
        return empty(reference, message.toString());
    }

    private static String contest(String name, String root, Facts facts) {
        if (facts.contestId() == null) {
            return "{{" + name + "}} comes from a contest participation, and this preview names no contestId"
                    + " (a campaign takes its contest from contextContestId or its contest audience).";
        }
        if (!facts.participant()) {
            return "{{" + name + "}} is empty: this contact does not take part in contest " + facts.contestId() + ".";
        }
        if (root.equals(TemplateVariables.NEXT_MILESTONE)) {
            return "{{" + name + "}} is empty: this participant has reached every milestone of contest "
                    + facts.contestId() + " (or it has none); wrap it in {{#if nextMilestone}}…{{/if}}.";
        }
        return "{{" + name + "}} is empty for this participant.";
    }

    /** The nearest attribute or variable to an unknown name, or the list of names. */
    private static String suggestion(String root, Facts facts) {
        String attribute = nearest(root, facts.attributes().keySet());
        if (attribute != null) {
            return "; this contact has an attribute '" + attribute + "': write {{attributes." + attribute + "}}";
        }
        String variable = nearest(root, TemplateVariables.names());
        if (variable != null) {
            return "; did you mean {{" + variable + "}}?";
        }
        return ". The model has " + String.join(", ", TemplateVariables.names())
                + " (attributes.<name> for the contact's attributes); a transactional message adds the keys of"
                + " its context (give them in the preview's context)";
    }

    /** The name among {@code candidates} that {@code name} most likely misspells, or null. */
    static String nearest(String name, Iterable<String> candidates) {
        String folded = fold(name);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String other = fold(candidate);
            int distance = other.equals(folded) ? 0 : distance(folded, other);
            int allowed = Math.min(folded.length(), other.length()) >= 6 ? 2 : 1;
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Lower case without {@code _ - space}: {@code first_name} and {@code FirstName} fold alike. */
    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[_\\-\\s]", "");
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String withoutThis(String name) {
        if (name.startsWith("this.") || name.startsWith("this/")) {
            return name.substring(5);
        }
        return name.startsWith("./") ? name.substring(2) : name;
    }

    /** The first segment of a path and the rest ({@code attributes.[odd name].x} → attributes, [odd name].x). */
    private static String[] split(String path) {
        int end;
        if (path.startsWith("[")) {
            int close = path.indexOf(']');
            end = close < 0 ? path.length() : close + 1;
        } else {
            end = 0;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '/') {
                end++;
            }
        }
        String root = unbracket(path.substring(0, end));
        String rest = end < path.length() && (path.charAt(end) == '.' || path.charAt(end) == '/')
                ? path.substring(end + 1)
                : path.substring(end);
        return new String[] {root, rest};
    }

    private static String unbracket(String segment) {
        return segment.length() >= 2 && segment.startsWith("[") && segment.endsWith("]")
                ? segment.substring(1, segment.length() - 1)
                : segment;
    }

    private static TemplateWarning unknown(UnresolvedVariable reference, String message) {
        return new TemplateWarning(reference.part(), reference.name(), Kind.UNKNOWN_VARIABLE, message);
    }

    private static TemplateWarning empty(UnresolvedVariable reference, String message) {
        return new TemplateWarning(reference.part(), reference.name(), Kind.EMPTY_VARIABLE, message);
    }
}
