package io.iabulk.accounts.internal;

import io.iabulk.accounts.AccountService;
import io.iabulk.accounts.AccountsProperties;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.delivery.OutgoingMail;
import io.iabulk.platform.PublicUrls;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The accounts' emails (password reset, invitation), sent through the configured transport outside
 * the send queue, on a virtual thread: the page that asked answers at once, in the same time
 * whether an email left or not.
 */
@Component
public class AccountMail {

    private static final Logger log = LoggerFactory.getLogger(AccountMail.class);

    private final DeliveryService delivery;
    private final PublicUrls urls;
    private final AccountsProperties properties;

    AccountMail(DeliveryService delivery, PublicUrls urls, AccountsProperties properties) {
        this.delivery = delivery;
        this.urls = urls;
        this.properties = properties;
    }

    public void sendResetLink(AccountService.ResetLink link) {
        String url = urls.of("/password-reset/" + link.token());
        send(
                link.email(),
                "Reset your IA Bulk password",
                "Someone (we hope you) asked to reset the password of your IA Bulk account.\n\n"
                        + "Choose a new password here (the link works once, for "
                        + Durations.words(properties.resetLinkValidity()) + "):\n" + url + "\n\n"
                        + "If it was not you, ignore this email: your password stays as it is.\n");
    }

    public void sendInvitation(AccountService.ResetLink link, String invitedBy) {
        String url = urls.of("/password-reset/" + link.token());
        send(
                link.email(),
                "You are invited to IA Bulk",
                invitedBy + " added you to IA Bulk.\n\n"
                        + "Choose your password here (the link works once, for "
                        + Durations.words(properties.inviteLinkValidity()) + "):\n" + url + "\n");
    }

    private void send(String to, String subject, String text) {
        OutgoingMail mail =
                new OutgoingMail(to, properties.mailFrom(), subject, text, null, Map.of("X-IABulk-Kind", "account"));
        Thread.ofVirtual().name("account-mail").start(() -> {
            try {
                delivery.sendSystemMail(mail);
            } catch (RuntimeException e) {
                log.warn("Could not send '{}' to an operator: {}", subject, e.getMessage());
            }
        });
    }
}
