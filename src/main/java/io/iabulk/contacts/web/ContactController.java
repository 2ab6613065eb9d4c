package io.iabulk.contacts.web;

import io.iabulk.contacts.Contact;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.ContactStatus;
import io.iabulk.contacts.EmailAddress;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Operators' contacts API (admin key required). */
@RestController
@Tag(name = "Contacts")
@Validated
@RequestMapping(path = "/api/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
class ContactController {

    private final ContactService contacts;

    ContactController(ContactService contacts) {
        this.contacts = contacts;
    }

    /** Creates the contact of this address (201) or updates the one it has (200). */
    @Operation(
            summary = "Create or update a contact by address",
            description = "Idempotent by the normalised address: a new address creates the contact (201), a known "
                    + "one updates it with the fields sent (200). Unknown fields and `status` are refused.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ContactBodies.Upsert.class))))
    @ApiResponse(responseCode = "201", description = "Created; `Location` names the new contact")
    @ApiResponse(responseCode = "200", description = "The contact of this address, updated")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Contact> upsert(@RequestBody JsonNode body) {
        ContactService.Upserted result = contacts.upsert(ContactJsonReader.forUpsert(body));
        Contact contact = result.contact();
        return result.created()
                ? ResponseEntity.created(URI.create("/api/v1/contacts/" + contact.id()))
                        .body(contact)
                : ResponseEntity.ok(contact);
    }

    @Operation(summary = "Read a contact")
    @GetMapping("/{id}")
    Contact get(@PathVariable long id) {
        return contacts.get(id);
    }

    @Operation(
            summary = "Change a contact",
            description = "A JSON merge patch of `firstName`, `lastName`, `timeZone`, `locale`, `attributes` and "
                    + "`status` (ACTIVE and UNSUBSCRIBED only, from one another; unsubscribing suppresses the "
                    + "address). Unknown fields are refused with per-field errors.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            content = @Content(schema = @Schema(implementation = ContactBodies.Patch.class))))
    @ApiResponse(responseCode = "200", description = "The contact as changed")
    @ApiResponse(
            responseCode = "409",
            description = "The contact is erased, or its status cannot become the one asked (BOUNCED and COMPLAINED "
                    + "are final)")
    @PatchMapping(
            path = "/{id}",
            consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
    Contact update(@PathVariable long id, @RequestBody JsonNode body) {
        return contacts.update(id, ContactJsonReader.forPatch(body));
    }

    /** Erases the contact's personal data; its address stays suppressed (as a hash). */
    @Operation(
            summary = "Erase a contact",
            description = "Removes the contact's personal data for good; its address stays suppressed as a hash, so "
                    + "it is never mailed again. Idempotent: erasing an erased contact is a 204 too.")
    @ApiResponse(responseCode = "204", description = "Erased")
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(@PathVariable long id) {
        contacts.erase(id);
    }

    @Operation(
            summary = "List contacts",
            description = "By id, keyset-paged (`cursor` is the page's `nextCursor`); `status` and `email` (matched "
                    + "by its normalised form) narrow it.")
    @GetMapping
    Page<Contact> list(
            @RequestParam(required = false) ContactStatus status,
            @RequestParam(required = false) String email,
            @RequestParam(defaultValue = "0") @Min(0) long cursor,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        EmailAddress mailbox = null;
        if (email != null) {
            try {
                mailbox = EmailAddress.parse(email);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("email", e.getMessage());
            }
        }
        return Page.of(contacts.list(cursor, status, mailbox, limit + 1), limit, Contact::id);
    }
}
