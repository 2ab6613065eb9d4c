package io.iabulk.dashboard.console.contests;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestChanges;
import io.iabulk.contests.ContestExperience;
import io.iabulk.contests.Milestone;
import io.iabulk.contests.NewContest;
import io.iabulk.platform.InvalidRequestException.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.util.MultiValueMap;

/**
 * The contest form as typed: every field is text until it is checked, so a wrong value comes back
 * to the operator as they wrote it, with its message. Dates are local times in the operator's zone
 * ({@code <input type="datetime-local">}) and become instants here.
 */
record ContestForm(
        String name,
        String slug,
        String startsAt,
        String endsAt,
        String pointsPerSignup,
        String pointsPerReferral,
        boolean requireConfirmation,
        List<MilestoneRow> milestones,
        Page page) {

    /**
     * What the participant pages show besides the rules ({@link ContestExperience}), as typed; empty
     * texts are no value.
     */
    record Page(
            String description,
            String prize,
            String imageUrl,
            String logoUrl,
            String accentColor,
            String terms,
            boolean showLeaderboard,
            String allowedOrigins,
            boolean welcomeEmail,
            boolean rankDigest) {

        static final Page BLANK = new Page("", "", "", "", "", "", false, "", false, false);

        static Page of(ContestExperience b) {
            return new Page(
                    nz(b.description()),
                    nz(b.prize()),
                    nz(b.imageUrl()),
                    nz(b.logoUrl()),
                    nz(b.accentColor()),
                    nz(b.terms()),
                    b.showLeaderboard(),
                    String.join("\n", b.allowedOrigins()),
                    b.welcomeEmail(),
                    b.rankDigest());
        }

        private static String nz(String value) {
            return value == null ? "" : value;
        }

        private static String orNull(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }

        ContestExperience experience() {
            // the long texts keep their own spacing (Markdown): only a blank one is no value
            return new ContestExperience(
                    description == null || description.isBlank() ? null : description,
                    orNull(prize),
                    orNull(imageUrl),
                    orNull(logoUrl),
                    orNull(accentColor),
                    terms == null || terms.isBlank() ? null : terms,
                    showLeaderboard,
                    allowedOrigins == null
                            ? List.of()
                            : allowedOrigins
                                    .lines()
                                    .map(String::strip)
                                    .filter(line -> !line.isEmpty())
                                    .map(ContestExperience::origin)
                                    .toList(),
                    welcomeEmail,
                    rankDigest);
        }
    }

    /** One milestone row of the form. */
    record MilestoneRow(String referrals, String reward) {

        boolean blank() {
            return referrals.isBlank() && reward.isBlank();
        }
    }

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final Pattern MILESTONE = Pattern.compile("milestones\\[(\\d+)](?:\\.(referrals|reward))?");

    /** The labels of the fields, as the form shows them, by field id. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("name", "Name"),
            Map.entry("slug", "Slug"),
            Map.entry("startsAt", "Start"),
            Map.entry("endsAt", "End"),
            Map.entry("pointsPerSignup", "Points per signup"),
            Map.entry("pointsPerReferral", "Points per referral"),
            Map.entry("requireConfirmation", "Confirmation"),
            Map.entry("milestones", "Milestones"),
            Map.entry("description", "Description"),
            Map.entry("prize", "Prize"),
            Map.entry("imageUrl", "Image address"),
            Map.entry("logoUrl", "Logo address"),
            Map.entry("accentColor", "Accent colour"),
            Map.entry("terms", "Rules and terms"),
            Map.entry("allowedOrigins", "Sites that may embed"));

    /** A new contest's form: the API's defaults, and two milestone rows to fill. */
    static ContestForm blank() {
        return new ContestForm(
                "",
                "",
                "",
                "",
                "0",
                "10",
                true,
                List.of(new MilestoneRow("", ""), new MilestoneRow("", "")),
                Page.BLANK);
    }

    /** The form of an existing contest, its times in the operator's zone. */
    static ContestForm of(Contest contest, ZoneId zone) {
        return new ContestForm(
                contest.name(),
                contest.slug(),
                local(contest.startsAt(), zone),
                local(contest.endsAt(), zone),
                Integer.toString(contest.pointsPerSignup()),
                Integer.toString(contest.pointsPerReferral()),
                contest.requireConfirmation(),
                contest.milestones().stream()
                        .map(m -> new MilestoneRow(m.referrals().toString(), m.reward()))
                        .toList(),
                Page.of(contest.experience()));
    }

    /** The form as posted; milestone rows come as parallel lists of their two inputs. */
    static ContestForm from(MultiValueMap<String, String> posted) {
        List<String> referrals = posted.getOrDefault("milestoneReferrals", List.of());
        List<String> rewards = posted.getOrDefault("milestoneReward", List.of());
        List<MilestoneRow> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(referrals.size(), rewards.size()); i++) {
            rows.add(new MilestoneRow(
                    i < referrals.size() ? referrals.get(i).strip() : "",
                    i < rewards.size() ? rewards.get(i).strip() : ""));
        }
        return new ContestForm(
                text(posted, "name"),
                text(posted, "slug"),
                text(posted, "startsAt"),
                text(posted, "endsAt"),
                text(posted, "pointsPerSignup"),
                text(posted, "pointsPerReferral"),
                posted.containsKey("requireConfirmation"),
                rows,
                new Page(
                        longText(posted, "description"),
                        text(posted, "prize"),
                        text(posted, "imageUrl"),
                        text(posted, "logoUrl"),
                        text(posted, "accentColor"),
                        longText(posted, "terms"),
                        posted.containsKey("showLeaderboard"),
                        longText(posted, "allowedOrigins"),
                        posted.containsKey("welcomeEmail"),
                        posted.containsKey("rankDigest")));
    }

    /**
     * The form's values, checked as the API checks a new contest (the same bean constraints); the
     * catalog then applies its own rules, as for the API.
     *
     * @param errors where the problems go, by field id
     */
    Parsed parse(ZoneId zone, Validator validator, boolean editing, Map<String, String> errors) {
        List<MilestoneRow> filled = milestones.stream().filter(r -> !r.blank()).toList();
        List<Milestone> parsedMilestones = new ArrayList<>();
        boolean milestonesOk = true;
        for (MilestoneRow row : filled) {
            Integer count = integer(row.referrals());
            if (count == null && !row.referrals().isBlank()) {
                milestonesOk = false;
            }
            parsedMilestones.add(new Milestone(count, row.reward()));
        }
        // the catalog keeps milestones by threshold: sorting here makes its indexes the form's
        List<MilestoneRow> rows = new ArrayList<>(filled);
        if (milestonesOk && parsedMilestones.stream().allMatch(m -> m.referrals() != null)) {
            rows.sort(Comparator.comparing(r -> integer(r.referrals())));
            parsedMilestones.sort(Comparator.comparing(Milestone::referrals));
        }
        Map<String, String> local = new LinkedHashMap<>();
        Instant start = instant("startsAt", startsAt, zone, local);
        Instant end = instant("endsAt", endsAt, zone, local);
        Integer signupPoints = points("pointsPerSignup", pointsPerSignup, editing, local);
        Integer referralPoints = points("pointsPerReferral", pointsPerReferral, editing, local);
        for (int i = 0; i < rows.size(); i++) {
            if (integer(rows.get(i).referrals()) == null
                    && !rows.get(i).referrals().isBlank()) {
                local.put(rowId(i, "referrals"), "Referrals must be a whole number");
            }
        }
        ContestExperience experience = page.experience();
        NewContest contest = new NewContest(
                name,
                slug.isBlank() && !editing ? null : slug,
                start,
                end,
                signupPoints,
                referralPoints,
                requireConfirmation,
                parsedMilestones,
                experience.description(),
                experience.prize(),
                experience.imageUrl(),
                experience.logoUrl(),
                experience.accentColor(),
                experience.terms(),
                experience.showLeaderboard(),
                experience.allowedOrigins(),
                experience.welcomeEmail(),
                experience.rankDigest());
        for (ConstraintViolation<NewContest> v : validator.validate(contest)) {
            String field = v.getPropertyPath().toString();
            local.putIfAbsent(fieldId(field), message(field, v.getMessage()));
        }
        if (rows.isEmpty()) {
            rows.add(new MilestoneRow("", ""));
        }
        errors.putAll(inFormOrder(local));
        return new Parsed(contest, withRows(rows));
    }

    private ContestForm withRows(List<MilestoneRow> rows) {
        return new ContestForm(
                name,
                slug,
                startsAt,
                endsAt,
                pointsPerSignup,
                pointsPerReferral,
                requireConfirmation,
                List.copyOf(rows),
                page);
    }

    /** The checked values, and the form to show again (blank milestone rows dropped, rows by threshold). */
    record Parsed(NewContest contest, ContestForm form) {

        /** Every field set: an edit replaces the whole contest as the form shows it. */
        ContestChanges changes() {
            return new ContestChanges(
                    Optional.of(contest.name()),
                    Optional.of(contest.slug() != null ? contest.slug() : ""),
                    Optional.ofNullable(contest.startsAt()),
                    Optional.ofNullable(contest.endsAt()),
                    Optional.ofNullable(contest.pointsPerSignup()),
                    Optional.ofNullable(contest.pointsPerReferral()),
                    Optional.of(contest.requireConfirmation()),
                    Optional.of(contest.milestones()),
                    Optional.ofNullable(contest.description()),
                    Optional.ofNullable(contest.prize()),
                    Optional.ofNullable(contest.imageUrl()),
                    Optional.ofNullable(contest.logoUrl()),
                    Optional.ofNullable(contest.accentColor()),
                    Optional.ofNullable(contest.terms()),
                    Optional.of(contest.showLeaderboard()),
                    Optional.of(contest.allowedOrigins()),
                    Optional.of(contest.welcomeEmail()),
                    Optional.of(contest.rankDigest()));
        }
    }

    /** The id of the form control a field error of the API (or of the catalog) belongs to. */
    static String fieldId(String field) {
        if (field.startsWith("allowedOrigins")) {
            return "allowedOrigins";
        }
        Matcher m = MILESTONE.matcher(field);
        if (m.matches()) {
            return rowId(Integer.parseInt(m.group(1)), m.group(2) != null ? m.group(2) : "referrals");
        }
        return LABELS.containsKey(field) ? field : "name";
    }

    /** A field error of the API in the operator's words: "End must be after the start". */
    static String message(String field, String message) {
        Matcher m = MILESTONE.matcher(field);
        boolean missing = message.equals("must not be blank") || message.equals("must not be null");
        String label;
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1)) + 1;
            if (missing) {
                return "reward".equals(m.group(2))
                        ? "Enter the reward of milestone " + n
                        : "Enter the referrals milestone " + n + " needs";
            }
            label = "Milestone " + n
                    + ("reward".equals(m.group(2)) ? " reward" : m.group(2) != null ? " referrals" : "");
        } else {
            label = LABELS.getOrDefault(field, field);
            if (missing) {
                return field.equals("name") ? "Enter a name" : "Enter the " + label.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return label + " " + message.replace("startsAt", "the start").replace("endsAt", "the end");
    }

    static String rowId(int index, String input) {
        return "milestone-" + index + "-" + input;
    }

    /** Orders errors as the fields appear, so the summary reads top to bottom. */
    private static Map<String, String> inFormOrder(Map<String, String> errors) {
        List<String> order = List.of(
                "name",
                "slug",
                "startsAt",
                "endsAt",
                "pointsPerSignup",
                "pointsPerReferral",
                "milestones",
                "description",
                "prize",
                "imageUrl",
                "logoUrl",
                "accentColor",
                "terms");
        Map<String, String> sorted = new LinkedHashMap<>();
        order.forEach(f -> {
            if (errors.containsKey(f)) {
                sorted.put(f, errors.get(f));
            }
        });
        errors.keySet().stream()
                .filter(k -> !sorted.containsKey(k))
                .sorted()
                .forEach(k -> sorted.put(k, errors.get(k)));
        return sorted;
    }

    private static Instant instant(String field, String text, ZoneId zone, Map<String, String> errors) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.put(field, LABELS.get(field) + " must be a date and time, like 2026-12-24 18:00");
            return null;
        }
    }

    private static Integer points(String field, String text, boolean required, Map<String, String> errors) {
        if (text.isBlank()) {
            if (required) {
                errors.put(field, "Enter the " + LABELS.get(field).toLowerCase(java.util.Locale.ROOT));
            }
            return null;
        }
        Integer value = integer(text);
        if (value == null) {
            errors.put(field, LABELS.get(field) + " must be a whole number");
        }
        return value;
    }

    private static Integer integer(String text) {
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A long text as typed (Markdown: its line breaks and indentation mean something). */
    private static String longText(MultiValueMap<String, String> posted, String name) {
        String value = posted.getFirst(name);
        return value == null ? "" : value;
    }

    private static String text(MultiValueMap<String, String> posted, String name) {
        String value = posted.getFirst(name);
        return value == null ? "" : value.strip();
    }

    private static String local(Instant instant, ZoneId zone) {
        return instant == null
                ? ""
                : LOCAL.format(instant.atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES));
    }

    /** The field errors of a refused change, by field id, in the operator's words. */
    static Map<String, String> errorsOf(List<FieldError> errors) {
        Map<String, String> byId = new LinkedHashMap<>();
        for (FieldError e : errors) {
            byId.putIfAbsent(fieldId(e.field()), message(e.field(), e.message()));
        }
        return inFormOrder(byId);
    }
}
