package io.iabulk.delivery.web;

import io.iabulk.platform.DomainException;

/** A webhook body that cannot be read (400). */
class MalformedWebhookException extends DomainException {

    MalformedWebhookException(String message) {
        super("malformed-webhook", message);
    }
}
