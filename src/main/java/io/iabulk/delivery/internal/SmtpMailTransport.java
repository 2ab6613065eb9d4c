package io.iabulk.delivery.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Sends through the SMTP relay configured with {@code SPRING_MAIL_HOST}/{@code SPRING_MAIL_PORT}. */
@Component
@ConditionalOnProperty("spring.mail.host")
class SmtpMailTransport implements MailTransport {

    private final JavaMailSender sender;
    private final MimeMessages messages;

    SmtpMailTransport(JavaMailSender sender, MimeMessages messages) {
        this.sender = sender;
        this.messages = messages;
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public List<SendOutcome> send(List<Envelope> batch) {
        List<SendOutcome> outcomes = new ArrayList<>(batch.size());
        for (Envelope envelope : batch) {
            MimeMessage message = messages.build(envelope.mail());
            try {
                sender.send(message);
                outcomes.add(SendOutcome.sent(messages.messageId(message)));
            } catch (MailException e) {
                outcomes.add(classify(e));
            }
        }
        return outcomes;
    }

    /**
     * The outcome of a failed send from the SMTP reply in the exception chain: 5xx is permanent,
     * 4xx transient, no reply at all (connection refused or lost) transient with code 0.
     */
    static SendOutcome classify(MailException e) {
        List<Throwable> chain = new ArrayList<>();
        if (e instanceof MailSendException send) {
            chain.addAll(send.getFailedMessages().values().stream()
                    .map(Throwable.class::cast)
                    .toList());
            chain.addAll(List.of(send.getMessageExceptions()));
        }
        chain.add(e);
        for (Throwable root : chain) {
            Throwable t = root;
            for (int depth = 0; t != null && depth < 10; depth++, t = next(t)) {
                int code = replyCode(t);
                if (code >= 400 && code <= 599) {
                    String detail = t.getMessage() == null ? "" : t.getMessage().strip();
                    return code >= 500
                            ? SendOutcome.permanentFailure(code, detail)
                            : SendOutcome.transientFailure(code, detail);
                }
            }
        }
        return SendOutcome.transientFailure(0, e.getMessage());
    }

    private static final Pattern REPLY = Pattern.compile("^\\s*([45]\\d\\d)[ -]");

    /** Angus's SMTP exceptions carry the reply code; others may start with the server's reply. */
    private static int replyCode(Throwable t) {
        try {
            Object code = t.getClass().getMethod("getReturnCode").invoke(t);
            if (code instanceof Integer n && n > 0) {
                return n;
            }
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // not an SMTP exception of Angus
        }
        Matcher m = REPLY.matcher(t.getMessage() == null ? "" : t.getMessage());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
