package io.iabulk.tracking.web;

import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.InvalidRequestException.FieldError;
import io.iabulk.platform.Texts;
import io.iabulk.tracking.internal.Conversions.NewConversion;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A conversion reported by a landing page or a shop: {@code token} (the {@code iab_click} value)
 * or {@code contactId} and {@code campaignId}, exactly one of the two.
 *
 * @param value the amount, 0 or more with at most 4 decimals (below 10^12)
 * @param currency ISO 4217 code (three capital letters), required with {@code value}
 * @param eventId the client's id of this conversion (1 to 64 characters): a retry with the same
 *     id on the same day is recognised and counted once
 */
public record ConversionRequest(
        String token, Long contactId, Long campaignId, BigDecimal value, String currency, String eventId) {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final BigDecimal MAX_VALUE = new BigDecimal("1000000000000");

    /** The checked conversion; an {@code InvalidRequestException} listing every invalid field. */
    NewConversion validated() {
        List<FieldError> errors = new ArrayList<>();
        boolean hasToken = token != null;
        if (hasToken && (contactId != null || campaignId != null)) {
            errors.add(new FieldError("token", "give either token or contactId and campaignId, not both"));
        } else if (hasToken && token.isBlank()) {
            errors.add(new FieldError("token", "must not be blank"));
        } else if (!hasToken && contactId == null && campaignId == null) {
            errors.add(new FieldError("token", "give either token or contactId and campaignId"));
        } else if (!hasToken && contactId == null) {
            errors.add(new FieldError("contactId", "is required with campaignId"));
        } else if (!hasToken && campaignId == null) {
            errors.add(new FieldError("campaignId", "is required with contactId"));
        }
        if (value != null) {
            if (value.signum() < 0) {
                errors.add(new FieldError("value", "must be 0 or more"));
            } else if (value.compareTo(MAX_VALUE) >= 0) {
                errors.add(new FieldError("value", "must be less than 1000000000000"));
            } else if (value.stripTrailingZeros().scale() > 4) {
                errors.add(new FieldError("value", "must have at most 4 decimals"));
            }
            if (currency == null) {
                errors.add(new FieldError("currency", "is required with value"));
            } else if (!knownCurrency(currency)) {
                errors.add(new FieldError("currency", "must be an ISO 4217 code in capital letters, e.g. EUR"));
            }
        } else if (currency != null) {
            errors.add(new FieldError("currency", "is only accepted with value"));
        }
        if (eventId != null && (eventId.isBlank() || eventId.length() > 64)) {
            errors.add(new FieldError("eventId", "must be 1 to 64 characters"));
        } else if (!Texts.singleLine(eventId)) {
            errors.add(new FieldError("eventId", Texts.SINGLE_LINE_MESSAGE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new NewConversion(
                token, contactId, campaignId, value == null ? null : value.setScale(4), currency, eventId);
    }

    private static boolean knownCurrency(String code) {
        if (!CURRENCY.matcher(code).matches()) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
