package io.iabulk.webhooks.internal;

import io.iabulk.accounts.Account;
import io.iabulk.accounts.AccountService;
import io.iabulk.accounts.AccountsProperties;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.delivery.OutgoingMail;
import io.iabulk.platform.AuditLog;
import io.iabulk.platform.Role;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the owners that a webhook was disabled: an audit log entry (seen on the console's audit page
 * and the webhooks page, which shows the reason) and an email to every active owner account, sent
 * outside the queue like the accounts' own emails, on a virtual thread.
 */
@Component
class WebhookAlarms {

    private static final Logger log = LoggerFactory.getLogger(WebhookAlarms.class);

    private final AuditLog audit;
    private final AccountService accounts;
    private final DeliveryService delivery;
    private final AccountsProperties accountSettings;

    WebhookAlarms(
            AuditLog audit, AccountService accounts, DeliveryService delivery, AccountsProperties accountSettings) {
        this.audit = audit;
        this.accounts = accounts;
        this.delivery = delivery;
        this.accountSettings = accountSettings;
    }

    void disabled(JdbcWebhooks.Target webhook, String reason) {
        log.warn("Webhook {} ({}) disabled: {}", webhook.id(), webhook.url(), reason);
        audit.record("webhooks", "webhook.disabled", "webhook " + webhook.id() + ": " + reason, null, null);
        List<String> owners = accounts.accounts().stream()
                .filter(a -> a.role() == Role.OWNER && a.disabledAt() == null && !a.pending())
                .map(Account::email)
                .toList();
        String text = "The webhook " + webhook.id() + " (" + webhook.url() + ") failed every delivery for a day and"
                + " is now disabled: its events wait and are not sent.\n\nLast error: " + reason
                + "\n\nFix the endpoint, then enable the webhook again on the console's webhooks page or with"
                + " POST /api/v1/webhooks/" + webhook.id() + "/enable.\n";
        for (String owner : owners) {
            OutgoingMail mail = new OutgoingMail(
                    owner,
                    accountSettings.mailFrom(),
                    "IA Bulk: webhook " + webhook.id() + " disabled",
                    text,
                    null,
                    Map.of("X-IABulk-Kind", "webhook-disabled"));
            Thread.ofVirtual().name("webhook-alarm").start(() -> {
                try {
                    delivery.sendSystemMail(mail);
                } catch (RuntimeException e) {
                    log.warn("Could not tell an owner that webhook {} is disabled: {}", webhook.id(), e.getMessage());
                }
            });
        }
    }
}
