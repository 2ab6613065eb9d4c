package io.iabulk.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The address of the client behind a request. {@code X-Forwarded-For} is believed only when the
 * direct peer is a configured trusted proxy; the rightmost untrusted hop is the client.
 */
@Component
public class ClientAddresses {

    private final List<Cidr> trusted;

    public ClientAddresses(PlatformProperties properties) {
        this.trusted = properties.trustedProxies().stream().map(Cidr::parse).toList();
    }

    /** The client's IP address as text (as the peer reported it when it cannot be parsed). */
    public String of(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && (i == 0 || !isTrusted(hop))) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** An address range in CIDR notation (a bare address is a range of one). */
    record Cidr(byte[] network, int prefixLength) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            byte[] address = Ip.literalBytes(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + text);
            }
            int prefix = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            return new Cidr(address, prefix);
        }

        boolean contains(String text) {
            byte[] address = Ip.literalBytes(text);
            return address != null && address.length == network.length && Ip.samePrefix(address, network, prefixLength);
        }
    }

    /** IP literal helpers that never resolve host names. */
    public static final class Ip {

        private Ip() {}

        /** The bytes of an IPv4 or IPv6 literal, or {@code null} when the text is not one. */
        public static byte[] literalBytes(String text) {
            if (text == null || text.isEmpty()) {
                return null;
            }
            boolean literal = text.indexOf(':') >= 0 || text.chars().allMatch(c -> c == '.' || Character.isDigit(c));
            if (!literal) {
                return null;
            }
            try {
                String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
                // only literals reach this point, so no name is ever looked up
                return InetAddress.getByName(bare).getAddress();
            } catch (java.net.UnknownHostException | IllegalArgumentException e) {
                return null;
            }
        }

        /** Whether two addresses of the same family share their first {@code bits} bits. */
        public static boolean samePrefix(byte[] a, byte[] b, int bits) {
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != b[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (a[full] & mask) == (b[full] & mask);
        }
    }
}
