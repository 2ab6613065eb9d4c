package io.iabulk.dashboard.console.templates;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Rendered HTML parts of previews, kept a few minutes under a random token so that the editor's
 * sandboxed frame can load them from a URL with a policy of its own: an email's HTML is styled
 * inline, which the console's policy (inherited by an {@code srcdoc} frame) forbids.
 */
@Component
class PreviewDocuments {

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Document(long operatorId, String html) {}

    private final Cache<String, Document> documents = Caffeine.newBuilder()
            .maximumSize(2_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    /** Keeps a document for one operator; returns its token. */
    String keep(long operatorId, String html) {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        documents.put(token, new Document(operatorId, html));
        return token;
    }

    /** The document of a token, for the operator who made it only. */
    Optional<String> find(long operatorId, String token) {
        Document document = documents.getIfPresent(token);
        return document == null || document.operatorId() != operatorId
                ? Optional.empty()
                : Optional.of(document.html());
    }
}
