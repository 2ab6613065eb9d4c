package io.iabulk.accounts.web;

import io.iabulk.accounts.AccountService;
import io.iabulk.accounts.internal.AccountMail;
import io.iabulk.platform.ClientAddresses;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A forgotten password: the operator asks for a link by email, then chooses a new password with it
 * (once, within {@code iabulk.accounts.reset-link-validity}). The page answers the same whether the
 * address has an account or not, and the email leaves in the background, so neither the text nor
 * the time of the answer tells who has an account.
 */
@Controller
@ConsolePage
@PublicEndpoint("sign-in")
class PasswordResetController {

    private final AccountService accounts;
    private final AccountMail mail;
    private final ClientAddresses clients;

    PasswordResetController(AccountService accounts, AccountMail mail, ClientAddresses clients) {
        this.accounts = accounts;
        this.mail = mail;
        this.clients = clients;
    }

    @GetMapping("/password-reset")
    String requestForm(HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("formToken", SignInCookies.formToken(request, response));
        return "console/password-reset-request";
    }

    @PostMapping("/password-reset")
    String request(
            @RequestParam(required = false) String email,
            @RequestParam(name = SignInCookies.FORM_FIELD, required = false) String formToken,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("formToken", SignInCookies.formToken(request, response));
        if (!SignInCookies.formTokenMatches(request, formToken)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("error", "This form expired or was not sent from this site: try again");
            return "console/password-reset-request";
        }
        accounts.requestReset(email, clients.of(request)).ifPresent(mail::sendResetLink);
        model.addAttribute("sent", true);
        return "console/password-reset-request";
    }

    @GetMapping("/password-reset/{token}")
    String resetForm(
            @PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!accounts.resetTokenWorks(token)) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("invalid", true);
        }
        model.addAttribute("token", token);
        model.addAttribute("formToken", SignInCookies.formToken(request, response));
        return "console/password-reset";
    }

    @PostMapping("/password-reset/{token}")
    String reset(
            @PathVariable String token,
            @RequestParam(required = false) String password,
            @RequestParam(name = SignInCookies.FORM_FIELD, required = false) String formToken,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("token", token);
        model.addAttribute("formToken", SignInCookies.formToken(request, response));
        if (!SignInCookies.formTokenMatches(request, formToken)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("error", "This form expired or was not sent from this site: try again");
            return "console/password-reset";
        }
        try {
            accounts.resetPassword(token, password, clients.of(request));
        } catch (InvalidRequestException invalid) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", Forms.errors(invalid));
            return "console/password-reset";
        } catch (ConflictException used) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("invalid", true);
            return "console/password-reset";
        }
        return "redirect:/login?reset";
    }
}
