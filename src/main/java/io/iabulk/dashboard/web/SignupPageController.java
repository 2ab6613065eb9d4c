package io.iabulk.dashboard.web;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestNotAcceptingSignupsException;
import io.iabulk.contests.ContestService;
import io.iabulk.contests.SignupRequest;
import io.iabulk.contests.SignupResult;
import io.iabulk.platform.ClientAddresses;
import io.iabulk.platform.HtmlPage;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.NotFoundException;
import io.iabulk.platform.PagePolicy;
import io.iabulk.platform.PublicEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A contest's public signup page ({@code /c/{slug}}, usually reached through someone's referral
 * link) and the form it posts. A valid signup goes on to the participant's status page; a form
 * with mistakes comes back with the message next to the field and what was typed kept.
 */
@Controller
@PublicEndpoint("pages")
@HtmlPage(embeddable = true) // a customer embeds the signup form (and where it leads) in their site
class SignupPageController {

    // referral codes are short and alphanumeric; anything else cannot be one and is dropped
    private static final Pattern REFERRAL_CODE = Pattern.compile("[A-Za-z0-9]{1,32}");
    private static final Map<String, String> LABELS =
            Map.of("email", "Your email address", "firstName", "Your first name", "lastName", "Your last name");

    private final ContestService contests;
    private final ContestShowcase showcase;
    private final RenderedPages rendered;
    private final ClientAddresses clients;
    private final Validator validator;
    private final Clock clock;

