package io.iabulk.contests.internal;

import io.iabulk.contests.Contest;
import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.Referral;
import io.iabulk.contests.ReferralRisk;
import io.iabulk.contests.ReferralRiskModel;
import io.iabulk.contests.ReferralStatus;
import io.iabulk.contests.RiskLevel;
import io.iabulk.contests.RiskSignal;
import io.iabulk.platform.ClientAddresses;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Assesses the fraud risk of referrals (docs/decisions/0024): at the referee's signup and again at
 * its confirmation, from a bounded window of the referrer's most recent referees, one counter of
 * the referee's network and the contest's counters. When a new referee reveals a pattern, the
 * referrer's earlier referrals in the window that no operator has decided on are re-scored: their
 * risk only goes up, a pending one that becomes HIGH is held for review at once, a credited one
 * stays credited and appears on the watch list.
 */
@Component
public class ReferralRiskAssessor {

    private static final Duration NORM_TTL = Duration.ofSeconds(30);

    private record Norm(double value, Instant at) {}

    private final JdbcRiskRepository risks;
    private final ContestTotals totals;
    private final ContestTally tally;
    private final ObjectProvider<ReferralRiskModel> model;
    private final ContestsProperties.Risk settings;
    private final RiskRules rules;
    private final Clock clock;
    private final Map<Long, Norm> norms = new ConcurrentHashMap<>();

    ReferralRiskAssessor(
            JdbcRiskRepository risks,
            ContestTotals totals,
            ContestTally tally,
            ObjectProvider<ReferralRiskModel> model,
            ContestsProperties properties,
            Clock clock) {
        this.risks = risks;
        this.totals = totals;
        this.tally = tally;
        this.model = model;
        this.settings = properties.fraud().risk();
        this.rules = new RiskRules(settings);
        this.clock = clock;
    }

    /** The risk of a referral about to be recorded for a new referee. */
    ReferralRisk atSignup(Contest contest, long referrerId, RiskRules.Referee referee, String clientIp) {
        if (!settings.enabled()) {
            return ReferralRisk.NONE;
        }
        List<JdbcRiskRepository.Sibling> window = window(referrerId);
        String network = network(clientIp);
        RiskRules.Context context =
                new RiskRules.Context(network == null ? 0 : risks.flaggedIn(contest.id(), network), norm(contest.id()));
        Map<RiskSignal, Double> strengths = rules.strengths(referee, referees(window), context);
        ReferralRisk risk = score(strengths);
        escalate(contest, window, referee, context.contestNorm());
        return risk;
    }

    /**
     * Assesses a referral again once its referee confirmed (the confirmation's speed is known now),
     * stores the result and, for a pending referral that is HIGH and that no operator approved,
     * holds it for review.
     *
     * @return true when the referral was held for review (the caller must not credit it)
     */
    boolean atConfirmation(Contest contest, Referral referral) {
        if (!settings.enabled()) {
            return false;
        }
        List<JdbcRiskRepository.Sibling> window = window(referral.referrerId());
        Optional<JdbcRiskRepository.Sibling> self = window.stream()
                .filter(s -> s.referralId() == referral.id())
                .findFirst()
                .or(() -> risks.one(referral.id()));
        if (self.isEmpty()) {
            return false;
        }
        JdbcRiskRepository.Sibling me = self.get();
        String network = network(me.signupIp());
        int flagged = network == null ? 0 : risks.flaggedIn(contest.id(), network);
        if (referral.status() == ReferralStatus.FLAGGED && flagged > 0) {
            flagged--; // not itself
        }
        RiskRules.Context context = new RiskRules.Context(flagged, norm(contest.id()));
        ReferralRisk risk = score(rules.strengths(me.referee(), referees(window), context));
        boolean held = false;
        if (referral.status() == ReferralStatus.PENDING && risk.level() == RiskLevel.HIGH && !me.reviewed()) {
            held = hold(contest.id(), referral.id(), risk, me.signupIp());
        }
        if (!held) {
            risks.store(referral.id(), risk);
        }
        escalate(contest, window, me.referee(), context.contestNorm());
        return held;
    }

    /** Operators' decisions on held referrals, oldest first, keyset-paged by (reviewedAt, id). */
    public List<io.iabulk.contests.RiskLabel> labels(Instant after, long afterId, int limit) {
        return risks.labels(after, afterId, limit);
    }

    /** Counts a referral held for review against its referee's network. */
    void held(long contestId, String clientIp) {
        String network = network(clientIp);
        if (network != null) {
            risks.countFlagged(contestId, network, 1);
        }
    }

    /** Records an operator's decision on a held referral (a label for the learned model). */
    void reviewed(Referral referral, boolean approved) {
        Instant now = Instant.now(clock);
        risks.reviewed(referral.id(), approved, now);
        if (approved) {
            String network = network(risks.signupIp(referral.refereeId()));
            if (network != null) {
                risks.countFlagged(referral.contestId(), network, -1);
            }
        }
    }

