package io.iabulk.contests.web;

import io.iabulk.contests.ContestService;
import io.iabulk.contests.Winner;
import io.iabulk.contests.Winners;
import io.iabulk.platform.CsvCells;
import io.iabulk.platform.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Winners of a contest as JSON, or as CSV for a spreadsheet (admin key required). */
@RestController
@Tag(name = "Contests")
class WinnersController {

    private final ContestService contests;

    WinnersController(ContestService contests) {
        this.contests = contests;
    }

    @Operation(
            summary = "The winners of a contest",
            description = "Among confirmed participants. `mode=top`: the first `limit` in leaderboard order. "
                    + "`mode=weighted-draw`: `limit` winners drawn without replacement, weighted by points, the same "
                    + "for the same `seed` over the same standings (random when left out; the answer names it). As "
                    + "JSON, or as CSV with `Accept: text/csv` (`X-Draw-Seed` names the seed; cells a spreadsheet "
                    + "would run as formulas are neutralised).")
    @GetMapping(path = "/api/v1/contests/{id}/winners", produces = "application/json")
    Winners winners(
            @PathVariable String id,
            @RequestParam(defaultValue = "10") @Min(1) @Max(10_000) int limit,
            @RequestParam(defaultValue = "top") String mode,
            @RequestParam(required = false) Long seed) {
        return winners(contests.resolve(id), limit, mode, seed);
    }

    private Winners winners(long id, int limit, String mode, Long seed) {
        return switch (mode) {
            case "top" -> contests.topWinners(id, limit);
            case "weighted-draw" ->
                contests.drawWinners(
                        id,
                        limit,
                        seed != null ? seed : ThreadLocalRandom.current().nextLong(1L << 53));
            default -> throw new InvalidRequestException("mode", "must be 'top' or 'weighted-draw'");
        };
    }

    @Operation(summary = "The winners of a contest")
    @GetMapping(path = "/api/v1/contests/{id}/winners", produces = "text/csv")
    ResponseEntity<String> winnersCsv(
            @PathVariable("id") String idOrSlug,
            @RequestParam(defaultValue = "10") @Min(1) @Max(10_000) int limit,
            @RequestParam(defaultValue = "top") String mode,
            @RequestParam(required = false) Long seed)
            throws IOException {
        long id = contests.resolve(idOrSlug);
        Winners winners = winners(id, limit, mode, seed);
        StringBuilder csv = new StringBuilder();
        try (CSVPrinter out = CsvCells.FORMAT.print(csv)) {
            out.printRecord("rank", "participantId", "displayName", "email", "referrals", "points");
            for (Winner w : winners.winners()) {
                out.printRecord(
                        w.rank(),
                        w.participantId(),
                        CsvCells.guard(w.displayName()),
                        CsvCells.guard(w.email()),
                        w.referrals(),
                        w.points());
            }
        }
        String filename = "contest-" + id + "-winners-" + winners.mode()
                + (winners.seed() != null ? "-seed-" + winners.seed() : "") + ".csv";
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "text/csv; charset=UTF-8")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"")
                .header("X-Draw-Seed", winners.seed() != null ? winners.seed().toString() : "")
                .body(csv.toString());
    }
}
