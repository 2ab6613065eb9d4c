package io.iabulk.campaigns.rendering;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.campaigns.templates.TemplateVariables;
import io.iabulk.contacts.ContactProfile;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.contests.ContestParticipation;
import io.iabulk.contests.NextMilestone;
import io.iabulk.contests.ParticipantStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model holds exactly the variables {@link TemplateVariables} documents. */
class PersonalisationTest {

    private static final ContactProfile ADA = new ContactProfile(
            1,
            "ada@example.com",
            "Ada",
            "Lovelace",
            "Europe/London",
            "en-GB",
            ContactStatus.ACTIVE,
            Map.of("plan", "pro"));

    @Test
    void theModelOfAParticipantHasEveryDocumentedVariableAndNoOther() {
        ContestParticipation participation = new ContestParticipation(
                7,
                8,
                1,
                ParticipantStatus.CONFIRMED,
                "K7QX2M",
                "https://x.example/r/K7QX2M",
                3,
                2,
                20,
                new NextMilestone(3, "T-shirt", 1));

        Map<String, Object> model = Personalisation.model(
                ADA,
                participation,
                "https://x.example/u/1",
                Map.of(TemplateVariables.PREDICTIONS, PREDICTIONS, "notDocumented", 1),
                Map.of("$from", "x", "orderId", 5));

        assertThat(model.keySet()).containsExactlyInAnyOrderElementsOf(union(TemplateVariables.names(), "orderId"));
        @SuppressWarnings("unchecked")
        Map<String, Object> milestone = (Map<String, Object>) model.get(TemplateVariables.NEXT_MILESTONE);
        assertThat(milestone.keySet()).containsExactlyElementsOf(TemplateVariables.NEXT_MILESTONE_FIELDS);
    }

    @Test
    void withoutAParticipationOrPredictionsTheirVariablesAreAbsent() {
        Map<String, Object> model = Personalisation.model(ADA, null, "https://x.example/u/1", null, null);

        assertThat(model.keySet())
                .containsExactlyInAnyOrderElementsOf(TemplateVariables.VARIABLES.stream()
                        .filter(v -> v.source() != TemplateVariables.Source.CONTEST
                                && v.source() != TemplateVariables.Source.PREDICTIONS)
                        .map(TemplateVariables.Variable::name)
                        .toList());
    }

    @Test
    void aSourceCannotReplaceTheContactsOwnVariablesButWinsOverExtraKeys() {
        Map<String, Object> model = Personalisation.model(
                ADA,
                null,
                "https://x.example/u/1",
                Map.of(TemplateVariables.FIRST_NAME, "Mallory", TemplateVariables.PREDICTIONS, PREDICTIONS),
                Map.of(TemplateVariables.PREDICTIONS, "from the context"));

        assertThat(model.get(TemplateVariables.FIRST_NAME)).isEqualTo("Ada");
        assertThat(model.get(TemplateVariables.PREDICTIONS)).isEqualTo(PREDICTIONS);
    }

    private static final Map<String, Object> PREDICTIONS =
            Map.of("tier", "HIGH", "engagementScore", 87, "openProbability", 0.41, "clickProbability", 0.07);

    private static java.util.List<String> union(java.util.Collection<String> names, String extra) {
        java.util.List<String> all = new java.util.ArrayList<>(names);
        all.add(extra);
        return all;
    }
}
