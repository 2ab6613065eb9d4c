package io.iabulk.dashboard.console.contests;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestService;
import io.iabulk.platform.ConflictException;
import io.iabulk.platform.ConsolePage;
import io.iabulk.platform.ForbiddenException;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.Operator;
import io.iabulk.platform.Role;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating and changing a contest, activating and ending it: through {@link ContestService} as the
 * API does, with the API's checks; a refused form comes back (422) with each problem at its field.
 */
@Controller
@ConsolePage
class ContestFormController {

    /**
     * A refused form comes back 422 to htmx (which swaps it like a 200); a plain form post gets the
     * page with 200, since browsers log any other status of a page as a console error.
     */
    private static int refused(jakarta.servlet.http.HttpServletRequest request) {
        return request.getHeader("HX-Request") != null ? 422 : 200;
    }

    private final ContestService contests;
    private final Validator validator;

    ContestFormController(ContestService contests, Validator validator) {
        this.contests = contests;
        this.validator = validator;
    }

    @GetMapping("/contests/new")
    String newContest(Operator operator, Model model) {
        editor(operator);
        return form(model, null, ContestForm.blank(), Map.of());
    }

    @PostMapping("/contests")
    String create(
            @RequestParam MultiValueMap<String, String> posted,
            Operator operator,
            Model model,
            jakarta.servlet.http.HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        ContestForm.Parsed parsed = ContestForm.from(posted).parse(operator.timeZone(), validator, false, errors);
        if (errors.isEmpty()) {
            try {
                Contest created = contests.create(parsed.contest());
                redirect.addFlashAttribute("flash", "Contest created. Activate it to open signups.");
                return "redirect:/contests/" + created.id();
            } catch (InvalidRequestException e) {
                errors.putAll(ContestForm.errorsOf(e.errors()));
            } catch (ConflictException e) {
                errors.put("slug", slugTaken(e));
            }
        }
        response.setStatus(refused(request));
        return form(model, null, parsed.form(), errors);
    }

    @GetMapping("/contests/{id}/edit")
    String edit(@PathVariable long id, Operator operator, Model model) {
        editor(operator);
        Contest contest = contests.get(id);
        return form(model, contest, ContestForm.of(contest, operator.timeZone()), Map.of());
    }

    @PostMapping("/contests/{id}")
    String update(
            @PathVariable long id,
            @RequestParam MultiValueMap<String, String> posted,
            Operator operator,
            Model model,
            jakarta.servlet.http.HttpServletRequest request,
            HttpServletResponse response,
            RedirectAttributes redirect) {
        Contest contest = contests.get(id);
        Map<String, String> errors = new LinkedHashMap<>();
        ContestForm.Parsed parsed = ContestForm.from(posted).parse(operator.timeZone(), validator, true, errors);
        if (errors.isEmpty()) {
            try {
                contests.update(id, parsed.changes());
                redirect.addFlashAttribute("flash", "Changes saved");
                return "redirect:/contests/" + id;
            } catch (InvalidRequestException e) {
                errors.putAll(ContestForm.errorsOf(e.errors()));
            } catch (ConflictException e) {
                errors.put("slug", slugTaken(e));
            }
        }
        response.setStatus(refused(request));
        return form(model, contest, parsed.form(), errors);
    }

    @PostMapping("/contests/{id}/activate")
    String activate(@PathVariable long id, RedirectAttributes redirect) {
        return transition(id, redirect, () -> contests.activate(id), "Contest activated: signups are open");
    }

    @PostMapping("/contests/{id}/end")
    String end(@PathVariable long id, RedirectAttributes redirect) {
        return transition(id, redirect, () -> contests.end(id), "Contest ended: signups are closed");
    }

    private String transition(
            long id, RedirectAttributes redirect, java.util.function.Supplier<Contest> change, String done) {
        try {
            change.get();
            redirect.addFlashAttribute("flash", done);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flash", e.getMessage());
            redirect.addFlashAttribute("flashLevel", "error");
        }
        return "redirect:/contests/" + id;
    }

    /** A form a viewer could not send is not shown to them either. */
    private static void editor(Operator operator) {
        if (!operator.role().includes(Role.EDITOR)) {
            throw new ForbiddenException(
                    "Viewers can read contests but not create or change them; ask an owner for the editor role");
        }
    }

    private static String slugTaken(ConflictException e) {
        return "slug-taken".equals(e.code()) ? "This slug is used by another contest; choose another" : e.getMessage();
    }

    private String form(Model model, Contest contest, ContestForm form, Map<String, String> errors) {
        model.addAttribute("contest", contest);
        model.addAttribute("pageTitle", contest == null ? "New contest" : "Edit " + contest.name());
        model.addAttribute("heading", contest == null ? "New contest" : "Edit contest");
        model.addAttribute(
                "subheading",
                contest == null
                        ? "It starts as a draft: nobody can join until you activate it."
                        : "Changes apply at once, also to a running contest.");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "console/contests/form";
    }
}
