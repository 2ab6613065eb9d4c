package io.iabulk.campaigns;

import io.iabulk.contacts.ContactId;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.EmailAddress;
import io.iabulk.delivery.DeliveryService;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.InvalidRequestException.FieldError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Transactional messages: one message from a template to one contact, queued like a campaign's
 * (so it survives a crash, honours suppression and is retried), rendered when it is sent.
 */
@Service
public class MessageService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DeliveryService delivery;
    private final ContactService contacts;
    private final CampaignChecks checks;

    MessageService(DeliveryService delivery, ContactService contacts, CampaignChecks checks) {
        this.delivery = delivery;
        this.contacts = contacts;
        this.checks = checks;
    }

    /** Queues the message and returns its send id. */
    @Transactional
    public long send(TransactionalMessage message) {
        List<FieldError> errors = new ArrayList<>();
        if (message.contactId() == null && message.email() == null) {
            errors.add(new FieldError("contactId", "give contactId or email"));
        }
        if (message.contactId() != null && message.email() != null) {
            errors.add(new FieldError("email", "give contactId or email, not both"));
        }
        EmailAddress address = null;
        if (message.email() != null) {
            try {
                address = EmailAddress.parse(message.email());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("email", e.getMessage()));
            }
        }
        if (!checks.exists("templates", message.templateId())) {
            errors.add(new FieldError("templateId", "no template " + message.templateId()));
        }
        if (message.contactId() != null && !checks.exists("contacts", message.contactId())) {
            errors.add(new FieldError("contactId", "no contact " + message.contactId()));
        }
        if (message.context() != null) {
            message.context().keySet().stream()
                    .filter(key -> key.startsWith("$"))
                    .forEach(key -> errors.add(new FieldError("context." + key, "names starting with $ are reserved")));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        long contact = message.contactId() != null
                ? message.contactId()
                : contacts.ensure(address, null, null).value();
        Map<String, Object> context = new LinkedHashMap<>();
        if (message.context() != null) {
            context.putAll(message.context());
        }
        putIfSet(context, "$from", message.from());
        putIfSet(context, "$replyTo", message.replyTo());
        putIfSet(context, "$contestId", message.contestId());
        putIfSet(context, "$track", Boolean.TRUE.equals(message.track()) ? true : null);
        return queue(new ContactId(contact), message.templateId(), context);
    }

    /** Where a queued message stands: {@code QUEUED}, {@code SENT}, {@code SUPPRESSED}, ... */
    @Transactional(readOnly = true)
    public String status(long sendId) {
        return delivery.status(sendId);
    }

    /** Queues a message for code of this module (system templates); joins the caller's transaction. */
    @Transactional
    public long queue(ContactId contact, long templateId, Map<String, Object> context) {
        return delivery.enqueue(contact.value(), templateId, JSON.writeValueAsString(context));
    }

    /** A message for {@link #queueAll}: a contact and its template context. */
    public record Queued(ContactId contact, Map<String, Object> context) {}

    /**
     * Queues messages of one template for code of this module, in one batch; joins the caller's
     * transaction. Returns their send ids, in the order given.
     */
    @Transactional
    public long[] queueAll(long templateId, List<Queued> messages) {
        long[] contacts = new long[messages.size()];
        List<String> contexts = new ArrayList<>(messages.size());
        for (int i = 0; i < contacts.length; i++) {
            contacts[i] = messages.get(i).contact().value();
            contexts.add(JSON.writeValueAsString(messages.get(i).context()));
        }
        return delivery.enqueueAll(templateId, contacts, contexts);
    }

    private static void putIfSet(Map<String, Object> context, String key, Object value) {
        if (value != null) {
            context.put(key, value);
        }
    }
}
