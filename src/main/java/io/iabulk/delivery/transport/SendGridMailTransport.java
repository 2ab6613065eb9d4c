package io.iabulk.delivery.transport;

import io.iabulk.delivery.DeliveryProperties;
import io.iabulk.delivery.OutgoingMail;
import io.iabulk.delivery.internal.Envelope;
import io.iabulk.delivery.internal.MailTransport;
import io.iabulk.delivery.internal.SendOutcome;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends through SendGrid's v3 {@code mail/send}. Messages of a batch that differ only in their
 * recipient (same sender, subject, parts and shared headers) go in one request with one
 * personalization each; each personalization carries its {@code send_id} as a custom argument, so
 * the event webhook can name the send row, and its own {@code List-Unsubscribe}.
 */
class SendGridMailTransport implements MailTransport, AutoCloseable {

    /** SendGrid's limit of personalizations in one request. */
    static final int MAX_PERSONALIZATIONS = 1000;

    private static final int MAX_DETAIL = 500;

    private final HttpClient http;
    private final URI endpoint;
    private final String authorization;
    private final Duration timeout;
    private final int parallel;
    private final MimeMessages messages;
    private final JsonMapper json;

    SendGridMailTransport(DeliveryProperties.SendGrid settings, MimeMessages messages, JsonMapper json) {
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        String base = settings.baseUrl().toString();
        this.endpoint =
                URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v3/mail/send");
        this.authorization = "Bearer " + settings.apiKey().trim();
        this.timeout = settings.timeout();
        this.parallel = settings.parallelRequests();
        this.messages = messages;
        this.json = json;
    }

    @Override
    public String name() {
        return "sendgrid";
    }

    @Override
    public List<SendOutcome> send(List<Envelope> batch) {
        SendOutcome[] outcomes = new SendOutcome[batch.size()];
        // group by everything but the recipient, keeping the batch order within each request
        Map<Shared, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            OutgoingMail mail = batch.get(i).mail();
            try {
                address(mail.to());
                address(mail.from());
                if (mail.replyTo() != null && !mail.replyTo().isBlank()) {
                    address(mail.replyTo());
                }
            } catch (AddressException e) {
                outcomes[i] = SendOutcome.permanentFailure(0, "Invalid address: " + e.getMessage());
                continue;
            }
            List<Integer> group = groups.computeIfAbsent(Shared.of(mail), k -> new ArrayList<>());
            group.add(i);
        }
        List<List<Integer>> requests = new ArrayList<>();
        for (List<Integer> group : groups.values()) {
            for (int from = 0; from < group.size(); from += MAX_PERSONALIZATIONS) {
                requests.add(group.subList(from, Math.min(group.size(), from + MAX_PERSONALIZATIONS)));
            }
        }
        for (int window = 0; window < requests.size(); window += parallel) {
            List<List<Integer>> running = requests.subList(window, Math.min(requests.size(), window + parallel));
            List<CompletableFuture<SendOutcome>> calls = new ArrayList<>(running.size());
            for (List<Integer> request : running) {
                calls.add(post(body(batch, request)));
            }
            for (int r = 0; r < running.size(); r++) {
                SendOutcome outcome = join(calls.get(r));
                for (int index : running.get(r)) {
                    outcomes[index] = outcome;
                }
            }
        }
        return Arrays.asList(outcomes);
    }

    private CompletableFuture<SendOutcome> post(String body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(SendGridMailTransport::outcome);
    }

    private static SendOutcome join(CompletableFuture<SendOutcome> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return SendOutcome.transientFailure(0, "SendGrid unreachable: " + cause);
        }
    }

    /**
     * 202 is accepted; 429 and 5xx are worth another try (with {@code Retry-After} in the detail);
     * 401/403 mean our key is wrong, not the recipient, so they are transient too (the circuit
     * breaker stops the sending); any other 4xx is this message's own fault.
     */
    static SendOutcome outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return SendOutcome.sent(
                    response.headers().firstValue("X-Message-Id").orElse(null));
        }
        String detail = "SendGrid answered " + status + ": " + abbreviate(response.body());
        if (status == 429 || status >= 500 || status == 401 || status == 403) {
            String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
            return SendOutcome.transientFailure(
                    status, retryAfter == null ? detail : "retry after " + retryAfter.strip() + " s; " + detail);
        }
        return SendOutcome.permanentFailure(status, detail);
    }

    /** One request: the shared part from the first message, one personalization per message. */
    String body(List<Envelope> batch, List<Integer> indexes) {
        OutgoingMail first = batch.get(indexes.getFirst()).mail();
        ObjectNode root = json.createObjectNode();
        ArrayNode personalizations = root.putArray("personalizations");
        for (int index : indexes) {
            Envelope envelope = batch.get(index);
            ObjectNode personalization = personalizations.addObject();
            address(personalization.putArray("to").addObject(), envelope.mail().to());
            personalization.putObject("custom_args").put("send_id", Long.toString(envelope.sendId()));
            if (envelope.mail().unsubscribeUrl() != null) {
                ObjectNode headers = personalization.putObject("headers");
                headers.put(
                        "List-Unsubscribe",
                        messages.listUnsubscribe(envelope.mail().unsubscribeUrl()));
                headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            }
        }
        address(root.putObject("from"), first.from());
        if (first.replyTo() != null && !first.replyTo().isBlank()) {
            address(root.putObject("reply_to"), first.replyTo());
        }
        root.put("subject", first.subject());
        ArrayNode content = root.putArray("content");
        // SendGrid wants text/plain before text/html, and no empty part
        if (first.text() != null && !first.text().isEmpty()) {
            content.addObject().put("type", "text/plain").put("value", first.text());
        }
        if (first.html() != null && !first.html().isEmpty()) {
            content.addObject().put("type", "text/html").put("value", first.html());
        }
        if (content.isEmpty()) {
            content.addObject().put("type", "text/plain").put("value", " ");
        }
        if (!first.headers().isEmpty()) {
            ObjectNode headers = root.putObject("headers");
            first.headers().forEach(headers::put);
        }
        return json.writeValueAsString(root);
    }

    private static void address(ObjectNode node, String value) {
        try {
            InternetAddress address = address(value);
            node.put("email", address.getAddress());
            if (address.getPersonal() != null && !address.getPersonal().isBlank()) {
                node.put("name", address.getPersonal());
            }
        } catch (AddressException e) {
            throw new IllegalStateException(e); // checked before grouping
        }
    }

    private static InternetAddress address(String value) throws AddressException {
        InternetAddress[] parsed = InternetAddress.parse(value, true);
        if (parsed.length != 1) {
            throw new AddressException("exactly one address expected", value);
        }
        return parsed[0];
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "…";
    }

    @Override
    public void close() {
        http.close();
    }

    /** What the messages of one request share: everything but the recipient and the send. */
    record Shared(String from, String replyTo, String subject, String text, String html, Map<String, String> headers) {

        static Shared of(OutgoingMail mail) {
            return new Shared(
                    mail.from(),
                    Objects.requireNonNullElse(mail.replyTo(), ""),
                    mail.subject(),
                    mail.text(),
                    mail.html(),
                    mail.headers());
        }
    }
}
