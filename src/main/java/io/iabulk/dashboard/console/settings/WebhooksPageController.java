package io.iabulk.dashboard.console.settings;

import io.iabulk.platform.ConflictException;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.RequiresRole;
import io.iabulk.platform.Role;
import io.iabulk.webhooks.CreatedWebhook;
import io.iabulk.webhooks.NewWebhook;
import io.iabulk.webhooks.WebhookEventType;
import io.iabulk.webhooks.WebhookService;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The webhooks page (owners: a webhook sends contact data off-site): create one (its secret shown
 * once), delete, enable a disabled one, and each webhook's delivery log. docs/decisions/0025.
 */
@Controller
@ConsolePage
@RequiresRole(Role.OWNER)
class WebhooksPageController {

    private static final int LOG_PAGE = 50;

    private final WebhookService webhooks;

    WebhooksPageController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/settings/webhooks")
    String list(Model model) {
        return page(model);
    }

    @PostMapping("/settings/webhooks")
    String create(
            @RequestParam(required = false) String url,
            @RequestParam(required = false) List<String> events,
            @RequestParam(required = false) String secret,
            Model model,
            HttpServletResponse response) {
        try {
            CreatedWebhook created = webhooks.create(new NewWebhook(
                    url, events == null ? List.of() : events, secret == null || secret.isBlank() ? null : secret));
            // shown on this answer only: not a redirect, so the secret is never in a URL or a flash store
            model.addAttribute("created", created);
            model.addAttribute("flash", "Webhook created: copy its secret now, it is not shown again");
        } catch (InvalidRequestException invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("errors", errors(invalid));
            model.addAttribute("url", url);
            model.addAttribute("checked", events == null ? List.of() : events);
        } catch (ConflictException conflict) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("errors", Map.of("url", conflict.getMessage()));
            model.addAttribute("url", url);
            model.addAttribute("checked", events == null ? List.of() : events);
        }
        return page(model);
    }

    private String page(Model model) {
        model.addAttribute("webhooks", webhooks.list());
        model.addAttribute("eventTypes", WebhookEventType.wireNames());
        if (!model.containsAttribute("checked")) {
            model.addAttribute("checked", List.of());
        }
        return "console/settings/webhooks";
    }

    private static Map<String, String> errors(InvalidRequestException invalid) {
        Map<String, String> errors = new LinkedHashMap<>();
        // events[3] is the events fieldset on the page
        invalid.errors().forEach(e -> errors.putIfAbsent(e.field().replaceAll("\\[\\d+]$", ""), e.message()));
        return errors;
    }

    @PostMapping("/settings/webhooks/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        webhooks.delete(id);
        redirect.addFlashAttribute("flash", "Webhook deleted: its waiting events will not be sent");
        return "redirect:/settings/webhooks";
    }

    @PostMapping("/settings/webhooks/{id}/enable")
    String enable(@PathVariable long id, RedirectAttributes redirect) {
        webhooks.enable(id);
        redirect.addFlashAttribute("flash", "Webhook enabled: its waiting events are being sent");
        return "redirect:/settings/webhooks/" + id;
    }

    @GetMapping("/settings/webhooks/{id}")
    String deliveries(
            @PathVariable long id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Long cursor,
            Model model) {
        String filter = status == null || status.isBlank() ? null : status;
        if (filter != null && !WebhookService.STATUSES.contains(filter)) {
            filter = null; // an unknown status in a hand-made link shows everything
        }
        model.addAttribute("webhook", webhooks.get(id));
        model.addAttribute("page", webhooks.deliveries(id, filter, cursor, LOG_PAGE));
        model.addAttribute("status", filter);
        model.addAttribute("statuses", WebhookService.STATUSES);
        model.addAttribute("first", cursor == null);
        return "console/settings/webhook";
    }
}
