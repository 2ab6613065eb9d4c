package io.iabulk.contests.web;

import io.iabulk.contests.ContestService;
import io.iabulk.contests.Leaderboard;
import io.iabulk.contests.LeaderboardEntry;
import io.iabulk.contests.ParticipantView;
import io.iabulk.contests.SignupRequest;
import io.iabulk.contests.SignupResult;
import io.iabulk.platform.Cached;
import io.iabulk.platform.ClientAddresses;
import io.iabulk.platform.Gzip;
import io.iabulk.platform.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import tools.jackson.databind.json.JsonMapper;

/** The public contest API: signing up, a participant's own standing, the leaderboard. */
@RestController
@Tag(name = "Participants")
class PublicContestController {

    private final ContestService contests;
    private final ClientAddresses clients;
    private final JsonMapper json;
    private final java.util.concurrent.ConcurrentMap<BoardKey, Rendered> renderedBoards =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumSize(10_000)
                    .<BoardKey, Rendered>build()
                    .asMap();

    PublicContestController(ContestService contests, ClientAddresses clients, JsonMapper json) {
        this.contests = contests;
        this.clients = clients;
        this.json = json;
    }

    /** The answer to a signup (the internal "created" flag becomes the status code). */
    record SignupResponse(long participantId, String referralCode, String referralUrl, String status) {}

    @Operation(
            summary = "Sign up to a contest",
            description = "Public. Idempotent by address: signing up again with the same (normalised) email answers "
                    + "the existing participant with 200. `referralCode` credits the participant who shared their "
                    + "link; fraud rules may flag or reject that referral (see the participant's standing). When the "
                    + "contest requires confirmation, a confirmation email is sent and the status is PENDING.")
    @ApiResponse(
            responseCode = "201",
            description = "A new participant; `Location` names their standing",
            headers =
                    @Header(
                            name = "Location",
                            description = "`/api/v1/participants/{referralCode}`",
                            schema = @Schema(type = "string")))
    @ApiResponse(
            responseCode = "200",
            description = "The address had joined before: the existing participant",
            headers =
                    @Header(
                            name = "Location",
                            description = "`/api/v1/participants/{referralCode}`",
                            schema = @Schema(type = "string")))
    @ApiResponse(
            responseCode = "409",
            description = "The contest does not take signups now (not ACTIVE, or outside its window)")
    @PublicEndpoint("signup")
    @PostMapping(
            path = "/api/v1/contests/{id}/signups",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SignupResponse> signUp(
            @PathVariable String id, @Valid @RequestBody SignupRequest request, HttpServletRequest http) {
        SignupResult result = contests.signUp(
                contests.resolve(id), request.withUserAgent(http.getHeader(HttpHeaders.USER_AGENT)), clients.of(http));
        SignupResponse body = new SignupResponse(
                result.participantId(),
                result.referralCode(),
                result.referralUrl(),
                result.status().name());
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/participants/" + result.referralCode()))
                .body(body);
    }

    @Operation(
            summary = "A participant's own standing",
            description = "Public, by the referral code (which only the participant and those they shared it with "
                    + "know): rank, points, referrals, the next milestone, pending and flagged referrals. Conditional: "
                    + "send the `ETag` back as `If-None-Match` to get 304 while nothing changed.")
    @ApiResponse(
            responseCode = "200",
            description = "The standing",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The validator of this answer",
                            schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Unchanged since the `If-None-Match` validator")
    @ApiResponse(responseCode = "404", description = "No participant has this referral code")
    @PublicEndpoint("participant")
    @GetMapping(path = "/api/v1/participants/{referralCode}", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ParticipantView> participant(@PathVariable String referralCode, ServletWebRequest request) {
        Cached<ParticipantView> read = contests.cachedParticipant(referralCode);
        ParticipantView view = read.value();
        String etag = etag(view.toString());
        request.getResponse().setHeader(Cached.HEADER, read.status());
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .eTag(etag)
                .body(view);
    }

    /**
     * A board as sent: its JSON, the JSON gzipped (when large enough to be worth it) and its
     * validator, made once per computed board, not per request.
     */
    private record Rendered(Leaderboard board, byte[] json, byte[] gzip, String etag) {

        static Rendered of(Leaderboard board, byte[] json) {
            return new Rendered(
                    board,
                    json,
                    json.length >= Gzip.MIN_SIZE ? Gzip.compress(json) : null,
                    PublicContestController.etag(board));
        }
    }

    @Operation(
            summary = "The leaderboard of a contest",
            description = "Public. The top `limit` participants by credited referrals, then points, then earlier "
                    + "signup; display names are masked. An instance reuses a board for 250 ms. Conditional: send the "
                    + "`ETag` back as `If-None-Match` to get 304 while the board is unchanged.")
    @PublicEndpoint("leaderboard")
    @GetMapping(path = "/api/v1/contests/{id}/leaderboard", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "200",
            description = "The board",
            headers =
                    @Header(
                            name = "ETag",
                            description = "The validator of this board",
                            schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Leaderboard.class)))
    @ApiResponse(responseCode = "304", description = "Unchanged since the `If-None-Match` validator")
    ResponseEntity<byte[]> leaderboard(
            @PathVariable("id") String idOrSlug,
            @RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
            ServletWebRequest request) {
        long id = contests.resolve(idOrSlug);
        Leaderboard board = contests.leaderboard(id, limit);
        // the service hands out the same board for its cache-ttl: render it once for all readers
        boolean[] computed = {false};
        Rendered rendered = renderedBoards.compute(new BoardKey(id, limit), (key, previous) -> {
            if (previous != null && previous.board() == board) {
                return previous;
            }
            computed[0] = true;
            return Rendered.of(board, json.writeValueAsBytes(board));
        });
        // set before the 304 check: a 304 carries the headers its 200 would
        request.getResponse().setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        // a hit: a board already computed and rendered for an earlier reader, sent as it was
        request.getResponse().setHeader(Cached.HEADER, Cached.status(!computed[0]));
        if (request.checkNotModified(rendered.etag())) {
            return null;
        }
        boolean gzip = rendered.gzip() != null && Gzip.accepted(request.getRequest());
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .eTag(rendered.etag())
                .contentType(MediaType.APPLICATION_JSON);
        if (gzip) {
            ok.header(HttpHeaders.CONTENT_ENCODING, "gzip"); // already encoded: Tomcat leaves it alone
        }
        return ok.body(gzip ? rendered.gzip() : rendered.json());
    }

    private record BoardKey(long contestId, int limit) {}

    /** The validator of a board follows its data (ranks, names, counts), not {@code generatedAt}. */
    static String etag(Leaderboard board) {
        StringBuilder data = new StringBuilder().append(board.contestId());
        for (LeaderboardEntry e : board.entries()) {
            data.append('|')
                    .append(e.rank())
                    .append(',')
                    .append(e.participantId())
                    .append(',')
                    .append(e.displayName())
                    .append(',')
                    .append(e.referrals())
                    .append(',')
                    .append(e.points());
        }
        return etag(data.toString());
    }

    /**
     * A validator made from the data alone (64-bit FNV-1a), equal on every instance. Weak ({@code
     * W/}): it names the data, not the bytes, which differ once the body is gzipped; Tomcat never
     * compresses a response with a strong ETag. {@code If-None-Match} compares weakly, so a client
     * sending it back with or without the {@code W/} gets its 304.
     */
    static String etag(String data) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : data.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return "W/\"" + Long.toHexString(hash) + "\"";
    }
}
