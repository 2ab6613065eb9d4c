package io.iabulk.delivery.transport;

import io.iabulk.delivery.internal.SendOutcome;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** What a failed SMTP transaction means for the message and for the connection it used. */
final class SmtpReplies {

    private SmtpReplies() {}

    /**
     * A failure's outcome and whether its connection must be dropped.
     *
     * @param connectionBroken the connection is gone or in an unknown state (I/O error, no reply,
     *     421 "closing")
     */
    record Failure(SendOutcome outcome, boolean connectionBroken) {}

    /**
     * Reads the reply code out of Jakarta Mail's exception chain: the per-recipient ({@code RCPT})
     * or sender ({@code MAIL}) failure when there is one, else the failed command's ({@code DATA},
     * end of data). No code, or an I/O error, is a lost connection.
     */
    static Failure classify(Exception e) {
        int code = 0;
        String detail = null;
        boolean io = false;
        boolean recipient = false;
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof SMTPAddressFailedException address) {
                code = address.getReturnCode();
                detail = address.getMessage();
                recipient = true;
                break;
            }
            if (t instanceof SMTPSenderFailedException sender) {
                code = sender.getReturnCode();
                detail = sender.getMessage();
                break;
            }
            if (t instanceof SMTPSendFailedException failed && code == 0) {
                code = failed.getReturnCode();
                detail = failed.getMessage();
            }
            if (t instanceof IOException) {
                io = true;
            }
        }
        if (code <= 0 || io && code < 400) {
            return new Failure(SendOutcome.transientFailure(0, "SMTP connection failed: " + describe(e)), true);
        }
        String words = detail == null ? describe(e) : detail.strip();
        if (code == 421) {
            return new Failure(SendOutcome.transientFailure(code, words), true);
        }
        // RFC 5321 4.5.3.1.10: a 552 to RCPT (mailbox full) is better treated as temporary
        if (code >= 500 && code <= 599 && !(recipient && code == 552)) {
            return new Failure(SendOutcome.permanentFailure(code, words), false);
        }
        return new Failure(SendOutcome.transientFailure(code, words), code < 400 || code > 599);
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        Throwable t = e;
        for (int depth = 0; t != null && depth < 4; depth++, t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(": ");
            }
            text.append(
                    t.getMessage() != null
                            ? t.getMessage().strip()
                            : t.getClass().getSimpleName());
        }
        return text.toString();
    }
}
