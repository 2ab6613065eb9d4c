package io.iabulk.contests.internal;

import io.iabulk.contacts.ContactId;
import io.iabulk.contacts.ContactService;
import io.iabulk.contacts.EmailAddress;
import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestNotAcceptingSignupsException;
import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.ParticipantSignedUp;
import io.iabulk.contests.ParticipantStatus;
import io.iabulk.contests.Referral;
import io.iabulk.contests.ReferralReason;
import io.iabulk.contests.ReferralRisk;
import io.iabulk.contests.ReferralStatus;
import io.iabulk.contests.RiskLevel;
import io.iabulk.contests.SignupRequest;
import io.iabulk.contests.SignupResult;
import io.iabulk.platform.InvalidRequestException;
import io.iabulk.platform.SecretTokens;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Joins a person to a contest in one transaction: the contact, the participant (one per
 * normalised address and contest), the referral with its decision, the signup points, and, when
 * no confirmation is needed, the referral credit. A repeated signup returns the existing
 * participant and records why a referral through it cannot count.
 */
@Component
public class Signups {

    private static final int CODE_ATTEMPTS = 5;

    private final JdbcParticipantRepository participants;
    private final JdbcReferralRepository referrals;
    private final ContactService contacts;
    private final FraudRules fraud;
    private final ReferralRiskAssessor risk;
    private final Crediting crediting;
    private final ContestTally tally;
    private final ApplicationEventPublisher events;
    private final ContestsProperties.Confirmation confirmation;
    private final Clock clock;

    Signups(
            JdbcParticipantRepository participants,
            JdbcReferralRepository referrals,
            ContactService contacts,
            FraudRules fraud,
            ReferralRiskAssessor risk,
            Crediting crediting,
            ContestTally tally,
            ApplicationEventPublisher events,
            ContestsProperties properties,
            Clock clock) {
        this.participants = participants;
        this.referrals = referrals;
        this.contacts = contacts;
        this.fraud = fraud;
        this.risk = risk;
        this.crediting = crediting;
        this.tally = tally;
        this.events = events;
        this.confirmation = properties.confirmation();
        this.clock = clock;
    }

    @Transactional
    public SignupResult signUp(Contest contest, SignupRequest request, String clientIp) {
        Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MILLIS);
        if (!contest.acceptsSignupsAt(now)) {
            throw new ContestNotAcceptingSignupsException(contest);
        }
        EmailAddress email = parse(request.email());
        String firstName = blankToNull(request.firstName());
        String lastName = blankToNull(request.lastName());
        String userAgent = RiskFeatures.cleanUserAgent(request.userAgent());
        Optional<ParticipantRow> referrer = referrer(contest, request.referralCode());