    private boolean hold(long contestId, long referralId, ReferralRisk risk, String signupIp) {
        if (!risks.hold(referralId, risk, Instant.now(clock))) {
            return false;
        }
        tally.referral(contestId, ReferralStatus.PENDING, ReferralStatus.FLAGGED, Instant.now(clock));
        held(contestId, signupIp);
        return true;
    }

    /**
     * Re-scores the referrer's undecided referrals with what the window shows now; only rises are
     * written (so each referral is written at most twice over its life: to MEDIUM, to HIGH).
     */
    private void escalate(
            Contest contest, List<JdbcRiskRepository.Sibling> window, RiskRules.Referee current, double norm) {
        List<JdbcRiskRepository.Sibling> open = window.stream()
                .filter(s -> s.referee().participantId() != current.participantId())
                .filter(s -> !s.reviewed())
                .filter(s -> s.status() == ReferralStatus.PENDING || s.status() == ReferralStatus.CREDITED)
                .filter(s -> s.risk() == null || s.risk().level() != RiskLevel.HIGH)
                .toList();
        if (open.isEmpty() || window.size() < 2) {
            return;
        }
        List<RiskRules.Referee> referees = new ArrayList<>(referees(window));
        if (referees.stream().noneMatch(r -> r.participantId() == current.participantId())) {
            referees.add(current);
        }
        for (JdbcRiskRepository.Sibling sibling : open) {
            Map<RiskSignal, Double> strengths =
                    rules.strengths(sibling.referee(), referees, new RiskRules.Context(0, norm));
            if (sibling.risk() != null) {
                // the network's signal is not re-read for siblings: keep what it was
                sibling.risk().reasons().stream()
                        .filter(r -> r.code().equals(RiskSignal.FLAGGED_NETWORK.name()))
                        .forEach(r -> strengths.put(RiskSignal.FLAGGED_NETWORK, r.strength()));
            }
            ReferralRisk risk = score(strengths);
            RiskLevel before =
                    sibling.risk() == null ? RiskLevel.LOW : sibling.risk().level();
            if (risk.level().compareTo(before) <= 0) {
                continue;
            }
            if (sibling.status() == ReferralStatus.PENDING && risk.level() == RiskLevel.HIGH) {
                if (risks.holdSibling(sibling.referralId(), risk)) {
                    tally.referral(contest.id(), ReferralStatus.PENDING, ReferralStatus.FLAGGED, Instant.now(clock));
                    held(contest.id(), sibling.signupIp());
                    continue;
                }
            }
            risks.raise(sibling.referralId(), risk);
        }
    }

    private ReferralRisk score(Map<RiskSignal, Double> strengths) {
        ReferralRisk rulesRisk = rules.combine(strengths, null);
        ReferralRiskModel learned = model.getIfAvailable();
        if (learned == null) {
            return rulesRisk;
        }
        OptionalDouble refined = learned.score(Map.copyOf(strengths), rulesRisk.score());
        return refined.isPresent() ? rules.combine(strengths, refined.getAsDouble()) : rulesRisk;
    }

    private List<JdbcRiskRepository.Sibling> window(long referrerId) {
        // repeats rejected at once (self-referral, duplicate) are not referees the referrer brought in
        return risks.window(referrerId, settings.window()).stream()
                .filter(s -> s.reason() == null
                        || !(s.reason().equals("SELF_REFERRAL") || s.reason().equals("DUPLICATE_EMAIL")))
                .toList();
    }

    private static List<RiskRules.Referee> referees(List<JdbcRiskRepository.Sibling> window) {
        return window.stream().map(JdbcRiskRepository.Sibling::referee).toList();
    }

    /** The contest's average referrals per referring participant, re-read at most every 30 s. */
    private double norm(long contestId) {
        Instant now = Instant.now(clock);
        Norm cached = norms.get(contestId);
        if (cached != null && now.isBefore(cached.at().plus(NORM_TTL)) && !now.isBefore(cached.at())) {
            return cached.value();
        }
        ContestTotals.Totals t = totals.of(contestId);
        // too few referrers for a norm: the configured minimum decides alone
        double value = t.referred() < 10 ? 0 : (double) t.credited() / t.referred();
        norms.put(contestId, new Norm(value, now));
        return value;
    }

    /** The network of the shared-network signal: the /24 of an IPv4 address, the /48 of IPv6. */
    String network(String ip) {
        byte[] bytes = ClientAddresses.Ip.literalBytes(ip);
        if (bytes == null) {
            return null;
        }
        return FraudRules.network(bytes, bytes.length == 4 ? settings.ipv4PrefixLength() : settings.ipv6PrefixLength());
    }
}
