package io.iabulk.dashboard.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Links of sortable table headers ({@code ${@sortLinks.href('name', 'asc')}}): the current page's query
 * with {@code sort} and {@code dir} replaced and the keyset cursor ({@code after}, {@code before}) dropped,
 * since a cursor from one order means nothing in another. The link is a bare query ("?…"), relative to the
 * page.
 */
@Component("sortLinks")
public class SortLinks {

    private static final Set<String> REPLACED = Set.of("sort", "dir", "after", "before");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public String href(String field, String dir) {
        if (!TOKEN.matcher(field).matches() || !(dir.equals("asc") || dir.equals("desc"))) {
            throw new IllegalArgumentException("sort field must be a plain token and dir asc or desc");
        }
        var query = new StringJoiner("&", "?", "");
        for (Map.Entry<String, String[]> parameter : currentParameters().entrySet()) {
            if (REPLACED.contains(parameter.getKey())) {
                continue;
            }
            for (String value : parameter.getValue()) {
                query.add(encode(parameter.getKey()) + "=" + encode(value));
            }
        }
        return query.add("sort=" + field).add("dir=" + dir).toString();
    }

    private static Map<String, String[]> currentParameters() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest().getParameterMap();
        }
        return Map.of();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
