package io.iabulk.dashboard.web;

import io.iabulk.dashboard.web.StatusPageController.Notice;
import io.iabulk.dashboard.web.StatusPageController.RewardProgress;
import io.iabulk.dashboard.web.StatusPageController.ShareLink;
import io.iabulk.dashboard.web.StatusPageController.StatusPage;

/**
 * The participant's own part of their page (standing, link to share, referrals), written straight
 * into HTML. The rest of the page is the contest's, rendered by Thymeleaf once a second for
 * everyone ({@code dashboard/status.html}); this part differs per request, and a template engine
 * spent about 600 µs on it, more than everything else of the request together (JFR,
 * docs/benchmarks.md). Every value goes through {@link #escape}: nothing reaches the page raw.
 */
final class StatusSection {

    private StatusSection() {}

    static String html(StatusPage page) {
        StringBuilder h = new StringBuilder(4096);
        h.append("<p>Signed up as <strong>").append(escape(page.displayName())).append("</strong></p>\n");
        if (page.notice() != null) {
            h.append("<p class=\"notice\" role=\"status\">")
                    .append(escape(page.notice()))
                    .append("</p>\n");
        }
        standing(h, page);
        share(h, page);
        referrals(h, page);
        return h.toString();
    }

    private static void standing(StringBuilder h, StatusPage page) {
        h.append("<section class=\"card\" aria-labelledby=\"standing-heading\">\n")
                .append("<h2 id=\"standing-heading\">Your standing</h2>\n")
                .append("<dl class=\"stats\">\n");
        stat(h, "whole", "Status", page.confirmed() ? "Confirmed" : "Pending confirmation");
        stat(h, null, "Rank", page.confirmed() ? Long.toString(page.rank()) : "None yet");
        stat(h, null, "Points", Integer.toString(page.points()));
        stat(h, null, "Referrals", Integer.toString(page.referrals()));
        h.append("</dl>\n");
        if (page.nextMilestone() != null) {
            h.append("<p><strong>").append(escape(page.nextMilestone())).append("</strong></p>\n");
        }
        if (page.progress() != null) {
            String label = escape(page.progress().label());
            h.append("<div>\n<label for=\"milestone-progress\">")
                    .append(label)
                    .append("</label>\n<progress id=\"milestone-progress\" max=\"")
                    .append(page.progress().max())
                    .append("\" value=\"")
                    .append(page.progress().value())
                    .append("\">")
                    .append(label)
                    .append("</progress>\n</div>\n");
        }
        if (!page.rewards().isEmpty()) {
            h.append("<ul class=\"plain\" aria-label=\"Rewards\">\n");
            for (RewardProgress reward : page.rewards()) {
                h.append("<li><span>")
                        .append(escape(reward.reward()))
                        .append("</span>\n(<span>")
                        .append(escape(reward.needs()))
                        .append("</span>):\n<span>")
                        .append(reward.unlocked() ? "unlocked" : "not yet")
                        .append("</span></li>\n");
            }
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }

    private static void stat(StringBuilder h, String cssClass, String term, String value) {
        h.append(cssClass == null ? "<div>\n" : "<div class=\"" + cssClass + "\">\n")
                .append("<dt>")
                .append(term)
                .append("</dt>\n<dd>")
                .append(escape(value))
                .append("</dd>\n</div>\n");
    }

    private static void share(StringBuilder h, StatusPage page) {
        String url = escape(page.referralUrl());
        h.append("<section class=\"card\" aria-labelledby=\"share-heading\">\n")
                .append("<h2 id=\"share-heading\">Share your link</h2>\n")
                .append("<p>Every friend who joins through your link and confirms their email address counts for"
                        + " you.</p>\n")
                .append("<div class=\"field\">\n<label for=\"referral-link\">Your referral link</label>\n")
                .append("<div class=\"row\">\n<input id=\"referral-link\" type=\"text\" readonly value=\"")
                .append(url)
                .append("\">\n<button type=\"button\" hidden data-copy=\"referral-link\""
                        + " aria-describedby=\"copy-status\">Copy link</button>\n</div>\n")
                .append("<p id=\"copy-status\" class=\"muted\" role=\"status\" aria-live=\"polite\"></p>\n</div>\n")
                .append("<p><button type=\"button\" hidden data-share data-share-url=\"")
                .append(url)
                .append("\" data-share-text=\"")
                .append(escape(page.shareText()))
                .append("\">Share…</button></p>\n")
                .append("<ul class=\"share\" aria-label=\"Share on\">\n");
        for (ShareLink link : page.shareLinks()) {
            h.append("<li><a href=\"")
                    .append(escape(link.url()))
                    .append("\" rel=\"noopener noreferrer\" target=\"_blank\">")
                    .append(escape(link.network()))
                    .append("</a></li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    private static void referrals(StringBuilder h, StatusPage page) {
        if (page.notices().isEmpty()) {
            return;
        }
        h.append("<section class=\"card\" aria-labelledby=\"notices-heading\">\n")
                .append("<h2 id=\"notices-heading\">Your referrals</h2>\n<ul class=\"plain\">\n");
        for (Notice notice : page.notices()) {
            h.append("<li>\n<strong>")
                    .append(escape(notice.name()))
                    .append("</strong>, <span>")
                    .append(escape(notice.since()))
                    .append("</span>\n— <span class=\"state\">")
                    .append(escape(notice.state()))
                    .append("</span>:\n<span>")
                    .append(escape(notice.explanation()))
                    .append("</span>\n</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    /** Text or a double-quoted attribute value made inert: the five characters HTML gives meaning. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            String replacement = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(text.charAt(i));
            }
        }
        return out == null ? text : out.toString();
    }
}
