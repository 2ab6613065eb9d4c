package io.iabulk.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.accounts.AccountService;
import io.iabulk.platform.Role;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A signed-in console operator for tests: a fresh account of the role (its own address, so tests
 * never share one), signed in through the sign-in form as a browser does.
 *
 * @param session the session cookie's value
 * @param csrf the session's anti-forgery token
 */
public record ConsoleLogin(String email, String password, String session, String csrf) {

    private static final AtomicInteger NEXT = new AtomicInteger();
    public static final String PASSWORD = "correct horse battery staple";

    /** Creates an account of the role and signs it in. */
    public static ConsoleLogin as(Role role, Api api, AccountService accounts) {
        String email = role.name().toLowerCase() + "-" + System.nanoTime() + "-" + NEXT.incrementAndGet()
                + "@operators.example";
        AccountService.ResetLink invitation = accounts.invite(email, "Test " + role, role, "Europe/Paris");
        accounts.resetPassword(invitation.token(), PASSWORD, "test");
        return signIn(api, accounts, email, PASSWORD);
    }

    /**
     * A client address of its own: the sign-in pages are rate-limited per client IP (a few requests
     * a second), and the tests sign in faster than a person.
     */
    public static Api fromOwnAddress(Api api) {
        int n = NEXT.incrementAndGet();
        return api.with("X-Forwarded-For", "10.77." + (n / 250 % 250) + "." + (n % 250 + 1));
    }

    /** Signs an existing account in through the form. */
    public static ConsoleLogin signIn(Api api, AccountService accounts, String email, String password) {
        api = fromOwnAddress(api);
        String form = formToken(api);
        Api.Response signedIn = api.with("Cookie", "iab_form=" + form)
                .postForm("/login", Map.of("email", email, "password", password, "_csrf", form, "next", "/"));
        assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
        String session = cookie(signedIn.raw(), "iab_session");
        String csrf = accounts.find(session).orElseThrow().csrfToken();
        return new ConsoleLogin(email, password, session, csrf);
    }

    /** The sign-in form's token: the value of the form cookie the sign-in page sets. */
    public static String formToken(Api api) {
        return cookie(api.get("/login").raw(), "iab_form");
    }

    /** The value a response sets for a cookie. */
    public static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(header -> header.startsWith(name + "="))
                .map(header -> header.substring(name.length() + 1, header.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name + " in " + response.headers()));
    }

    /** The client with the session cookie only: reads work, changes lack the token. */
    public Api reading(Api api) {
        return api.with("Cookie", "iab_session=" + session);
    }

    /** The client with the session cookie and its anti-forgery token, as the console's pages send. */
    public Api changing(Api api) {
        return reading(api).with("X-CSRF-Token", csrf);
    }
}
