package io.iabulk.campaigns.web;

import io.iabulk.campaigns.MessageService;
import io.iabulk.campaigns.TransactionalMessage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Transactional messages (admin key required). */
@RestController
@Tag(name = "Messages")
class MessageController {

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    /** A transactional message: its send id and status. */
    record Queued(long id, String status) {}

    /** Queues one message; it is rendered and sent within moments, retried like campaign mail. */
    @Operation(
            summary = "Send a transactional message",
            description = "One message from a template to one person: `contactId`, or `email` (the contact is "
                    + "created when new). Queued and sent within moments, retried like campaign mail; a suppressed "
                    + "contact gets nothing (status SUPPRESSED). Opens and clicks are tracked only with "
                    + "`track: true`. Not idempotent: each call queues one more message.")
    @ApiResponse(responseCode = "202", description = "Queued: its id and status, to poll")
    @io.iabulk.platform.NotAudited
    @PostMapping(
            path = "/api/v1/messages",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Queued send(@Valid @RequestBody TransactionalMessage message) {
        long id = messages.send(message);
        return new Queued(id, messages.status(id));
    }

    /** A message's status: QUEUED until a worker sends it, then SENT, FAILED, SUPPRESSED, ... */
    @Operation(
            summary = "A transactional message's status",
            description = "QUEUED until a worker sends it, then SENT, FAILED, SUPPRESSED, ...")
    @GetMapping(path = "/api/v1/messages/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Queued get(@PathVariable long id) {
        return new Queued(id, messages.status(id));
    }
}
