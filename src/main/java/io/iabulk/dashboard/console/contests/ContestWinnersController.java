package io.iabulk.dashboard.console.contests;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.Winner;
import io.iabulk.contests.Winners;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.CsvCells;
import io.iabulk.platform.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A contest's winners: the top of the leaderboard, or a draw weighted by points that the same seed
 * reproduces; shown as a table and exported as CSV. Reading winners changes nothing, as in the API,
 * so both are GETs and the CSV link carries the seed of the draw shown.
 */
@Controller
@ConsolePage
class ContestWinnersController {

    /** The most winners the console picks at once. */
    static final int MAX_WINNERS = 1000;

    /** Rows the page shows; the CSV holds all the winners. */
    static final int SHOWN = 100;

    private final ContestService contests;

    ContestWinnersController(ContestService contests) {
        this.contests = contests;
    }

    /** The winners form as typed. */
    record Choice(String mode, String count, String seed) {}

    /** A checked choice: how many winners, and the seed of a draw (null for the top). */
    record Pick(boolean draw, int count, Long seed) {}

    @GetMapping("/contests/{id}/winners")
    String winners(
            @PathVariable long id,
            @RequestParam(required = false) String mode,
            @RequestParam(required = false) String count,
            @RequestParam(required = false) String seed,
            Model model) {
        Contest contest = contests.get(id);
        model.addAttribute("contest", contest);
        model.addAttribute("stats", contests.stats(id));
        Choice choice = new Choice(
                mode == null ? "top" : mode, count == null ? "10" : count.strip(), seed == null ? "" : seed.strip());
        Map<String, String> errors = new LinkedHashMap<>();
        if (mode != null) {
            Pick pick = check(choice, errors);
            if (errors.isEmpty()) {
                Winners winners = pick(id, pick);
                model.addAttribute("winners", winners);
                model.addAttribute(
                        "shown", winners.winners().stream().limit(SHOWN).toList());
                model.addAttribute(
                        "csvUrl",
                        "/contests/" + id + "/winners.csv?mode=" + (pick.draw() ? "weighted-draw" : "top") + "&count="
                                + pick.count() + (pick.seed() != null ? "&seed=" + pick.seed() : ""));
                choice = new Choice(
                        choice.mode(),
                        choice.count(),
                        pick.seed() != null ? pick.seed().toString() : "");
            }
        }
        model.addAttribute("choice", choice);
        model.addAttribute("errors", errors);
        model.addAttribute("maxWinners", MAX_WINNERS);
        return "console/contests/winners";
    }

    /** The winners as CSV, written as they are formatted (a spreadsheet's formulas neutralised). */
    @GetMapping("/contests/{id}/winners.csv")
    void csv(
            @PathVariable long id,
            @RequestParam(required = false) String mode,
            @RequestParam(required = false) String count,
            @RequestParam(required = false) String seed,
            HttpServletResponse response)
            throws IOException {
        contests.get(id);
        Map<String, String> errors = new LinkedHashMap<>();
        Pick pick = check(new Choice(mode == null ? "top" : mode, count == null ? "10" : count, seed), errors);
        if (!errors.isEmpty()) {
            Map.Entry<String, String> first = errors.entrySet().iterator().next();
            throw new InvalidRequestException(first.getKey(), first.getValue());
        }
        Winners winners = pick(id, pick);
        String filename = "contest-" + id + "-winners-" + winners.mode()
                + (winners.seed() != null ? "-seed-" + winners.seed() : "") + ".csv";
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
        if (winners.seed() != null) {
            response.setHeader("X-Draw-Seed", winners.seed().toString());
        }
        Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        try (CSVPrinter out = CsvCells.FORMAT.print(writer)) {
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
    }

    private Winners pick(long id, Pick pick) {
        return pick.draw()
                ? contests.drawWinners(id, pick.count(), pick.seed())
                : contests.topWinners(id, pick.count());
    }

    private static Pick check(Choice choice, Map<String, String> errors) {
        boolean draw = "weighted-draw".equals(choice.mode());
        if (!draw && !"top".equals(choice.mode())) {
            errors.put("mode-top", "Choose the top of the leaderboard or a weighted draw");
        }
        int count = 0;
        try {
            count = Integer.parseInt(choice.count());
            if (count < 1 || count > MAX_WINNERS) {
                errors.put("count", "Number of winners must be between 1 and " + MAX_WINNERS);
            }
        } catch (NumberFormatException e) {
            errors.put("count", "Number of winners must be a whole number");
        }
        Long seed = null;
        if (draw) {
            if (choice.seed() == null || choice.seed().isBlank()) {
                // the same bound as the API's random seeds: exact in a JavaScript number
                seed = ThreadLocalRandom.current().nextLong(1L << 53);
            } else {
                try {
                    seed = Long.parseLong(choice.seed().strip());
                } catch (NumberFormatException e) {
                    errors.put("seed", "Seed must be a whole number, or left empty for a random one");
                }
            }
        }
        return new Pick(draw, count, seed);
    }
}
