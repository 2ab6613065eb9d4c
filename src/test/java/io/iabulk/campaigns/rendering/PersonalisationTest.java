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

        Map<String, Object> model =
                Personalisation.model(ADA, participation, "https://x.example/u/1", Map.of("$from", "x", "orderId", 5));

        assertThat(model.keySet()).containsExactlyInAnyOrderElementsOf(union(TemplateVariables.names(), "orderId"));
        @SuppressWarnings("unchecked")
        Map<String, Object> milestone = (Map<String, Object>) model.get(TemplateVariables.NEXT_MILESTONE);
        assertThat(milestone.keySet()).containsExactlyElementsOf(TemplateVariables.NEXT_MILESTONE_FIELDS);
    }

    @Test
    void withoutAParticipationTheContestVariablesAreAbsent() {
        Map<String, Object> model = Personalisation.model(ADA, null, "https://x.example/u/1", null);

        assertThat(model.keySet())
                .containsExactlyInAnyOrderElementsOf(TemplateVariables.VARIABLES.stream()
                        .filter(v -> v.source() != TemplateVariables.Source.CONTEST)
                        .map(TemplateVariables.Variable::name)
                        .toList());
    }

    private static java.util.List<String> union(java.util.Collection<String> names, String extra) {
        java.util.List<String> all = new java.util.ArrayList<>(names);
        all.add(extra);
        return all;
    }
}
