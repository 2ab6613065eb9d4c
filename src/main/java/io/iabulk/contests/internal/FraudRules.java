package io.iabulk.contests.internal;

import io.iabulk.contacts.EmailAddress;
import io.iabulk.contests.ContestsProperties;
import io.iabulk.contests.ReferralReason;
import io.iabulk.platform.ClientAddresses;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The rules that flag a referral for review instead of crediting it: a referee at a throwaway-mail
 * domain, or one of too many signups from one network in a short time. Flagging, not blocking:
 * offices and households share addresses, so a person decides.
 */
@Component
class FraudRules {

    private final DisposableDomains disposable;
    private final JdbcParticipantRepository participants;
    private final ContestsProperties.IpVelocity velocity;
    private final boolean disposableEnabled;
    private final Clock clock;

    FraudRules(
            DisposableDomains disposable,
            JdbcParticipantRepository participants,
            ContestsProperties properties,
            Clock clock) {
        this.disposable = disposable;
        this.participants = participants;
        this.velocity = properties.fraud().ipVelocity();
        this.disposableEnabled = properties.fraud().disposableDomains().enabled();
        this.clock = clock;
    }

    /** Why a referral of a new participant with this address, from this network, is flagged. */
    Optional<ReferralReason> flag(long contestId, EmailAddress email, String network) {
        if (disposableEnabled && disposable.isDisposable(email.domain())) {
            return Optional.of(ReferralReason.DISPOSABLE_DOMAIN);
        }
        if (velocity.enabled() && network != null) {
            Instant since = Instant.now(clock).minus(velocity.window());
            int recent = participants.countSignupsFromNetwork(contestId, network, since, velocity.maxSignups());
            // this signup would be one more than the allowed number
            if (recent >= velocity.maxSignups()) {
                return Optional.of(ReferralReason.IP_VELOCITY);
            }
        }
        return Optional.empty();
    }

    /** The network a client address belongs to for the velocity rule (its /24 or /64 by default). */
    String networkOf(String ip) {
        byte[] bytes = ClientAddresses.Ip.literalBytes(ip);
        if (bytes == null) {
            return null;
        }
        return network(bytes, bytes.length == 4 ? velocity.ipv4PrefixLength() : velocity.ipv6PrefixLength());
    }

    /** The first {@code prefix} bits of an address, as the network's key. */
    static String network(byte[] bytes, int prefix) {
        StringBuilder network = new StringBuilder(bytes.length == 4 ? "4:" : "6:");
        for (int bit = 0; bit < prefix; bit += 8) {
            int keep = Math.min(8, prefix - bit);
            int value = bytes[bit / 8] & (0xFF << (8 - keep)) & 0xFF;
            network.append(Integer.toHexString(value)).append('.');
        }
        return network.append('/').append(prefix).toString();
    }
}
