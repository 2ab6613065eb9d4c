package io.iabulk.accounts.web;

import io.iabulk.accounts.AccountService;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.Operator;
import io.iabulk.platform.RequiresRole;
import io.iabulk.platform.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The operator's own account: name, time zone and password. Every role may change its own. */
@Controller
@ConsolePage
@RequiresRole(Role.VIEWER)
class ProfileController {

    private final AccountService accounts;

    ProfileController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/account")
    String profile(Operator operator, Model model) {
        model.addAttribute("account", accounts.find(operator.id()));
        return "console/settings/profile";
    }

    @PostMapping("/account")
    String update(
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String timeZone,
            Operator operator,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        try {
            accounts.updateProfile(operator.id(), name, timeZone);
            redirect.addFlashAttribute("flash", "Your profile is saved");
            return "redirect:/account";
        } catch (InvalidRequestException invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("errors", Forms.errors(invalid));
            return profile(operator, model);
        }
    }

    @PostMapping("/account/password")
    String changePassword(
            @RequestParam(required = false) String currentPassword,
            @RequestParam(required = false) String newPassword,
            Operator operator,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        try {
            accounts.changePassword(operator.id(), currentPassword, newPassword);
        } catch (InvalidRequestException invalid) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("passwordErrors", Forms.errors(invalid));
            return profile(operator, model);
        }
        // every session of the account ended, this one too: sign in again with the new password
        SignInCookies.endSession(request, response);
        return "redirect:/login?reset";
    }
}
