package io.iabulk.campaigns.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.campaigns.TemplateWarning;
import io.iabulk.campaigns.TemplateWarning.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VariableWarningsTest {

    private static final VariableWarnings.Facts ADA =
            new VariableWarnings.Facts(Map.of("company", "ACME", "plan", "pro"), Set.of("orderId"), null, false);

    private static TemplateWarning warn(String name, boolean plain, VariableWarnings.Facts facts) {
        return VariableWarnings.warning(new UnresolvedVariable("html", name, plain, false), facts);
    }

    @Test
    void anUnknownNameSuggestsTheContactsAttributeOrTheNearestVariableOrListsThem() {
        TemplateWarning company = warn("company", true, ADA);
        TemplateWarning firstName = warn("first_name", true, ADA);
        TemplateWarning typo = warn("unsubscribeURL", false, ADA);
        TemplateWarning nothingClose = warn("zzz.top", true, ADA);

        assertThat(company.kind()).isEqualTo(Kind.UNKNOWN_VARIABLE);
        assertThat(company.message()).contains("{{company}} is not a variable").contains("{{attributes.company}}");
        assertThat(firstName.message()).contains("did you mean {{firstName}}?");
        assertThat(typo.kind()).as("a typo counts even as a parameter").isEqualTo(Kind.UNKNOWN_VARIABLE);
        assertThat(typo.message()).contains("did you mean {{unsubscribeUrl}}?");
        assertThat(nothingClose.message())
                .contains("firstName, lastName, email, locale, timeZone, attributes, referralUrl")
                .contains("unsubscribeUrl")
                .contains("preview's context");
    }

    @Test
    void aKnownNameEmptyForThisContactIsReportedOnlyWhenWrittenAsAPlainVariable() {
        TemplateWarning firstName = warn("firstName", true, ADA);
        TemplateWarning attribute = warn("attributes.compnay", true, ADA);
        TemplateWarning missingAttribute = warn("attributes.[zip code]", true, ADA);
        TemplateWarning rank = warn("rank", true, ADA);
        TemplateWarning notParticipant = warn("rank", true, new VariableWarnings.Facts(Map.of(), Set.of(), 7L, false));
        TemplateWarning milestoneField =
                warn("nextMilestone.rewrd", true, new VariableWarnings.Facts(Map.of(), Set.of(), 7L, true));

        assertThat(firstName.kind()).isEqualTo(Kind.EMPTY_VARIABLE);
        assertThat(firstName.message()).contains("{{default firstName \"…\"}}");
        assertThat(warn("firstName", false, ADA))
                .as("{{default firstName …}}, {{#if firstName}}")
                .isNull();
        assertThat(attribute.kind()).isEqualTo(Kind.EMPTY_VARIABLE);
        assertThat(attribute.message()).contains("no attribute 'compnay'").contains("{{attributes.company}}");
        assertThat(missingAttribute.message())
                .contains("no attribute 'zip code'")
                .contains("(it has company, plan)");
        assertThat(rank.message()).contains("no contestId");
        assertThat(notParticipant.message()).contains("does not take part in contest 7");
        assertThat(milestoneField.kind()).isEqualTo(Kind.UNKNOWN_VARIABLE);
        assertThat(milestoneField.message()).contains("referrals, reward, remaining");
        assertThat(warn("orderId", true, ADA).message()).contains("empty in the preview's context");
    }

    @Test
    void warningsComeSubjectFirstThenHtmlThenText() {
        List<TemplateWarning> warnings = VariableWarnings.of(
                List.of(
                        new UnresolvedVariable("html", "a1", true, false),
                        new UnresolvedVariable("text", "a2", true, false),
                        new UnresolvedVariable("subject", "a3", true, false)),
                ADA);

        assertThat(warnings).extracting(TemplateWarning::part).containsExactly("subject", "html", "text");
    }
}
