package io.iabulk.analytics.web;

import io.iabulk.analytics.internal.IncomingEvent;
import io.iabulk.analytics.internal.IngestResult;
import io.iabulk.platform.Texts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the events of an ingestion body as a stream: a JSON array, or NDJSON (one object per
 * line). Only one event's tree is held at a time; a field of the wrong JSON type makes that event
 * an error by index, while a body that is not JSON at all is a {@link MalformedEventsException}.
 */
final class EventBodyReader {

    /** What the body held: the events whose fields could be read, and the others by index. */
    record Batch(List<IncomingEvent> events, List<IngestResult.Error> errors) {}

    private EventBodyReader() {}

    /**
     * Reads at most {@code maxEvents} events; one more is a {@link TooManyEventsException} (the
     * rest of the body is not read).
     */
    static Batch read(JsonMapper json, InputStream body, boolean ndjson, int maxEvents) throws IOException {
        if (ndjson) {
            return readLines(json, body, maxEvents);
        }
        List<IncomingEvent> events = new ArrayList<>();
        List<IngestResult.Error> errors = new ArrayList<>();
        // one event's tree at a time: the parser stands inside the body, so what follows is no error
        ObjectReader trees = json.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try (JsonParser parser = json.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_ARRAY) {
                throw new MalformedEventsException("The body must be a JSON array of events"
                        + " (or NDJSON, one event per line, sent as application/x-ndjson)");
            }
            token = parser.nextToken();
            int index = 0;
            while (token != null && token != JsonToken.END_ARRAY) {
                if (index == maxEvents) {
                    throw new TooManyEventsException(maxEvents);
                }
                if (token == JsonToken.START_OBJECT) {
                    JsonNode node = trees.readValue(parser);
                    try {
                        events.add(event(index, node));
                    } catch (IllegalArgumentException e) {
                        errors.add(new IngestResult.Error(index, e.getMessage()));
                    }
                } else {
                    parser.skipChildren();
                    errors.add(new IngestResult.Error(index, "must be a JSON object"));
                }
                index++;
                token = parser.nextToken();
            }
            if (token == null || parser.nextToken() != null) {
                throw new MalformedEventsException("The body must be exactly one JSON array of events");
            }
        }
        return new Batch(events, errors);
    }

    /**
     * NDJSON: every non-blank line is an event of its own, so a line that is not one JSON object
     * is that event's error and the lines around it still count.
     */
    private static Batch readLines(JsonMapper json, InputStream body, int maxEvents) throws IOException {
        List<IncomingEvent> events = new ArrayList<>();
        List<IngestResult.Error> errors = new ArrayList<>();
        ObjectReader trees = json.readerFor(JsonNode.class);
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        int index = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            if (index == maxEvents) {
                throw new TooManyEventsException(maxEvents);
            }
            JsonNode node;
            try {
                node = trees.readValue(line);
            } catch (JacksonException e) { // not JSON, or more than one value on the line
                errors.add(new IngestResult.Error(index++, "not a JSON object: " + e.getOriginalMessage()));
                continue;
            }
            if (!node.isObject()) {
                errors.add(new IngestResult.Error(index++, "must be a JSON object"));
                continue;
            }
            try {
                events.add(event(index, node));
            } catch (IllegalArgumentException e) {
                errors.add(new IngestResult.Error(index, e.getMessage()));
            }
            index++;
        }
        return new Batch(events, errors);
    }

    private static IncomingEvent event(int index, JsonNode node) {
        String eventId = null;
        Long contactId = null;
        String email = null;
        String type = null;
        Long contestId = null;
        Long campaignId = null;
        String occurredAt = null;
        String properties = null;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "eventId" -> eventId = text("eventId", value);
                case "contactId" -> contactId = id("contactId", value);
                case "email" -> email = text("email", value);
                case "type" -> type = text("type", value);
                case "contestId" -> contestId = id("contestId", value);
                case "campaignId" -> campaignId = id("campaignId", value);
                case "occurredAt" -> occurredAt = text("occurredAt", value);
                case "properties" -> properties = object("properties", value);
                default -> throw new IllegalArgumentException(field.getKey() + ": is not a field of an event");
            }
        }
        return new IncomingEvent(index, eventId, contactId, email, type, contestId, campaignId, occurredAt, properties);
    }

    private static String text(String name, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException(name + ": must be a string");
        }
        if (!Texts.storable(value.asString())) {
            throw new IllegalArgumentException(name + ": " + Texts.NUL_MESSAGE);
        }
        return value.asString();
    }

    private static Long id(String name, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(name + ": must be an integer");
        }
        return value.longValue();
    }

    private static String object(String name, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException(name + ": must be a JSON object");
        }
        // stored as JSONB, which refuses \u0000 in a string or a member name
        String unstorable = Texts.firstUnstorable(value, name);
        if (unstorable != null) {
            throw new IllegalArgumentException(unstorable + ": " + Texts.NUL_MESSAGE);
        }
        return value.toString();
    }
}
