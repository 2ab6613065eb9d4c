package io.iabulk.dashboard.console.contacts;

import io.iabulk.contacts.ContactImport;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.ContactsProperties;
import io.iabulk.contacts.ImportStatus;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.UploadSpooler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Files;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * CSV imports from the console: the upload form, and an import's page whose progress and counts
 * update by polling until it is done, with the first rejected lines and the link to all of them. The
 * upload goes through the same spooler and {@link ContactService#startImport} as the API's.
 */
@Controller
@ConsolePage
class ImportPageController {

    static final int REJECTED_PREVIEW = 10;

    private final ContactService contacts;
    private final UploadSpooler spooler;
    private final ContactsProperties properties;

    ImportPageController(ContactService contacts, ContactsProperties properties) {
        this.contacts = contacts;
        this.properties = properties;
        this.spooler = new UploadSpooler(
                properties.imports().maxSize().toBytes(), properties.imports().tempDir(), "import-");
    }

    @GetMapping("/contacts/import")
    String form(Model model) {
        model.addAttribute("maxSize", properties.imports().maxSize().toBytes());
        return "console/contacts/import";
    }

    /**
     * Takes the multipart upload (sent by htmx with the session's token in {@code X-CSRF-Token}: the
     * edge does not read a token from a multipart body) and sends the browser to the import's page.
     */
    @PostMapping("/contacts/imports")
    String upload(HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        model.addAttribute("maxSize", properties.imports().maxSize().toBytes());
        ContactImport started;
        try {
            UploadSpooler.Upload upload = spooler.spool(request);
            try {
                // "Everyone in this file is …": the form's choice (a field next to the file); shown again
                // with an error, so that a second try does not import unsubscribed people as active
                String status = upload.fields().get("status");
                model.addAttribute("status", status == null ? "" : status);
                started = contacts.startImport(upload.file(), upload.fileName(), upload.size(), status);
            } catch (RuntimeException e) {
                Files.deleteIfExists(upload.file());
                throw e;
            }
        } catch (InvalidRequestException e) {
            model.addAttribute(
                    "error",
                    e.errors().stream()
                            .map(InvalidRequestException.FieldError::message)
                            .collect(java.util.stream.Collectors.joining("; ")));
            response.setStatus(422);
            return "console/contacts/import :: uploadForm";
        }
        String location = "/contacts/imports/" + started.id();
        FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
        flash.put("flash", "Import started: " + (started.fileName() == null ? "your file" : started.fileName()));
        RequestContextUtils.saveOutputFlashMap(location, request, response);
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", location);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return null;
        }
        return "redirect:" + location;
    }

    @GetMapping("/contacts/imports/{id}")
    String page(@PathVariable long id, Model model) {
        progressModel(id, model);
        return "console/contacts/import-progress";
    }

    /** The progress part alone, polled while the import runs. */
    @GetMapping("/contacts/imports/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        progressModel(id, model);
        return "console/contacts/import-progress :: progress";
    }

    private void progressModel(long id, Model model) {
        ContactImport contactImport = contacts.importOf(id);
        model.addAttribute("imp", contactImport);
        model.addAttribute("running", contactImport.status() == ImportStatus.RUNNING);
        model.addAttribute(
                "rejected",
                contactImport.invalid() > 0 ? contacts.firstRejections(id, REJECTED_PREVIEW) : java.util.List.of());
    }
}
