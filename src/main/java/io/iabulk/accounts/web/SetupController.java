package io.iabulk.accounts.web;

import io.iabulk.accounts.AccountService;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The one-time setup page of a first start: whoever holds the link printed in the start banner
 * creates the first owner, and is signed in.
 */
@Controller
@ConsolePage
@PublicEndpoint("sign-in")
class SetupController {

    private final AccountService accounts;
    private final ClientAddresses clients;

    SetupController(AccountService accounts, ClientAddresses clients) {
        this.accounts = accounts;
        this.clients = clients;
    }

    @GetMapping("/setup")
    String form(
            @RequestParam(required = false) String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (!accounts.needsSetup()) {
            return "redirect:/login";
        }
        if (!accounts.setupTokenWorks(token)) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("invalid", true);
        }
        model.addAttribute("token", token);
        model.addAttribute("formToken", SignInCookies.formToken(request, response));
        model.addAttribute("timeZone", "");
        return "console/setup";
    }

    @PostMapping("/setup")
    String setUp(
            @RequestParam(required = false) String token,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String password,
            @RequestParam(required = false) String timeZone,
            @RequestParam(name = SignInCookies.FORM_FIELD, required = false) String formToken,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("token", token);
        model.addAttribute("email", email);
        model.addAttribute("name", name);
        model.addAttribute("timeZone", timeZone);
        if (!SignInCookies.formTokenMatches(request, formToken)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("formToken", SignInCookies.formToken(request, response));
            model.addAttribute("error", "This form expired or was not sent from this site: try again");
            return "console/setup";
        }
        try {
            accounts.setUp(token, email, name, password, timeZone, clients.of(request));
        } catch (InvalidRequestException invalid) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("formToken", SignInCookies.formToken(request, response));
            model.addAttribute("errors", Forms.errors(invalid));
            return "console/setup";
        } catch (ConflictException conflict) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("formToken", SignInCookies.formToken(request, response));
            model.addAttribute("invalid", true);
            model.addAttribute("error", conflict.getMessage());
            return "console/setup";
        }
        AccountService.Session session = accounts.signIn(email, password, clients.of(request));
        SignInCookies.startSession(request, response, session.token(), session.lifetime());
        return "redirect:/?welcome";
    }
}
