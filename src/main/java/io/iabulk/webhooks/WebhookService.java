package io.iabulk.webhooks;

import io.iabulk.platform.ConflictException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.InvalidRequestException.FieldError;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.Page;
import io.iabulk.platform.SecretTokens;
import io.iabulk.webhooks.internal.AddressGuard;
import io.iabulk.webhooks.internal.JdbcWebhookDeliveries;
import io.iabulk.webhooks.internal.JdbcWebhooks;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The webhooks module's facade: webhooks (create, list, delete, enable) and their delivery log. */
@Service
public class WebhookService {

    /** The longest URL accepted. */
    public static final int MAX_URL = 2048;
    /** The shortest and longest secrets accepted. */
    public static final int MIN_SECRET = 16;

    public static final int MAX_SECRET = 200;
    /** The statuses of a delivery. */
    public static final List<String> STATUSES = List.of("PENDING", "SENDING", "DELIVERED", "FAILED");

    private final JdbcWebhooks webhooks;
    private final JdbcWebhookDeliveries deliveries;
    private final WebhooksProperties properties;
    private final Clock clock;

    WebhookService(
            JdbcWebhooks webhooks, JdbcWebhookDeliveries deliveries, WebhooksProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Creates a webhook after checking every field (400 with the fields at fault); its secret is
     * the one given or a generated one ({@code whsec_} and 256 random bits), returned this once.
     */
    @Transactional
    public CreatedWebhook create(NewWebhook request) {
        List<FieldError> errors = new ArrayList<>();
        String url = checkUrl(request.url(), errors);
        List<String> events = checkEvents(request.events(), errors);
        String secret = request.secret() == null ? "whsec_" + SecretTokens.random() : request.secret();
        if (request.secret() != null
                && (secret.length() < MIN_SECRET
                        || secret.length() > MAX_SECRET
                        || secret.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f))) {
            errors.add(new FieldError(
                    "secret",
                    "must be " + MIN_SECRET + " to " + MAX_SECRET
                            + " printable ASCII characters without spaces, or left out to have one generated"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        if (webhooks.count() >= properties.maxWebhooks()) {
            throw new ConflictException(
                    "too-many-webhooks",
                    "There are " + properties.maxWebhooks() + " webhooks already (iabulk.webhooks.max-webhooks)");
        }
        long id = webhooks.insert(url, secret, events, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return CreatedWebhook.of(get(id), secret);
    }

    private String checkUrl(String url, List<FieldError> errors) {
        if (url == null || url.isBlank()) {
            errors.add(new FieldError("url", "is required"));
            return null;
        }
        if (url.length() > MAX_URL) {
            errors.add(new FieldError("url", "must be at most " + MAX_URL + " characters"));
            return null;
        }
        if (url.chars().anyMatch(c -> c < 0x20 || c == 0x7f || Character.isWhitespace(c))) {
            errors.add(new FieldError("url", "must not contain spaces or control characters"));
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            errors.add(new FieldError("url", "is not a valid URL"));
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean http = scheme.equals("http") && properties.allowPrivateAddresses();
        if (!scheme.equals("https") && !http) {
            errors.add(new FieldError(
                    "url",
                    properties.allowPrivateAddresses() ? "must be an http or https URL" : "must be an https URL"));
            return null;
        }
        if (uri.getRawAuthority() == null
                || uri.getHost() == null
                || uri.getHost().isEmpty()) {
            errors.add(new FieldError("url", "must name a host"));
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            errors.add(new FieldError("url", "must not carry credentials: receivers check the signature"));
            return null;
        }
        if (uri.getRawFragment() != null) {
            errors.add(new FieldError("url", "must not have a fragment (#...)"));
            return null;
        }
        if (AddressGuard.isAmbiguousIpv4(uri.getHost())) {
            errors.add(new FieldError(
                    "url",
                    "writes an IPv4 address in a form that programs read differently (" + uri.getHost()
                            + "): write it as four decimal numbers without leading zeros, like 93.184.215.14"));
            return null;
        }
        Optional<String> refusal = refusal(uri.getHost());
        if (refusal.isPresent()) {
            errors.add(new FieldError("url", refusal.get()));
            return null;
        }
        return url;
    }

    /** Why the host may not be reached, or empty (SSRF guard, docs/decisions/0025). */
    private Optional<String> refusal(String host) {
        List<InetAddress> addresses;
        try {
            addresses = AddressGuard.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of("names a host that does not resolve: " + host);
        }
        if (properties.allowPrivateAddresses()) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> why = AddressGuard.refusal(address);
            if (why.isPresent()) {
                return Optional.of("must reach a public address, but " + host + " is " + why.get()
                        + " (iabulk.webhooks.allow-private-addresses is off)");
            }
        }
        return Optional.empty();
    }

    private static List<String> checkEvents(List<String> events, List<FieldError> errors) {
        if (events == null || events.isEmpty()) {
            errors.add(new FieldError(
                    "events",
                    "must list at least one event type of " + String.join(", ", WebhookEventType.wireNames())));
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (event == null || WebhookEventType.of(event).isEmpty()) {
                errors.add(new FieldError(
                        "events[" + i + "]",
                        "is not an event type; known: " + String.join(", ", WebhookEventType.wireNames())));
            } else if (!seen.add(event)) {
                errors.add(new FieldError("events[" + i + "]", "repeats " + event));
            }
        }
        return List.copyOf(events);
    }

    /** Every webhook, oldest first. */
    @Transactional(readOnly = true)
    public List<Webhook> list() {
        return webhooks.all();
    }

    @Transactional(readOnly = true)
    public Webhook get(long id) {
        return webhooks.find(id).orElseThrow(() -> new NotFoundException("Webhook", id));
    }

    /** Deletes a webhook with its deliveries (those not yet sent are never sent). */
    @Transactional
    public void delete(long id) {
        if (!webhooks.delete(id)) {
            throw new NotFoundException("Webhook", id);
        }
    }

    /**
     * Enables a webhook (again): its waiting deliveries are sent, and its failures are forgotten,
     * so it has a day again before it is disabled. Enabling an enabled webhook changes nothing.
     */
    @Transactional
    public Webhook enable(long id) {
        if (!webhooks.enable(id)) {
            throw new NotFoundException("Webhook", id);
        }
        return get(id);
    }

    /**
     * A page of a webhook's delivery log, newest first; {@code status} filters (null: all),
     * {@code cursor} is the {@code nextCursor} of the previous page.
     */
    @Transactional(readOnly = true)
    public Page<WebhookDelivery> deliveries(long webhookId, String status, Long cursor, int limit) {
        get(webhookId);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequestException("status", "must be one of " + String.join(", ", STATUSES));
        }
        return Page.of(deliveries.page(webhookId, status, cursor, limit + 1), limit, WebhookDelivery::id);
    }
}