        // no look-up first: a new address (the common case) costs one insert; a repeat is found when
        // the insert hits the unique (contest, normalised address)
        String network = fraud.networkOf(clientIp);
        Optional<ReferralReason> flag =
                referrer.isPresent() ? fraud.flag(contest.id(), email, network) : Optional.empty();
        ContactId contact = contacts.ensure(email, firstName, lastName);
        boolean confirmed = !contest.requireConfirmation();
        String token = confirmed ? null : SecretTokens.random();

        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
            String code = ReferralCodes.next();
            Optional<Long> id = participants.insert(new JdbcParticipantRepository.NewParticipant(
                    contest.id(),
                    contact.value(),
                    email.address(),
                    email.normalized(),
                    firstName,
                    lastName,
                    code,
                    referrer.map(ParticipantRow::id).orElse(null),
                    confirmed ? ParticipantStatus.CONFIRMED : ParticipantStatus.PENDING,
                    contest.pointsPerSignup(),
                    clientIp,
                    network,
                    token != null ? SecretTokens.sha256Hex(token) : null,
                    token != null ? now.plus(confirmation.tokenTtl()) : null,
                    now,
                    userAgent));
            if (id.isPresent()) {
                RiskRules.Referee referee =
                        new RiskRules.Referee(id.get(), email.address(), userAgent, now, confirmed ? now : null);
                return joined(
                        contest, id.get(), contact, email, firstName, code, referrer, flag, token, referee, clientIp,
                        now);
            }
            Optional<ParticipantRow> raced = participants.findByEmail(contest.id(), email.normalized());
            if (raced.isPresent()) {
                return repeated(contest, raced.get(), referrer, now);
            }
            // otherwise the random referral code was taken: draw another
        }
        throw new IllegalStateException("No free referral code after " + CODE_ATTEMPTS + " attempts");
    }

    private SignupResult joined(
            Contest contest,
            long id,
            ContactId contact,
            EmailAddress email,
            String firstName,
            String code,
            Optional<ParticipantRow> referrer,
            Optional<ReferralReason> flag,
            String token,
            RiskRules.Referee referee,
            String clientIp,
            Instant now) {
        tally.joined(contest.id(), now, contest.pointsPerSignup(), token == null);
        if (contest.pointsPerSignup() > 0) {
            referrals.book(contest.id(), id, contest.pointsPerSignup(), "SIGNUP", null, "signup:" + id, now);
        }
        if (referrer.isPresent()) {
            ReferralRisk assessed = risk.atSignup(contest, referrer.get().id(), referee, clientIp);
            if (flag.isEmpty() && assessed.level() == RiskLevel.HIGH) {
                flag = Optional.of(ReferralReason.RISK_SCORE);
            }
            ReferralStatus status = flag.isPresent() ? ReferralStatus.FLAGGED : ReferralStatus.PENDING;
            long referralId = referrals
                    .insert(contest.id(), referrer.get().id(), id, status, flag.orElse(null), assessed, now)
                    .orElseThrow();
            if (status == ReferralStatus.FLAGGED) {
                tally.referral(contest.id(), null, status, now);
                events.publishEvent(new io.iabulk.contests.ReferralFlagged(
                        contest.id(), referralId, referrer.get().id(), id, flag.get()));
                risk.held(contest.id(), clientIp);
            }
            if (status == ReferralStatus.PENDING && token == null) {
                Referral referral = new Referral(
                        referralId, contest.id(), referrer.get().id(), id, status, null, now, null, assessed);
                crediting.credit(contest, referral, ReferralStatus.PENDING, now);
            }
        }
        events.publishEvent(new ParticipantSignedUp(
                contest.id(), id, contact.value(), email.address(), firstName, code, token, false));
        if (token == null) {
            // confirmed at signup (the contest asks for no confirmation): placed at once; the others
            // get their place when they confirm (Confirmations)
            crediting.afterCommit(contest.id(), new Standing(id, 0, contest.pointsPerSignup(), now.toEpochMilli()));
        }
        return new SignupResult(
                id,
                code,
                contest.referralUrl(code),
                token == null ? ParticipantStatus.CONFIRMED : ParticipantStatus.PENDING,
                true);
    }

    private SignupResult repeated(
            Contest contest, ParticipantRow existing, Optional<ParticipantRow> referrer, Instant now) {
        if (referrer.isPresent()) {
            ParticipantRow owner = referrer.get();
            ReferralReason reason = owner.id() == existing.id()
                    ? ReferralReason.SELF_REFERRAL
                    : Objects.equals(existing.referredBy(), owner.id()) ? null : ReferralReason.DUPLICATE_EMAIL;
            // a pair is recorded (and counted) once, however often the link is used again
            if (reason != null
                    && referrals
                            .insert(contest.id(), owner.id(), existing.id(), ReferralStatus.REJECTED, reason, now)
                            .isPresent()) {
                tally.referral(contest.id(), null, ReferralStatus.REJECTED, now);
            }
        }
        if (existing.status() == ParticipantStatus.PENDING
                && contest.requireConfirmation()
                && resendDue(existing, now)) {
            String token = SecretTokens.random();
            participants.replaceToken(
                    existing.id(), SecretTokens.sha256Hex(token), now.plus(confirmation.tokenTtl()), now);
            events.publishEvent(new ParticipantSignedUp(
                    contest.id(),
                    existing.id(),
                    existing.contactId(),
                    existing.email(),
                    existing.firstName(),
                    existing.referralCode(),
                    token,
                    true));
        }
        return new SignupResult(
                existing.id(),
                existing.referralCode(),
                contest.referralUrl(existing.referralCode()),
                existing.status(),
                false);
    }

    private boolean resendDue(ParticipantRow existing, Instant now) {
        return existing.confirmSentAt() == null
                || !now.isBefore(existing.confirmSentAt().plus(confirmation.resendAfter()));
    }

    private Optional<ParticipantRow> referrer(Contest contest, String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        // a code of another contest, or one that does not exist, is ignored: the person still joins
        return participants
                .findByCode(code.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(p -> p.contestId() == contest.id());
    }

    private static EmailAddress parse(String raw) {
        try {
            return EmailAddress.parse(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("email", e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
