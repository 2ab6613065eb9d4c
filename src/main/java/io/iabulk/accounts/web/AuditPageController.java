package io.iabulk.accounts.web;

import io.iabulk.platform.AuditLog;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.Operator;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The audit log: who did what and when, newest first, filtered by actor, action and dates. */
@Controller
@ConsolePage
class AuditPageController {

    private static final int PAGE = 50;

    private final AuditLog audit;

    AuditPageController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String log(
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) String action,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long before,
            Operator operator,
            Model model) {
        Instant since = day(from, "from", operator, 0);
        Instant until = day(to, "to", operator, 1);
        List<AuditLog.Entry> entries = audit.page(new AuditLog.Filter(actor, action, before, since, until), PAGE + 1);
        boolean more = entries.size() > PAGE;
        List<AuditLog.Entry> shown = more ? entries.subList(0, PAGE) : entries;
        model.addAttribute("entries", shown);
        model.addAttribute("actors", audit.actors());
        model.addAttribute("actor", actor);
        model.addAttribute("action", action);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("filtered", blank(actor) + blank(action) + blank(from) + blank(to) > 0);
        model.addAttribute(
                "nextUrl",
                more
                        ? UriComponentsBuilder.fromPath("/audit")
                                .queryParamIfPresent("actor", java.util.Optional.ofNullable(actor))
                                .queryParamIfPresent("action", java.util.Optional.ofNullable(action))
                                .queryParamIfPresent("from", java.util.Optional.ofNullable(from))
                                .queryParamIfPresent("to", java.util.Optional.ofNullable(to))
                                .queryParam("before", shown.getLast().id())
                                .encode()
                                .build()
                                .toUriString()
                        : null);
        model.addAttribute("firstUrl", before == null ? null : "/audit");
        return "console/audit";
    }

    private static int blank(String value) {
        return value == null || value.isBlank() ? 0 : 1;
    }

    /** The start of a day (or of the next one) in the operator's zone. */
    private static Instant day(String value, String field, Operator operator, int plusDays) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim())
                    .plusDays(plusDays)
                    .atStartOfDay(operator.timeZone())
                    .toInstant();
        } catch (DateTimeException e) {
            throw new InvalidRequestException(field, "Give a date as YYYY-MM-DD");
        }
    }
}
