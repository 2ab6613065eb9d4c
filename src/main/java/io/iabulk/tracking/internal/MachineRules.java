package io.iabulk.tracking.internal;

import io.iabulk.platform.ClientAddresses.Ip;
import io.iabulk.tracking.TrackingProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Whether an open or click hit is machine traffic, and why (docs/decisions/0013). The burst rule
 * needs the other clicks of the message and is {@link BurstWindows}'.
 */
public final class MachineRules {

    public static final String APPLE_MPP = "apple-mpp";
    public static final String USER_AGENT = "user-agent";
    public static final String TOO_FAST = "too-fast";
    public static final String BURST = "burst";

    /** The whole user agent of Apple's image proxy: no platform, engine or version details. */
    private static final String GENERIC_USER_AGENT = "mozilla/5.0";

    private record Network(byte[] address, int prefixLength) {}

    private final List<Network> appleNetworks;
    private final List<String> userAgents;
    private final Duration tooFast;

    public MachineRules(TrackingProperties.Machine settings) {
        this.appleNetworks =
                settings.appleNetworks().stream().map(MachineRules::network).toList();
        this.userAgents = settings.userAgents().stream()
                .map(agent -> agent.trim().toLowerCase(Locale.ROOT))
                .filter(agent -> !agent.isEmpty()) // an empty entry would match every agent
                .toList();
        this.tooFast = settings.tooFast();
    }

    /** Why an open hit is machine traffic, or null for a human. */
    public String open(String clientIp, String userAgent) {
        String agent = userAgent == null ? "" : userAgent.trim().toLowerCase(Locale.ROOT);
        if (isGeneric(agent) && isApple(clientIp)) {
            return APPLE_MPP;
        }
        return listed(agent) ? USER_AGENT : null;
    }

    /**
     * Why a click hit is machine traffic, or null for a human (for now: a click of a message with
     * several links may still be judged {@link #BURST}). A click on a message without an accepted
     * time yet is too fast: it can only have been accepted a moment ago.
     */
    public String click(String clientIp, String userAgent, Instant sentAt, Instant at) {
        String reason = open(clientIp, userAgent);
        if (reason != null) {
            return reason;
        }
        return sentAt == null || at.isBefore(sentAt.plus(tooFast)) ? TOO_FAST : null;
    }

    /**
     * Apple's proxy sends exactly {@code Mozilla/5.0}; an absent or blank agent is as generic. A
     * mail app or browser always adds details ({@code (iPhone; ...) AppleWebKit/...}).
     */
    static boolean isGeneric(String lowerCaseAgent) {
        return lowerCaseAgent.isEmpty() || lowerCaseAgent.equals(GENERIC_USER_AGENT);
    }

    private boolean listed(String lowerCaseAgent) {
        for (String marker : userAgents) {
            if (lowerCaseAgent.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private boolean isApple(String clientIp) {
        byte[] address = Ip.literalBytes(clientIp);
        if (address == null) {
            return false;
        }
        for (Network network : appleNetworks) {
            if (network.address().length == address.length
                    && Ip.samePrefix(address, network.address(), network.prefixLength())) {
                return true;
            }
        }
        return false;
    }

    private static Network network(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] address = Ip.literalBytes(slash < 0 ? cidr : cidr.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR range: " + cidr);
        }
        return new Network(address, slash < 0 ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1)));
    }
}
