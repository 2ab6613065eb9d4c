package io.iabulk.intelligence.learning;

import java.util.Locale;
import java.util.Set;

/**
 * The kind of mailbox an address is, from a small built-in list: people read a personal webmail,
 * a work mailbox and a shared role address differently (docs/decisions/0019, "Features").
 */
enum DomainClass {
    /** A global webmail (gmail.com, outlook.com, …). */
    WEBMAIL,
    /** A national provider's mailbox (orange.fr, gmx.de, …). */
    LOCAL_PROVIDER,
    /** Any other domain: an employer's. */
    CORPORATE,
    /** A school or university. */
    EDU,
    /** A shared mailbox of a team (info@, sales@, …), whatever its domain. */
    ROLE,
    /** No domain (a malformed address). */
    UNKNOWN;

    private static final Set<String> WEBMAILS = Set.of(
            "gmail.com",
            "googlemail.com",
            "outlook.com",
            "hotmail.com",
            "live.com",
            "msn.com",
            "yahoo.com",
            "icloud.com",
            "me.com",
            "mac.com",
            "aol.com",
            "proton.me",
            "protonmail.com",
            "gmx.com",
            "mail.com",
            "zoho.com",
            "yandex.com",
            "fastmail.com",
            "tutanota.com",
            "hey.com");

    private static final Set<String> LOCAL_PROVIDERS = Set.of(
            "orange.fr",
            "free.fr",
            "laposte.net",
            "sfr.fr",
            "wanadoo.fr",
            "gmx.de",
            "gmx.net",
            "web.de",
            "t-online.de",
            "btinternet.com",
            "sky.com",
            "virginmedia.com",
            "telefonica.net",
            "movistar.es",
            "libero.it",
            "virgilio.it",
            "ziggo.nl",
            "kpnmail.nl",
            "wp.pl",
            "onet.pl",
            "yahoo.co.jp",
            "docomo.ne.jp",
            "uol.com.br",
            "bol.com.br",
            "prodigy.net.mx",
            "rediffmail.com",
            "qq.com",
            "163.com",
            "126.com",
            "bigpond.com",
            "optusnet.com.au",
            "mail.ru",
            "yandex.ru",
            "naver.com",
            "seznam.cz",
            "hotmail.fr",
            "yahoo.fr",
            "yahoo.co.uk",
            "hotmail.co.uk",
            "outlook.fr");

    private static final Set<String> ROLES = Set.of(
            "info",
            "contact",
            "admin",
            "sales",
            "support",
            "office",
            "hello",
            "team",
            "marketing",
            "billing",
            "accounts",
            "hr",
            "jobs",
            "press",
            "noreply",
            "no-reply",
            "webmaster",
            "help",
            "enquiries",
            "service");

    static DomainClass of(String email) {
        int at = email == null ? -1 : email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return UNKNOWN;
        }
        String local = email.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = email.substring(at + 1).toLowerCase(Locale.ROOT);
        if (ROLES.contains(local)) {
            return ROLE;
        }
        if (WEBMAILS.contains(domain)) {
            return WEBMAIL;
        }
        if (LOCAL_PROVIDERS.contains(domain)) {
            return LOCAL_PROVIDER;
        }
        if (domain.endsWith(".edu") || domain.contains(".edu.") || domain.contains(".ac.")) {
            return EDU;
        }
        return CORPORATE;
    }
}