    SignupPageController(
            ContestService contests,
            ContestShowcase showcase,
            RenderedPages rendered,
            ClientAddresses clients,
            Validator validator,
            Clock clock) {
        this.contests = contests;
        this.showcase = showcase;
        this.rendered = rendered;
        this.clients = clients;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * What the person typed, kept to refill the form after a mistake. The referral code comes as
     * {@code ref}, the hidden field; {@code referralCode}, the JSON API's name, is taken too.
     */
    record SignupForm(String email, String firstName, String lastName, String ref, String referralCode) {}

    /** The same for every visitor of a link: rendered once a second at most ({@link RenderedPages}). */
    @GetMapping("/c/{slug}")
    ResponseEntity<byte[]> page(
            @PathVariable String slug,
            @RequestParam(required = false) String ref,
            HttpServletRequest request,
            HttpServletResponse response) {
        Contest contest = contest(slug);
        PagePolicy.frameAncestors(response, contest.experience().allowedOrigins());
        PagePolicy.images(
                response,
                PagePolicy.present(
                        contest.experience().logoUrl(), contest.experience().imageUrl()));
        String code = referralCode(ref);
        return rendered.page(
                new PageKey(contest, code),
                () -> page(
                        contest,
                        ContestPage.of(contest, Instant.now(clock)),
                        new SignupForm(null, null, null, code, null),
                        Map.of(),
                        HttpStatus.OK),
                request,
                response);
    }

    /** The signup link shared with a trailing slash. */
    @GetMapping("/c/{slug}/")
    ResponseEntity<Void> slashed(HttpServletRequest request) {
        return SlashedLinks.toPage(request);
    }

    /** What a signup page is made of, besides the moment: the contest as loaded and the link's code. */
    private record PageKey(Contest contest, String referralCode) {}

    @PostMapping("/c/{slug}")
    ModelAndView signUp(
            @PathVariable String slug, SignupForm form, HttpServletRequest http, HttpServletResponse response) {
        Contest contest = contest(slug);
        PagePolicy.frameAncestors(response, contest.experience().allowedOrigins());
        PagePolicy.images(
                response,
                PagePolicy.present(
                        contest.experience().logoUrl(), contest.experience().imageUrl()));
        Instant now = Instant.now(clock);
        String ref;
        try {
            ref = SignupRequest.referralCode(form.referralCode(), form.ref());
        } catch (InvalidRequestException e) {
            SignupForm kept = new SignupForm(form.email(), form.firstName(), form.lastName(), null, null);
            Map<String, String> errors = Map.of(
                    "signup", "This form carries two different referral codes: please open the referral link again.");
            return page(contest, ContestPage.of(contest, now), kept, errors, HttpStatus.BAD_REQUEST);
        }
        SignupForm kept = new SignupForm(form.email(), form.firstName(), form.lastName(), referralCode(ref), null);
        if (!contest.acceptsSignupsAt(now)) {
            // said before any field error, since fixing a field would not help
            return page(contest, ContestPage.refused(contest, now), kept, Map.of(), HttpStatus.CONFLICT);
        }
        SignupRequest request = new SignupRequest(
                kept.email(), kept.firstName(), kept.lastName(), kept.ref(), http.getHeader("User-Agent"));
        Map<String, String> errors = check(request);
        if (errors.isEmpty()) {
            try {
                SignupResult result = contests.signUp(contest.id(), request, clients.of(http));
                return seeOther(result.referralCode());
            } catch (ContestNotAcceptingSignupsException e) {
                return page(contest, ContestPage.refused(contest, now), kept, Map.of(), HttpStatus.CONFLICT);
            } catch (InvalidRequestException e) {
                e.errors().forEach(error -> errors.putIfAbsent(inputOf(error.field()), sentence(error)));
            }
        }
        return page(contest, ContestPage.of(contest, now), kept, errors, HttpStatus.BAD_REQUEST);
    }

    private Contest contest(String slug) {
        return contests.findBySlug(slug.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new NotFoundException("Contest", slug));
    }

    private ModelAndView page(
            Contest source, ContestPage contest, SignupForm form, Map<String, String> errors, HttpStatus status) {
        ModelAndView page = new ModelAndView("dashboard/signup", status);
        page.addObject("contest", contest);
        page.addObject("show", showcase.of(source));
        // an unknown code, or one of another contest, greets nobody and is no error
        page.addObject(
                "invitedBy",
                form.ref() == null
                        ? null
                        : contests.inviterName(source.id(), form.ref()).orElse(null));
        page.addObject("form", form);
        page.addObject("errors", errors);
        return page;
    }

    /** 303, so that reloading the status page never posts the form again. */
    private static ModelAndView seeOther(String referralCode) {
        String location = UriComponentsBuilder.fromPath("/p/{code}")
                .queryParam("joined", 1)
                .buildAndExpand(referralCode)
                .encode()
                .toUriString();
        RedirectView redirect = new RedirectView(location, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        redirect.setExposeModelAttributes(false);
        return new ModelAndView(redirect);
    }

    /**
     * The rules the JSON API applies through {@code @Valid}, checked here by hand so that a
     * mistake re-renders the form instead of failing the request.
     */
    private Map<String, String> check(SignupRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ConstraintViolation<SignupRequest> violation : validator.validate(request)) {
            String field = violation.getPropertyPath().toString();
            errors.putIfAbsent(inputOf(field), sentence(field, violation));
        }
        return errors;
    }

    private static String sentence(String field, ConstraintViolation<SignupRequest> violation) {
        Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
        if (constraint instanceof NotBlank && field.equals("email")) {
            return "Please enter your email address.";
        }
        if (constraint instanceof Size size) {
            return labelOf(field) + " can be at most " + size.max() + " characters long.";
        }
        return labelOf(field) + " " + violation.getMessage() + ".";
    }

    /** "Your email address must be a valid email address, like jane@example.com." */
    private static String sentence(InvalidRequestException.FieldError error) {
        String message = error.message() == null ? "is not valid" : error.message();
        return labelOf(error.field()) + " " + message + (message.endsWith(".") ? "" : ".");
    }

    private static String labelOf(String field) {
        return LABELS.getOrDefault(field, "This form");
    }

    /** The id of the input an error belongs to; errors of no visible input go to the form. */
    private static String inputOf(String field) {
        return LABELS.containsKey(field) ? field : "signup";
    }

    private static String referralCode(String ref) {
        if (ref == null) {
            return null;
        }
        String code = ref.strip();
        return REFERRAL_CODE.matcher(code).matches() ? code : null;
    }
}
