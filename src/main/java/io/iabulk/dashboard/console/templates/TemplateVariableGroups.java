package io.iabulk.dashboard.console.templates;

import io.iabulk.campaigns.templates.TemplateVariables;
import io.iabulk.campaigns.templates.TemplateVariables.Variable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** The variables a template can use, grouped for the editor's side panel. */
record TemplateVariableGroups(String title, String hint, List<Item> items) {

    /** One variable: how a template writes it and what it holds. */
    record Item(String expression, String meaning) {

        /** What the editor inserts: the expression in double braces. */
        public String tag() {
            return "{{" + expression + "}}";
        }
    }

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static List<TemplateVariableGroups> of(Collection<String> attributeNames) {
        List<Item> contact = new ArrayList<>();
        List<Item> contest = new ArrayList<>();
        List<Item> send = new ArrayList<>();
        for (Variable variable : TemplateVariables.VARIABLES) {
            switch (variable.source()) {
                case CONTACT -> {
                    if (!variable.name().equals(TemplateVariables.ATTRIBUTES)) {
                        contact.add(new Item(variable.name(), variable.meaning()));
                    }
                }
                case CONTEST -> {
                    if (variable.name().equals(TemplateVariables.NEXT_MILESTONE)) {
                        for (String field : TemplateVariables.NEXT_MILESTONE_FIELDS) {
                            contest.add(new Item(
                                    TemplateVariables.NEXT_MILESTONE + "." + field,
                                    "the next reward within reach: " + field));
                        }
                    } else {
                        contest.add(new Item(variable.name(), variable.meaning()));
                    }
                }
                case SEND -> send.add(new Item(variable.name(), variable.meaning()));
                case PREDICTIONS -> {}
            }
        }
        List<Item> attributes = attributeNames.stream()
                .map(name -> new Item(
                        TemplateVariables.ATTRIBUTES
                                + (PLAIN_NAME.matcher(name).matches() ? "." + name : ".[" + name + "]"),
                        "the contact's " + name + " attribute"))
                .toList();
        List<Item> predictions = TemplateVariables.PREDICTIONS_FIELDS.stream()
                .map(field -> new Item(TemplateVariables.PREDICTIONS + "." + field, "predicted engagement: " + field))
                .toList();
        List<TemplateVariableGroups> groups = new ArrayList<>();
        groups.add(new TemplateVariableGroups("Contact", null, contact));
        groups.add(new TemplateVariableGroups(
                "Attributes",
                attributes.isEmpty()
                        ? "No contact has attributes yet: import a CSV with extra columns to add some."
                        : "Names found on recent contacts; a contact without one renders it empty.",
                attributes));
        groups.add(
                new TemplateVariableGroups("Contest", "Filled when the campaign or preview names a contest.", contest));
        groups.add(new TemplateVariableGroups("Message", null, send));
        groups.add(new TemplateVariableGroups("Predictions", "Empty until the contact is scored.", predictions));
        return groups;
    }
}
