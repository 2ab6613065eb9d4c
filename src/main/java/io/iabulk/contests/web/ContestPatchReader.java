package io.iabulk.contests.web;

import io.iabulk.contests.ContestChanges;
import io.iabulk.contests.Milestone;
import io.iabulk.platform.Instants;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.InvalidRequestException.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON merge patch of a contest: a field left out stays, {@code null} clears it, a value
 * sets it. Unknown fields are refused, so a typo is not silently ignored.
 */
@Component
class ContestPatchReader {

    private static final Set<String> FIELDS = Set.of(
            "name",
            "slug",
            "startsAt",
            "endsAt",
            "pointsPerSignup",
            "pointsPerReferral",
            "requireConfirmation",
            "milestones",
            "description",
            "prize",
            "imageUrl",
            "logoUrl",
            "accentColor",
            "terms",
            "showLeaderboard",
            "allowedOrigins",
            "welcomeEmail",
            "rankDigest");

    private static final Set<String> REQUIRED = Set.of(
            "name",
            "slug",
            "pointsPerSignup",
            "pointsPerReferral",
            "requireConfirmation",
            "showLeaderboard",
            "welcomeEmail",
            "rankDigest");

    private final JsonMapper json;
    private final Validator validator;

    ContestPatchReader(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    ContestChanges read(JsonNode patch) {
        List<FieldError> errors = new ArrayList<>();
        if (patch == null || !patch.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object of the fields to change");
        }
        for (String name : patch.propertyNames()) {
            if (REQUIRED.contains(name) && patch.get(name).isNull()) {
                errors.add(new FieldError(name, "must not be null; leave it out to keep the current value"));
            }
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError(
                        name,
                        name.equals("status")
                                ? "cannot be patched; use POST /activate or /end"
                                : "is not a field of a contest"));
            }
        }
        ContestChanges changes = new ContestChanges(
                field(patch, "name", errors, ContestPatchReader::string, "must be a string"),
                field(patch, "slug", errors, ContestPatchReader::string, "must be a string"),
                field(patch, "startsAt", errors, ContestPatchReader::instant, "must be an ISO-8601 instant"),
                field(patch, "endsAt", errors, ContestPatchReader::instant, "must be an ISO-8601 instant"),
                field(patch, "pointsPerSignup", errors, ContestPatchReader::integer, "must be an integer"),
                field(patch, "pointsPerReferral", errors, ContestPatchReader::integer, "must be an integer"),
                field(
                        patch,
                        "requireConfirmation",
                        errors,
                        n -> n.isBoolean() ? n.asBoolean() : null,
                        "must be true or false"),
                field(patch, "milestones", errors, this::milestones, "must be a list of {referrals, reward}"),
                field(patch, "description", errors, ContestPatchReader::string, "must be a string"),
                field(patch, "prize", errors, ContestPatchReader::string, "must be a string"),
                field(patch, "imageUrl", errors, ContestPatchReader::string, "must be a string"),
                field(patch, "logoUrl", errors, ContestPatchReader::string, "must be a string"),
                field(patch, "accentColor", errors, ContestPatchReader::string, "must be a string"),
                field(patch, "terms", errors, ContestPatchReader::string, "must be a string"),
                field(
                        patch,
                        "showLeaderboard",
                        errors,
                        n -> n.isBoolean() ? n.asBoolean() : null,
                        "must be true or false"),
                field(patch, "allowedOrigins", errors, ContestPatchReader::strings, "must be a list of origins"),
                field(
                        patch,
                        "welcomeEmail",
                        errors,
                        n -> n.isBoolean() ? n.asBoolean() : null,
                        "must be true or false"),
                field(patch, "rankDigest", errors, n -> n.isBoolean() ? n.asBoolean() : null, "must be true or false"));
        inRange(changes.startsAt(), "startsAt", errors);
        inRange(changes.endsAt(), "endsAt", errors);
        if (changes.milestones() != null && changes.milestones().isPresent()) {
            List<Milestone> milestones = changes.milestones().get();
            for (int i = 0; i < milestones.size(); i++) {
                for (ConstraintViolation<Milestone> v : validator.validate(milestones.get(i))) {
                    errors.add(new FieldError("milestones[" + i + "]." + v.getPropertyPath(), v.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return changes;
    }

    private static <T> Optional<T> field(
            JsonNode patch, String name, List<FieldError> errors, Function<JsonNode, T> convert, String message) {
        if (!patch.has(name)) {
            return null;
        }
        JsonNode node = patch.get(name);
        if (node.isNull()) {
            return Optional.empty();
        }
        T value;
        try {
            value = convert.apply(node);
        } catch (RuntimeException e) {
            value = null;
        }
        if (value == null) {
            errors.add(new FieldError(name, message));
            return null;
        }
        return Optional.of(value);
    }

    private static void inRange(Optional<Instant> change, String name, List<FieldError> errors) {
        if (change != null && change.isPresent() && !Instants.inRange(change.get())) {
            errors.add(new FieldError(name, Instants.RANGE_MESSAGE));
        }
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isString() ? Instant.parse(node.asString()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<String> strings(JsonNode node) {
        if (!node.isArray() || node.size() > 100) {
            return null;
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isString()) {
                return null;
            }
            values.add(item.asString());
        }
        return values;
    }

    private static String string(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }

    private static Integer integer(JsonNode node) {
        return node.isIntegralNumber() && node.canConvertToInt() ? node.asInt() : null;
    }

    private List<Milestone> milestones(JsonNode node) {
        return node.isArray() ? List.of(json.treeToValue(node, Milestone[].class)) : null;
    }
}
