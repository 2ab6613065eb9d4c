package io.iabulk.dashboard.console.contests;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.ContestSort;
import io.iabulk.contests.ContestStats;
import io.iabulk.contests.ContestStatus;
import io.iabulk.platform.ConsolePage;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The list of contests: filtered by status, searched by name or slug, sorted, keyset-paged. */
@Controller
@ConsolePage
class ContestListController {

    static final int PAGE_SIZE = 25;

    private final ContestService contests;

    ContestListController(ContestService contests) {
        this.contests = contests;
    }

    /** A row of the list: the contest and its counters. */
    record Row(Contest contest, ContestStats stats) {}

    @GetMapping("/contests")
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String dir,
            @RequestParam(required = false) Long after,
            @RequestParam(required = false) Long before,
            HttpServletRequest request,
            Model model) {
        ContestStatus state = parseStatus(status);
        ContestSort order = "name".equals(sort) ? ContestSort.NAME : ContestSort.CREATED;
        boolean descending = dir == null ? order == ContestSort.CREATED : !"asc".equals(dir);
        String text = q == null || q.isBlank() ? null : q.strip();
        List<Contest> fetched = contests.search(state, text, order, descending, after, before, PAGE_SIZE + 1);
        PageLinks<Contest> page = PageLinks.of(request, fetched, PAGE_SIZE, after, before, Contest::id);
        Map<Long, ContestStats> stats =
                contests.stats(page.rows().stream().map(Contest::id).toList());
        model.addAttribute(
                "rows",
                page.rows().stream().map(c -> new Row(c, stats.get(c.id()))).toList());
        model.addAttribute("page", page);
        model.addAttribute("q", text);
        model.addAttribute("status", state != null ? state.name() : "");
        model.addAttribute("sort", order == ContestSort.NAME ? "name" : "created");
        model.addAttribute("dir", descending ? "desc" : "asc");
        model.addAttribute("filtered", text != null || state != null);
        model.addAttribute("paged", after != null || before != null);
        model.addAttribute("statuses", ContestStatus.values());
        return "console/contests/list";
    }

    private static ContestStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ContestStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
