package io.iabulk.contests;

import io.iabulk.platform.CsvCells;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * A contest's participants as CSV, for the admin API and the console's download: every participant
 * matching a query, newest first, read in keyset pages so a contest of a million streams in constant
 * memory. Participants who sign up while it is written are left out (they are newer than the first
 * page); what people typed is guarded against spreadsheet formulas ({@link CsvCells}).
 */
@Component
public class ParticipantsCsv {

    static final int BATCH = 2_000;

    static final List<String> HEADER = List.of(
            "participantId",
            "email",
            "firstName",
            "lastName",
            "status",
            "referralCode",
            "referralUrl",
            "referredBy",
            "referredByEmail",
            "referrals",
            "points",
            "joinedAt",
            "confirmedAt");

    private final ContestService contests;

    ParticipantsCsv(ContestService contests) {
        this.contests = contests;
    }

    /**
     * Sends the file as the answer to a download (the admin API's and the console's): CSV in UTF-8,
     * saved under {@link #filename}; the contest must exist (check it first, while an error can still
     * be answered).
     */
    public void send(long contestId, ParticipantQuery query, HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename(contestId, query) + "\"");
        write(contestId, query, new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
    }

    /** The file name a download is saved under. */
    static String filename(long contestId, ParticipantQuery query) {
        return "contest-" + contestId + "-participants"
                + (query.status() != null ? "-" + query.status().name().toLowerCase(java.util.Locale.ROOT) : "")
                + ".csv";
    }

    /** Writes the file, batch after batch. */
    private void write(long contestId, ParticipantQuery query, Writer writer) throws IOException {
        CSVPrinter out = CsvCells.FORMAT.print(writer);
        out.printRecord(HEADER);
        Long after = null;
        while (true) {
            List<ParticipantSummary> page = contests.participants(contestId, query, after, null, BATCH);
            for (ParticipantSummary p : page) {
                out.printRecord(
                        p.participantId(),
                        CsvCells.guard(p.email()),
                        CsvCells.guard(p.firstName()),
                        CsvCells.guard(p.lastName()),
                        p.status(),
                        p.referralCode(),
                        p.referralUrl(),
                        p.referredBy(),
                        CsvCells.guard(p.referredByEmail()),
                        p.referrals(),
                        p.points(),
                        p.joinedAt(),
                        p.confirmedAt());
            }
            if (page.size() < BATCH) {
                break;
            }
            after = page.getLast().participantId();
        }
        out.flush();
    }
}
