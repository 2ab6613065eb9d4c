package io.iabulk.platform;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Which text the service accepts from a client, said once for every edge (request records through
 * {@link SingleLine} and {@link StorableText}, and the readers of free-form JSON and CSV): no NUL
 * anywhere, since PostgreSQL refuses it in text and JSONB (a 500 at insert, or on every later use of
 * a stored filter) and mail cannot carry it; and in single-line fields (names, subjects, senders) no
 * control character at all, since a CR or LF would split a header or a CSV line.
 */
public final class Texts {

    /** What a field holding a NUL is told. */
    public static final String NUL_MESSAGE = "must not contain NUL characters (\\u0000)";

    /** What a single-line field holding a control character is told. */
    public static final String SINGLE_LINE_MESSAGE = "contains characters we cannot accept, such as line breaks";

    private Texts() {}

    /** Whether the text can be stored: it holds no NUL. Null counts as storable. */
    public static boolean storable(String text) {
        return text == null || text.indexOf('\0') < 0;
    }

    /** Whether the text is one line: no control characters (NUL, CR, LF, tab, ...). */
    public static boolean singleLine(String text) {
        return text == null || text.codePoints().noneMatch(Character::isISOControl);
    }

    /**
     * The path of the first text in a JSON tree, or in maps and lists of a decoded body, that is not
     * storable, its member names included; null when everything is. A name at fault is reported at
     * the path of its object.
     *
     * @param path the path of {@code value} itself, e.g. {@code context}
     */
    public static String firstUnstorable(Object value, String path) {
        return switch (value) {
            case null -> null;
            case String text -> storable(text) ? null : path;
            case JsonNode node -> firstUnstorable(node, path);
            case Map<?, ?> map -> {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = String.valueOf(entry.getKey());
                    if (!storable(key)) {
                        yield path;
                    }
                    String found = firstUnstorable(entry.getValue(), path + "." + key);
                    if (found != null) {
                        yield found;
                    }
                }
                yield null;
            }
            case Iterable<?> list -> {
                int i = 0;
                for (Object element : list) {
                    String found = firstUnstorable(element, path + "[" + i++ + "]");
                    if (found != null) {
                        yield found;
                    }
                }
                yield null;
            }
            default -> null;
        };
    }

    private static String firstUnstorable(JsonNode node, String path) {
        if (node.isString()) {
            return storable(node.asString()) ? null : path;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                if (!storable(member.getKey())) {
                    return path;
                }
                String found = firstUnstorable(member.getValue(), path + "." + member.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = firstUnstorable(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
