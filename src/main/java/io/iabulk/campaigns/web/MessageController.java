package io.iabulk.campaigns.web;

import io.iabulk.campaigns.MessageService;
import io.iabulk.campaigns.TransactionalMessage;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Transactional messages (admin key required). */
@RestController
class MessageController {

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    /** The queued message: its send id. */
    record Queued(long id, String status) {}

    /** Queues one message; it is rendered and sent within moments, retried like campaign mail. */
    @PostMapping(
            path = "/api/v1/messages",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Queued send(@Valid @RequestBody TransactionalMessage message) {
        return new Queued(messages.send(message), "QUEUED");
    }
}
