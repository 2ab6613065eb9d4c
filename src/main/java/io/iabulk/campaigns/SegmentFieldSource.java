package io.iabulk.campaigns;

import java.util.List;

/**
 * Segment fields that another module answers, so that campaigns can filter on facts it does not
 * own without depending on their module (the intelligence module's {@code predictions.*}): the
 * arrow points from that module to campaigns. Campaigns lists the fields with its own (in errors
 * and in the OpenAPI document), checks each condition's operator and value against the {@link
 * Field} and binds the value as a parameter; the source only writes the SQL around it.
 */
public interface SegmentFieldSource {

    /** The fields this source answers, in the order the documentation lists them. */
    List<Field> fields();

    /**
     * A condition {@code field op value} as SQL: a boolean expression on the contacts row {@code c},
     * for example {@code c.id IN (SELECT contact_id FROM t WHERE x >= :f3)}. The operator and value
     * are already checked against the field; {@code value} is the placeholder of the bound value
     * (a {@code Double}, an {@code Integer} for a whole number, the value as {@link Field#choices()}
     * spells it, or a list of those for {@code in}, to be written inside {@code IN (…)}). The SQL
     * holds no other value.
     */
    String sql(String field, String op, String value);

    /**
     * A field: its name ({@code predictions.tier}), the title of its kind in the documentation (fields
     * of one kind share operators and values), its operators, and its values: numbers from {@code min}
     * to {@code max} (whole ones when {@code integer}), or one of {@code choices} (compared ignoring
     * case) when those are given.
     */
    record Field(
            String name,
            String kind,
            List<String> ops,
            double min,
            double max,
            boolean integer,
            List<String> choices,
            String description) {

        public Field {
            ops = List.copyOf(ops);
            choices = choices == null ? List.of() : List.copyOf(choices);
        }

        /** A number field. */
        public static Field number(
                String name, String kind, List<String> ops, double min, double max, boolean integer, String about) {
            return new Field(name, kind, ops, min, max, integer, List.of(), about);
        }

        /** A field whose value is one of a few names ({@code eq}), or a list of them ({@code in}). */
        public static Field choice(String name, String kind, List<String> ops, List<String> choices, String about) {
            return new Field(name, kind, ops, 0, 0, false, choices, about);
        }

        public boolean isChoice() {
            return !choices.isEmpty();
        }
    }
}
