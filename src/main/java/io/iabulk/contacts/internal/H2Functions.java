package io.iabulk.contacts.internal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Functions the embedded H2 database calls (declared in db/vendor/h2); PostgreSQL has them in SQL. */
public final class H2Functions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private H2Functions() {}

    /** {@code attributes ->> name}: one attribute as text, null when absent or JSON null. */
    public static String attribute(String attributes, String name) {
        if (attributes == null || name == null) {
            return null;
        }
        JsonNode value = JSON.readTree(attributes).get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
