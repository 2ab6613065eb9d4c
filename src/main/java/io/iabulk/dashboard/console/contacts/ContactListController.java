package io.iabulk.dashboard.console.contacts;

import io.iabulk.contacts.Contact;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.platform.ConsolePage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The contacts list: a prefix search by address or name, a status filter, newest first, keyset-paged. */
@Controller
@ConsolePage
class ContactListController {

    static final int PAGE = 50;

    private final ContactService contacts;

    ContactListController(ContactService contacts) {
        this.contacts = contacts;
    }

    @GetMapping("/contacts")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Long before,
            Model model) {
        String query = q == null ? "" : q.strip();
        if (query.length() > 320) {
            query = query.substring(0, 320);
        }
        ContactStatus wanted = status(status);
        // one more than a page tells whether there is a page beyond (newest first: id DESC on the key
        // or on a prefix index range, see JdbcContactSearch)
        List<Contact> rows = contacts.search(query, wanted, after, before, PAGE + 1);
        boolean more = rows.size() > PAGE;
        boolean backwards = after == null && before != null;
        if (more) {
            rows = backwards ? rows.subList(1, rows.size()) : rows.subList(0, PAGE);
        }
        String nextUrl = null;
        String prevUrl = null;
        if (!rows.isEmpty()) {
            boolean hasNext = backwards || more;
            boolean hasPrev = backwards ? more : after != null;
            if (hasNext) {
                nextUrl = link(query, wanted, "after=" + rows.getLast().id());
            }
            if (hasPrev) {
                prevUrl = link(query, wanted, "before=" + rows.getFirst().id());
            }
        }
        boolean filtered = !query.isEmpty() || wanted != null;
        model.addAttribute("rows", rows);
        model.addAttribute("q", query);
        model.addAttribute("status", wanted == null ? "" : wanted.name());
        model.addAttribute("statuses", ContactStatus.values());
        model.addAttribute("filtered", filtered);
        model.addAttribute("paged", after != null || before != null);
        model.addAttribute("prevUrl", prevUrl);
        model.addAttribute("nextUrl", nextUrl);
        return "console/contacts/list";
    }

    private static ContactStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ContactStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String link(String query, ContactStatus status, String cursor) {
        StringBuilder link = new StringBuilder("/contacts?");
        if (!query.isEmpty()) {
            link.append("q=")
                    .append(URLEncoder.encode(query, StandardCharsets.UTF_8))
                    .append('&');
        }
        if (status != null) {
            link.append("status=").append(status.name()).append('&');
        }
        return link.append(cursor).toString();
    }
}
