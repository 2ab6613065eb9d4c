package io.iabulk.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.iabulk.support.Api;
import io.iabulk.support.TestMail;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/** Helpers for tests of the participant pages: a browser-like client, form posts, page text. */
final class Pages {

    private static final Pattern CONFIRM_LINK = Pattern.compile("(https?://\\S+)(/confirm/[A-Za-z0-9_-]+)");

    private Pages() {}

    /**
     * A client with an address of its own (sent as {@code X-Forwarded-For}, believed from
     * localhost), so each test has its own rate-limit bucket of the {@code pages} group.
     */
    static Api visitor(int port) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String address = "198.18." + random.nextInt(256) + "." + random.nextInt(1, 255);
        return Api.at(port).with("X-Forwarded-For", address);
    }

    /** The slug of a contest, read through the admin API. */
    static String slugOf(Api admin, long contestId) {
        return admin.get("/api/v1/contests/" + contestId).json().get("slug").asString();
    }

    static Map<String, String> form(String email, String firstName, String lastName, String ref) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("email", email);
        form.put("firstName", firstName);
        form.put("lastName", lastName);
        form.put("ref", ref);
        return form;
    }

    /** Signs up through the form and returns the new participant's referral code. */
    static String signUp(Api visitor, String slug, String email, String firstName, String ref) {
        Api.Response response = visitor.postForm("/c/" + slug, form(email, firstName, null, ref));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return codeIn(response.header("Location"));
    }

    /** As {@link #signUp}, with a last name. */
    static String signUpFull(Api visitor, String slug, String email, String firstName, String lastName, String ref) {
        Api.Response response = visitor.postForm("/c/" + slug, form(email, firstName, lastName, ref));
        assertThat(response.status()).as(response.body()).isEqualTo(303);
        return codeIn(response.header("Location"));
    }

    /** The referral code in a redirect to a status page ({@code /p/{code}?joined=1}). */
    static String codeIn(String location) {
        Matcher matcher = Pattern.compile("^/p/([a-z0-9]+)\\?joined=1$").matcher(location);
        assertThat(matcher.matches())
                .as("redirect to a status page: " + location)
                .isTrue();
        return matcher.group(1);
    }

    /**
     * What a person reads: the head and tags dropped, entities decoded, white space collapsed. Only for
     * wording; escaping is asserted on the raw HTML.
     */
    static String text(Api.Response response) {
        String body = response.body().replaceAll("(?s)<head>.*</head>", " ");
        return HtmlUtils.htmlUnescape(body.replaceAll("<[^>]*>", " "))
                .replaceAll("\\s+", " ")
                .replaceAll("\\( ", "(")
                .replaceAll(" ([).,:!?])", "$1");
    }

    /** The raw HTML with white space collapsed, for asserting markup across line breaks. */
    static String markup(Api.Response response) {
        return response.body().replaceAll("\\s+", " ");
    }

    /** The confirmation link in the last confirmation email sent to an address (text part). */
    static String confirmationLink(String recipient) {
        List<MimeMessage> messages = TestMail.awaitFor(recipient, 1, Duration.ofSeconds(10));
        assertThat(messages).as("confirmation email to " + recipient).isNotEmpty();
        String text = plainText(messages.getLast());
        Matcher matcher = CONFIRM_LINK.matcher(text);
        assertThat(matcher.find()).as("confirmation link in: " + text).isTrue();
        return matcher.group(1) + matcher.group(2);
    }

    private static String plainText(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = plainText(multipart.getBodyPart(i));
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
