package io.iabulk.contacts.web;

import io.iabulk.contacts.ContactImport;
import io.iabulk.contacts.ContactService;
import io.iabulk.platform.CsvCells;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * CSV imports of contacts (admin key required): the upload is streamed to disk, its header checked
 * at once, and the lines processed in the background; progress and rejected lines are read back.
 */
@RestController
@RequestMapping(path = "/api/v1/contacts/imports")
class ImportController {

    static final String PATH = "/api/v1/contacts/imports";

    private final ContactService contacts;
    private final UploadSpooler spooler;

    ImportController(ContactService contacts, UploadSpooler spooler) {
        this.contacts = contacts;
        this.spooler = spooler;
    }

    /** Accepts a CSV file as the raw body ({@code text/csv}) or as the {@code file} part of a form. */
    @PostMapping(
            consumes = {"text/csv", "application/csv", MediaType.MULTIPART_FORM_DATA_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ContactImport> upload(HttpServletRequest request) throws IOException {
        UploadSpooler.Upload upload = spooler.spool(request);
        ContactImport started;
        try {
            started = contacts.startImport(upload.file(), upload.fileName(), upload.size());
        } catch (RuntimeException e) {
            Files.deleteIfExists(upload.file());
            throw e;
        }
        return ResponseEntity.accepted()
                .location(URI.create(PATH + "/" + started.id()))
                .body(started);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    ContactImport get(@PathVariable long id) {
        return contacts.importOf(id);
    }

    /**
     * The rejected lines as CSV: {@code line,email,reason}, in line order; cells that a spreadsheet
     * would run as formulas are neutralised (the email is whatever the file held).
     */
    @GetMapping(path = "/{id}/rejected", produces = "text/csv")
    void rejected(@PathVariable long id, HttpServletResponse response) throws IOException {
        contacts.importOf(id); // a 404 before the CSV starts
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-rejected.csv\"");
        CSVPrinter csv = CsvCells.FORMAT.print(
                new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)));
        csv.printRecord("line", "email", "reason");
        contacts.rejections(
                id, (line, email, reason) -> csv.printRecord(line, CsvCells.guard(email), CsvCells.guard(reason)));
        csv.flush();
    }
}
