package io.iabulk.contacts;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An email address as the person typed it, with its normalised form used for matching only: mail
 * always goes to {@link #address()}.
 *
 * <p>Normalisation lower-cases the address; for Gmail ({@code gmail.com}, {@code googlemail.com})
 * it removes dots and {@code +tags} from the local part and folds the domain to {@code gmail.com};
 * for other providers known to deliver {@code user+tag@} to {@code user@} it removes the tag.
 *
 * @param address the address as given, trimmed
 * @param normalized the form two addresses of one mailbox share
 */
public record EmailAddress(String address, String normalized) {

    /** Providers that deliver {@code local+tag@domain} to {@code local@domain}. */
    private static final Set<String> PLUS_TAG_DOMAINS = Set.of(
            "gmail.com",
            "googlemail.com",
            "outlook.com",
            "hotmail.com",
            "live.com",
            "msn.com",
            "icloud.com",
            "me.com",
            "mac.com",
            "fastmail.com",
            "fastmail.fm",
            "protonmail.com",
            "proton.me",
            "pm.me",
            "yandex.ru",
            "yandex.com",
            "zoho.com",
            "hey.com",
            "tutanota.com",
            "mailbox.org",
            "gmx.com",
            "gmx.de",
            "web.de");

    // a pragmatic check: one @, a dot-atom-ish local part, and a domain of labels with a TLD
    private static final Pattern SHAPE =
            Pattern.compile("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

    /**
     * Parses what a person typed.
     *
     * @throws IllegalArgumentException with a message fit for the person when it is not an address
     */
    public static EmailAddress parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("must not be blank");
        }
        String address = raw.trim();
        if (address.length() > 254) {
            throw new IllegalArgumentException("must be at most 254 characters");
        }
        if (!SHAPE.matcher(address).matches() || address.indexOf('@') > 64) {
            throw new IllegalArgumentException("must be a valid email address, like jane@example.com");
        }
        return new EmailAddress(address, normalize(address));
    }

    static String normalize(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        String local = lower.substring(0, at);
        String domain = lower.substring(at + 1);
        if (PLUS_TAG_DOMAINS.contains(domain)) {
            int plus = local.indexOf('+');
            if (plus > 0) {
                local = local.substring(0, plus);
            }
        }
        if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
            local = local.replace(".", "");
            domain = "gmail.com";
        }
        return local + "@" + domain;
    }

    /** The domain part, lower-cased. */
    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
