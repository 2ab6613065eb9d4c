package io.iabulk.accounts.web;

import io.iabulk.platform.ApiKeyService;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.Operator;
import io.iabulk.platform.RequiresRole;
import io.iabulk.platform.Role;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The API keys page: create a named key (shown once), list with last use, revoke. Owners only. */
@Controller
@ConsolePage
@RequiresRole(Role.OWNER)
class ApiKeysPageController {

    private final ApiKeyService keys;

    ApiKeysPageController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping("/settings/api-keys")
    String list(Model model) {
        model.addAttribute("keys", keys.list());
        return "console/settings/api-keys";
    }

    @PostMapping("/settings/api-keys")
    String create(
            @RequestParam(required = false) String name, Operator operator, Model model, HttpServletResponse response) {
        try {
            String key = keys.create(name, operator.actor());
            // shown on this answer only: not a redirect, so the value is never in a URL or a flash store
            model.addAttribute("created", key);
            model.addAttribute("createdName", name.strip());
            model.addAttribute("flash", "Key created: copy it now, it is not shown again");
        } catch (InvalidRequestException invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("errors", Forms.errors(invalid));
            model.addAttribute("name", name);
        }
        model.addAttribute("keys", keys.list());
        return "console/settings/api-keys";
    }

    @PostMapping("/settings/api-keys/{id}/revoke")
    String revoke(@PathVariable long id, RedirectAttributes redirect) {
        keys.revoke(id);
        redirect.addFlashAttribute("flash", "Key revoked: requests with it are refused");
        return "redirect:/settings/api-keys";
    }
}
