package io.iabulk.accounts.web;

import io.iabulk.platform.OperatorSessions;
import io.iabulk.platform.SecretTokens;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/**
 * The cookies of signing in: the session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) and,
 * for the forms shown before there is a session (sign-in, setup, password reset), a double-submit
 * token: the form carries the same random value as a cookie only this site can set, so another
 * site cannot post the form in the person's name (sign-in CSRF).
 */
final class SignInCookies {

    static final String FORM_COOKIE = "iab_form";
    static final String FORM_FIELD = "_csrf";

    private SignInCookies() {}

    static void startSession(HttpServletRequest request, HttpServletResponse response, String token, Duration max) {
        set(response, cookie(request, OperatorSessions.COOKIE, token, max));
    }

    static void endSession(HttpServletRequest request, HttpServletResponse response) {
        set(response, cookie(request, OperatorSessions.COOKIE, "", Duration.ZERO));
    }

    static String session(HttpServletRequest request) {
        return value(request, OperatorSessions.COOKIE);
    }

    /** The form token of a page shown before sign-in: the cookie's, or a new one set now. */
    static String formToken(HttpServletRequest request, HttpServletResponse response) {
        String token = value(request, FORM_COOKIE);
        if (token == null || token.length() < 20 || token.length() > 100) {
            token = SecretTokens.random();
            set(response, cookie(request, FORM_COOKIE, token, Duration.ofHours(2)));
        }
        return token;
    }

    /** Whether a form posted before sign-in carries the token of its cookie. */
    static boolean formTokenMatches(HttpServletRequest request, String posted) {
        String cookie = value(request, FORM_COOKIE);
        return cookie != null
                && posted != null
                && MessageDigest.isEqual(
                        cookie.getBytes(StandardCharsets.UTF_8), posted.getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseCookie cookie(HttpServletRequest request, String name, String value, Duration maxAge) {
        return ResponseCookie.from(name, value)
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
    }

    private static void set(HttpServletResponse response, ResponseCookie cookie) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    private static String value(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /**
     * Where to go after signing in: a path of this site only ({@code /contests?x=1}), never another
     * site ({@code //evil.example}, {@code /\evil.example}, {@code https://…}).
     */
    static String safeNext(String next) {
        if (next == null
                || next.length() > 2000
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            return "/";
        }
        return next;
    }
}
