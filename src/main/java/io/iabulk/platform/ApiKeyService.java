package io.iabulk.platform;

import io.iabulk.platform.internal.ApiKeys;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The admin API keys for the console's keys page: create a named key (its value is shown once and
 * only its hash is kept), list the keys in force with their last use, revoke one.
 */
@Service
public class ApiKeyService {

    /** A key as the keys page lists it; its value is never shown again. */
    public record ApiKey(long id, String name, Instant createdAt, String createdBy, Instant lastUsedAt) {}

    private final ApiKeys keys;

    ApiKeyService(ApiKeys keys) {
        this.keys = keys;
    }

    /**
     * Creates a key named {@code name} (1 to 200 characters, no control characters) and returns its
     * value: the only time anyone sees it.
     */
    public String create(String name, String createdBy) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200 || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("name", "Name the key in 1 to 200 characters, e.g. 'CRM sync'");
        }
        return keys.create(trimmed, createdBy);
    }

    /** The keys in force, newest first. */
    public List<ApiKey> list() {
        return keys.list().stream()
                .map(k -> new ApiKey(k.id(), k.name(), k.createdAt(), k.createdBy(), k.lastUsedAt()))
                .toList();
    }

    /**
     * Revokes a key: refused at once by this instance, within 10 seconds by the others.
     *
     * @throws NotFoundException when there is no such key in force
     */
    public void revoke(long id) {
        if (!keys.revoke(id)) {
            throw new NotFoundException("api-key", id);
        }
    }
}
