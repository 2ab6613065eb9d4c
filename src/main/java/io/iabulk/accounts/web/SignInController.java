package io.iabulk.accounts.web;

import io.iabulk.accounts.AccountService;
import io.iabulk.accounts.SignInRefusedException;
import io.iabulk.platform.ClientAddresses;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.NotAudited;
import io.iabulk.platform.Operator;
import io.iabulk.platform.PublicEndpoint;
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

/** Signing in to the console and out of it. */
@Controller
@ConsolePage
class SignInController {

    private final AccountService accounts;
    private final ClientAddresses clients;

    SignInController(AccountService accounts, ClientAddresses clients) {
        this.accounts = accounts;
        this.clients = clients;
    }

    @GetMapping("/login")
    @PublicEndpoint("sign-in")
    String form(
            @RequestParam(required = false) String next,
            @RequestParam(required = false) String signedOut,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (Operator.of(request).isPresent()) {
            return "redirect:" + SignInCookies.safeNext(next);
        }
        model.addAttribute("next", SignInCookies.safeNext(next));
        model.addAttribute("formToken", SignInCookies.formToken(request, response));
        model.addAttribute("needsSetup", accounts.needsSetup());
        model.addAttribute("signedOut", signedOut != null);
        return "console/sign-in";
    }

    @PostMapping("/login")
    @PublicEndpoint("sign-in")
    String signIn(
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String password,
            @RequestParam(required = false) String next,
            @RequestParam(name = SignInCookies.FORM_FIELD, required = false) String formToken,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        String target = SignInCookies.safeNext(next);
        model.addAttribute("next", target);
        model.addAttribute("email", email == null ? "" : email.trim());
        model.addAttribute("needsSetup", accounts.needsSetup());
        if (!SignInCookies.formTokenMatches(request, formToken)) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            model.addAttribute("formToken", SignInCookies.formToken(request, response));
            model.addAttribute("error", "This form expired or was not sent from this site: sign in again");
            return "console/sign-in";
        }
        try {
            AccountService.Session session = accounts.signIn(email, password, clients.of(request));
            SignInCookies.startSession(request, response, session.token(), session.lifetime());
            return "redirect:" + target;
        } catch (SignInRefusedException refused) {
            response.setStatus(
                    "sign-in-locked".equals(refused.code())
                            ? HttpStatus.TOO_MANY_REQUESTS.value()
                            : HttpStatus.UNAUTHORIZED.value());
            model.addAttribute("formToken", SignInCookies.formToken(request, response));
            model.addAttribute("error", refused.getMessage());
            return "console/sign-in";
        }
    }

    @PostMapping("/logout")
    @RequiresRole(Role.VIEWER)
    @NotAudited // the service writes the sign-out itself
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        accounts.signOut(SignInCookies.session(request), clients.of(request));
        SignInCookies.endSession(request, response);
        return "redirect:/login?signedOut";
    }
}
