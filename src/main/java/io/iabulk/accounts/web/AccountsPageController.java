package io.iabulk.accounts.web;

import io.iabulk.accounts.AccountService;
import io.iabulk.accounts.internal.AccountMail;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.Operator;
import io.iabulk.platform.RequiresRole;
import io.iabulk.platform.Role;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The accounts page: every operator with role and last sign-in; invite one (an emailed "choose your
 * password" link), change a role, disable or enable. Owners only; the last owner stays one.
 */
@Controller
@ConsolePage
@RequiresRole(Role.OWNER)
class AccountsPageController {

    private final AccountService accounts;
    private final AccountMail mail;

    AccountsPageController(AccountService accounts, AccountMail mail) {
        this.accounts = accounts;
        this.mail = mail;
    }

    @GetMapping("/settings/accounts")
    String list(Model model) {
        model.addAttribute("accounts", accounts.accounts());
        model.addAttribute("roles", Role.values());
        return "console/settings/accounts";
    }

    @PostMapping("/settings/accounts")
    String invite(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String role,
            Operator operator,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            AccountService.ResetLink link =
                    accounts.invite(email, name, role(role), operator.timeZone().getId());
            mail.sendInvitation(link, operator.name());
            redirect.addFlashAttribute("flash", "Invitation sent to " + link.email());
            return "redirect:/settings/accounts";
        } catch (InvalidRequestException invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("errors", Forms.errors(invalid));
            model.addAttribute("email", email);
            model.addAttribute("name", name);
            model.addAttribute("role", role);
            return list(model);
        }
    }

    @PostMapping("/settings/accounts/{id}/role")
    String changeRole(@PathVariable long id, @RequestParam(required = false) String role, RedirectAttributes redirect) {
        Role chosen = role(role);
        accounts.changeRole(id, chosen);
        redirect.addFlashAttribute("flash", accounts.find(id).email() + " is now " + label(chosen));
        return "redirect:/settings/accounts";
    }

    @PostMapping("/settings/accounts/{id}/disable")
    String disable(@PathVariable long id, Operator operator, RedirectAttributes redirect) {
        if (id == operator.id()) {
            redirect.addFlashAttribute("flash", "You cannot disable your own account");
            redirect.addFlashAttribute("flashLevel", "error");
            return "redirect:/settings/accounts";
        }
        accounts.setEnabled(id, false);
        redirect.addFlashAttribute("flash", accounts.find(id).email() + " is disabled and signed out");
        return "redirect:/settings/accounts";
    }

    @PostMapping("/settings/accounts/{id}/enable")
    String enable(@PathVariable long id, RedirectAttributes redirect) {
        accounts.setEnabled(id, true);
        redirect.addFlashAttribute("flash", accounts.find(id).email() + " is enabled");
        return "redirect:/settings/accounts";
    }

    private static Role role(String role) {
        try {
            return Role.valueOf(role == null ? "" : role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("role", "Choose a role: Owner, Editor or Viewer");
        }
    }

    private static String label(Role role) {
        return role.name().charAt(0) + role.name().substring(1).toLowerCase(Locale.ROOT);
    }
}
